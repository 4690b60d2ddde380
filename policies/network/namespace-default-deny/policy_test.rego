package kubegov.network.namespace_default_deny_test

import data.kubegov.network.namespace_default_deny as policy
import rego.v1

namespace(name) := {"review": {"object": {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}}, "parameters": {"exemptNamespaces": ["kube-system"]}}

inventory(ns, spec) := {"namespace": {ns: {"networking.k8s.io/v1": {"NetworkPolicy": {"np": {"kind": "NetworkPolicy", "metadata": {"name": "np", "namespace": ns}, "spec": spec}}}}}}

test_no_policy_denied if {
	count(policy.violation) == 1 with input as namespace("shop") with data.inventory as {"namespace": {}}
}

test_default_deny_allowed if {
	inv := inventory("shop", {"podSelector": {}, "policyTypes": ["Ingress"]})
	count(policy.violation) == 0 with input as namespace("shop") with data.inventory as inv
}

test_policy_types_unset_covers_ingress if {
	inv := inventory("shop", {"podSelector": {}})
	count(policy.violation) == 0 with input as namespace("shop") with data.inventory as inv
}

test_egress_only_policy_denied if {
	inv := inventory("shop", {"podSelector": {}, "policyTypes": ["Egress"]})
	count(policy.violation) == 1 with input as namespace("shop") with data.inventory as inv
}

test_selective_policy_denied if {
	inv := inventory("shop", {"podSelector": {"matchLabels": {"app": "web"}}, "policyTypes": ["Ingress"]})
	count(policy.violation) == 1 with input as namespace("shop") with data.inventory as inv
}

test_allow_all_policy_denied if {
	inv := inventory("shop", {"podSelector": {}, "policyTypes": ["Ingress"], "ingress": [{}]})
	count(policy.violation) == 1 with input as namespace("shop") with data.inventory as inv
}

test_policy_in_other_namespace_denied if {
	inv := inventory("other", {"podSelector": {}, "policyTypes": ["Ingress"]})
	count(policy.violation) == 1 with input as namespace("shop") with data.inventory as inv
}

test_exempt_namespace_allowed if {
	count(policy.violation) == 0 with input as namespace("kube-system") with data.inventory as {"namespace": {}}
}
