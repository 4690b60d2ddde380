package kubegov.reliability.replica_count_test

import data.kubegov.reliability.replica_count as policy
import rego.v1

deployment(spec) := {"review": {"object": {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"}, "spec": spec}}, "parameters": {"minReplicas": 2}}

hpa(min) := {"namespace": {"shop": {"autoscaling/v2": {"HorizontalPodAutoscaler": {"web": {"kind": "HorizontalPodAutoscaler", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}, "minReplicas": min, "maxReplicas": 10}}}}}}}

test_one_replica_denied if {
	vs := policy.violation with input as deployment({"replicas": 1}) with data.inventory as {"namespace": {}}
	count(vs) == 1
	some v in vs
	v.msg == "deployment `web` runs 1 replica(s), fewer than 2"
}

test_unset_replicas_denied if {
	count(policy.violation) == 1 with input as deployment({}) with data.inventory as {"namespace": {}}
}

test_enough_replicas_allowed if {
	count(policy.violation) == 0 with input as deployment({"replicas": 3}) with data.inventory as {"namespace": {}}
}

test_autoscaled_allowed if {
	count(policy.violation) == 0 with input as deployment({}) with data.inventory as hpa(2)
}

test_autoscaler_with_low_minimum_denied if {
	count(policy.violation) == 1 with input as deployment({}) with data.inventory as hpa(1)
}
