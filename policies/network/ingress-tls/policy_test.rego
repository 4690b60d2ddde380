package kubegov.network.ingress_tls_test

import data.kubegov.network.ingress_tls as policy
import rego.v1

ingress(spec) := {"review": {"object": {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "i"}, "spec": spec}}}

rules(hosts) := [{"host": h, "http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "s", "port": {"number": 80}}}}]}} | some h in hosts]

test_no_tls_denied if {
	vs := policy.violation with input as ingress({"rules": rules(["a.example.com"])})
	count(vs) == 1
	some v in vs
	v.path == "spec.tls"
	v.msg == "ingress `i` has no `spec.tls`: hosts `a.example.com` are served over plain HTTP"
}

test_covered_hosts_allowed if {
	count(policy.violation) == 0 with input as ingress({"rules": rules(["a.example.com", "b.example.com"]), "tls": [{"hosts": ["a.example.com"], "secretName": "a"}, {"hosts": ["*.example.com"], "secretName": "w"}]})
}

test_uncovered_host_denied if {
	vs := policy.violation with input as ingress({"rules": rules(["a.example.com", "a.b.example.com", "example.com"]), "tls": [{"hosts": ["*.example.com"], "secretName": "w"}]})
	{v.path | some v in vs} == {"spec.rules[1].host", "spec.rules[2].host"}
}

test_misspelt_tls_host_denied if {
	count(policy.violation) == 1 with input as ingress({"rules": rules(["shop.example.com"]), "tls": [{"hosts": ["shop.exmaple.com"], "secretName": "w"}]})
}
