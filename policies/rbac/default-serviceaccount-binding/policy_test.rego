package kubegov.rbac.default_serviceaccount_binding_test

import data.kubegov.rbac.default_serviceaccount_binding as policy
import rego.v1

binding(subjects) := {"review": {"object": {
	"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
	"metadata": {"name": "b", "namespace": "shop"},
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "reader"},
	"subjects": subjects,
}}}

test_default_account_denied if {
	vs := policy.violation with input as binding([{"kind": "ServiceAccount", "name": "app"}, {"kind": "ServiceAccount", "name": "default"}])
	count(vs) == 1
	some v in vs
	v.path == "subjects[1].name"
	v.msg == "role binding `b` binds role `reader` to the default service account of namespace `shop`"
}

test_all_service_accounts_groups_denied if {
	count(policy.violation) == 2 with input as binding([{"kind": "Group", "name": "system:serviceaccounts"}, {"kind": "Group", "name": "system:serviceaccounts:shop"}])
}

test_dedicated_account_allowed if {
	count(policy.violation) == 0 with input as binding([{"kind": "ServiceAccount", "name": "app", "namespace": "shop"}, {"kind": "User", "name": "default"}])
}
