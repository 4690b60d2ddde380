package kubegov.network.service_load_balancer_test

import data.kubegov.network.service_load_balancer as policy
import rego.v1

svc(spec) := {"review": {"object": {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": spec}}}

test_open_load_balancer_warned if {
	count(policy.warn) == 1 with input as svc({"type": "LoadBalancer", "ports": [{"port": 443}]})
}

test_source_ranges_allowed if {
	count(policy.warn) == 0 with input as svc({"type": "LoadBalancer", "loadBalancerSourceRanges": ["10.0.0.0/8"]})
}

test_cluster_ip_allowed if {
	count(policy.warn) == 0 with input as svc({"type": "ClusterIP"})
}
