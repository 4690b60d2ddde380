package kubegov.resources.namespace_resource_quota_test

import data.kubegov.resources.namespace_resource_quota as policy
import rego.v1

namespace(name) := {"review": {"object": {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}}, "parameters": {"exemptNamespaces": ["kube-system"]}}

inv(ns) := {"namespace": {ns: {"v1": {"ResourceQuota": {"x": {"kind": "ResourceQuota", "metadata": {"name": "x", "namespace": ns}}}}}}}

test_missing_warned if {
	count(policy.warn) == 1 with input as namespace("shop") with data.inventory as {"namespace": {}}
}

test_present_allowed if {
	count(policy.warn) == 0 with input as namespace("shop") with data.inventory as inv("shop")
}

test_other_namespace_does_not_count if {
	count(policy.warn) == 1 with input as namespace("shop") with data.inventory as inv("billing")
}

test_exempt_allowed if {
	count(policy.warn) == 0 with input as namespace("kube-system") with data.inventory as {"namespace": {}}
}
