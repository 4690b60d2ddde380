package kubegov.rbac.anonymous_subjects_test

import data.kubegov.rbac.anonymous_subjects as policy
import rego.v1

binding(subjects, labels) := {"review": {"object": {
	"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
	"metadata": {"name": "b", "labels": labels},
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"},
	"subjects": subjects,
}}}

test_anonymous_user_denied if {
	vs := policy.violation with input as binding([{"kind": "User", "name": "alice"}, {"kind": "User", "name": "system:anonymous"}], {})
	count(vs) == 1
	some v in vs
	v.path == "subjects[1].name"
}

test_groups_denied if {
	count(policy.violation) == 2 with input as binding([{"kind": "Group", "name": "system:authenticated"}, {"kind": "Group", "name": "system:unauthenticated"}], {})
}

test_named_subjects_allowed if {
	count(policy.violation) == 0 with input as binding([{"kind": "Group", "name": "devs"}, {"kind": "ServiceAccount", "name": "system:anonymous", "namespace": "x"}], {})
}

test_builtin_discovery_binding_exempt if {
	count(policy.violation) == 0 with input as binding([{"kind": "Group", "name": "system:unauthenticated"}], {"kubernetes.io/bootstrapping": "rbac-defaults"})
}
