package kubegov.reliability.pdb_selects_nothing_test

import data.kubegov.reliability.pdb_selects_nothing as policy
import rego.v1

pdb(selector) := {"review": {"object": {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"minAvailable": 1, "selector": selector}}}}

inv(labels) := {"namespace": {"shop": {"apps/v1": {"StatefulSet": {"web": {"kind": "StatefulSet", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"template": {"metadata": {"labels": labels}}}}}}}}}

test_match_labels_allowed if {
	count(policy.violation) == 0 with input as pdb({"matchLabels": {"app": "web"}}) with data.inventory as inv({"app": "web"})
}

test_match_expressions_allowed if {
	sel := {"matchExpressions": [{"key": "app", "operator": "In", "values": ["web", "api"]}, {"key": "canary", "operator": "DoesNotExist"}]}
	count(policy.violation) == 0 with input as pdb(sel) with data.inventory as inv({"app": "web"})
}

test_typo_denied if {
	count(policy.violation) == 1 with input as pdb({"matchLabels": {"app": "wbe"}}) with data.inventory as inv({"app": "web"})
}

test_not_in_denied if {
	sel := {"matchExpressions": [{"key": "app", "operator": "NotIn", "values": ["web"]}]}
	count(policy.violation) == 1 with input as pdb(sel) with data.inventory as inv({"app": "web"})
}

test_no_workloads_denied if {
	count(policy.violation) == 1 with input as pdb({"matchLabels": {"app": "web"}}) with data.inventory as {"namespace": {}}
}
