package kubegov.network.service_node_port_test

import data.kubegov.network.service_node_port as policy
import rego.v1

svc(spec) := {"review": {"object": {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": spec}}}

test_node_port_denied if {
	vs := policy.violation with input as svc({"type": "NodePort", "ports": [{"port": 80, "nodePort": 30080}, {"port": 443}]})
	count(vs) == 1
	some v in vs
	v.msg == "service `s` is of type `NodePort` (node ports: 30080, auto)"
}

test_cluster_ip_allowed if {
	count(policy.violation) == 0 with input as svc({"type": "ClusterIP", "ports": [{"port": 80}]})
}

test_default_type_allowed if {
	count(policy.violation) == 0 with input as svc({"ports": [{"port": 80}]})
}
