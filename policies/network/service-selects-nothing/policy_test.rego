package kubegov.network.service_selects_nothing_test

import data.kubegov.network.service_selects_nothing as policy
import rego.v1

svc(selector) := {"review": {"object": {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"selector": selector, "ports": [{"port": 80}]}}}}

deployment(labels) := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"template": {"metadata": {"labels": labels}, "spec": {"containers": []}}}}

inv(objs) := {"namespace": {"shop": {"apps/v1": {"Deployment": {"web": o | some o in objs}}}}}

test_matching_workload_allowed if {
	count(policy.violation) == 0 with input as svc({"app": "web"}) with data.inventory as inv([deployment({"app": "web", "tier": "front"})])
}

test_typo_denied if {
	vs := policy.violation with input as svc({"app": "wbe"}) with data.inventory as inv([deployment({"app": "web"})])
	count(vs) == 1
	some v in vs
	v.msg == "service `web` selects no workload of its namespace (selector `app=wbe`)"
}

test_workload_in_other_namespace_denied if {
	inv2 := {"namespace": {"other": {"apps/v1": {"Deployment": {"web": deployment({"app": "web"})}}}}}
	count(policy.violation) == 1 with input as svc({"app": "web"}) with data.inventory as inv2
}

test_selectorless_service_allowed if {
	count(policy.violation) == 0 with input as svc({}) with data.inventory as {"namespace": {}}
}
