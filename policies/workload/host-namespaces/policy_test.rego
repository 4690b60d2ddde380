package kubegov.workload.host_namespaces_test

import data.kubegov.workload.host_namespaces as policy
import rego.v1

pod(spec) := {"review": {"object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": spec}}}

test_host_network_denied if {
	some v in policy.violation with input as pod({"hostNetwork": true, "containers": []})
	v.path == "spec.hostNetwork"
}

test_all_three_reported if {
	count(policy.violation) == 3 with input as pod({"hostNetwork": true, "hostPID": true, "hostIPC": true})
}

test_false_allowed if {
	count(policy.violation) == 0 with input as pod({"hostNetwork": false, "containers": []})
}
