package kubegov.rbac.system_masters_binding_test

import data.kubegov.rbac.system_masters_binding as policy
import rego.v1

binding(subjects, labels) := {"review": {"object": {
	"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
	"metadata": {"name": "b", "labels": labels},
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"},
	"subjects": subjects,
}}}

test_group_denied if {
	vs := policy.violation with input as binding([{"kind": "User", "name": "a"}, {"kind": "Group", "name": "system:masters"}], {})
	count(vs) == 1
	some v in vs
	v.path == "subjects[1].name"
}

test_user_named_like_the_group_allowed if {
	count(policy.violation) == 0 with input as binding([{"kind": "User", "name": "system:masters"}], {})
}

test_other_groups_allowed if {
	count(policy.violation) == 0 with input as binding([{"kind": "Group", "name": "admins"}], {})
}

test_builtin_exempt if {
	count(policy.violation) == 0 with input as binding([{"kind": "Group", "name": "system:masters"}], {"kubernetes.io/bootstrapping": "rbac-defaults"})
}
