package kubegov.reliability.hpa_target_missing_test

import data.kubegov.reliability.hpa_target_missing as policy
import rego.v1

hpa(kind, name) := {"review": {"object": {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "h", "namespace": "shop"}, "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": kind, "name": name}, "minReplicas": 2, "maxReplicas": 5}}}}

inv := {"namespace": {"shop": {"apps/v1": {"Deployment": {"web": {"kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"}}}}}}}

test_existing_target_allowed if {
	count(policy.violation) == 0 with input as hpa("Deployment", "web") with data.inventory as inv
}

test_missing_name_denied if {
	vs := policy.violation with input as hpa("Deployment", "wbe") with data.inventory as inv
	count(vs) == 1
	some v in vs
	v.path == "spec.scaleTargetRef.name"
}

test_wrong_kind_denied if {
	count(policy.violation) == 1 with input as hpa("StatefulSet", "web") with data.inventory as inv
}
