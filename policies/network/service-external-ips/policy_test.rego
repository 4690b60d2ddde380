package kubegov.network.service_external_ips_test

import data.kubegov.network.service_external_ips as policy
import rego.v1

svc(ips, allowed) := {"review": {"object": {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": {"externalIPs": ips}}}, "parameters": {"allowedIPs": allowed}}

test_external_ips_denied if {
	vs := policy.violation with input as svc(["1.2.3.4", "5.6.7.8"], [])
	count(vs) == 2
	{v.path | some v in vs} == {"spec.externalIPs[0]", "spec.externalIPs[1]"}
}

test_allowed_ip_accepted if {
	count(policy.violation) == 1 with input as svc(["1.2.3.4", "5.6.7.8"], ["5.6.7.8"])
}

test_no_external_ips_allowed if {
	count(policy.violation) == 0 with input as {"review": {"object": {"kind": "Service", "metadata": {"name": "s"}, "spec": {"ports": [{"port": 80}]}}}}
}
