package kubegov.rbac.cluster_admin_binding_test

import data.kubegov.rbac.cluster_admin_binding as policy
import rego.v1

binding(kind, role, labels) := {"review": {"object": {
	"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind,
	"metadata": {"name": "b", "labels": labels},
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role},
	"subjects": [{"kind": "User", "name": "alice"}],
}}}

test_cluster_role_binding_denied if {
	vs := policy.violation with input as binding("ClusterRoleBinding", "cluster-admin", {})
	count(vs) == 1
	some v in vs
	v.msg == "cluster role binding `b` binds `cluster-admin` to user `alice`"
}

test_namespaced_binding_denied if {
	count(policy.violation) == 1 with input as binding("RoleBinding", "cluster-admin", {})
}

test_other_role_allowed if {
	count(policy.violation) == 0 with input as binding("ClusterRoleBinding", "view", {})
}

test_builtin_binding_exempt if {
	count(policy.violation) == 0 with input as binding("ClusterRoleBinding", "cluster-admin", {"kubernetes.io/bootstrapping": "rbac-defaults"})
}

test_role_named_cluster_admin_is_not_the_cluster_role if {
	inp := {"review": {"object": {"kind": "RoleBinding", "metadata": {"name": "b"}, "roleRef": {"kind": "Role", "name": "cluster-admin"}, "subjects": []}}}
	count(policy.violation) == 0 with input as inp
}
