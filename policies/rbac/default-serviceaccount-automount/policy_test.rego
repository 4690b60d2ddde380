package kubegov.rbac.default_serviceaccount_automount_test

import data.kubegov.rbac.default_serviceaccount_automount as policy
import rego.v1

sa(name, extra) := {"review": {"object": object.union({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": name, "namespace": "shop"}}, extra)}}

test_unset_denied if {
	count(policy.violation) == 1 with input as sa("default", {})
}

test_true_denied if {
	count(policy.violation) == 1 with input as sa("default", {"automountServiceAccountToken": true})
}

test_false_allowed if {
	count(policy.violation) == 0 with input as sa("default", {"automountServiceAccountToken": false})
}

test_other_accounts_not_checked if {
	count(policy.violation) == 0 with input as sa("app", {})
}
