package kubegov.network.ingress_duplicate_host_path_test

import data.kubegov.network.ingress_duplicate_host_path as policy
import rego.v1

ingress(ns, name, host, path, class) := {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": name, "namespace": ns}, "spec": {"ingressClassName": class, "rules": [{"host": host, "http": {"paths": [{"path": path, "pathType": "Prefix", "backend": {"service": {"name": "s", "port": {"number": 80}}}}]}}]}}

inv(objs) := {"namespace": {ns: {"networking.k8s.io/v1": {"Ingress": {o.metadata.name: o | some o in objs; o.metadata.namespace == ns}}} | some ns in {o.metadata.namespace | some o in objs}}}

test_duplicate_in_other_namespace_denied if {
	a := ingress("shop", "a", "shop.example.com", "/api", "nginx")
	b := ingress("team", "b", "shop.example.com", "/api", "nginx")
	vs := policy.violation with input as {"review": {"object": a}} with data.inventory as inv([a, b])
	count(vs) == 1
	some v in vs
	v.path == "spec.rules[0].http.paths[0].path"
	v.msg == "host `shop.example.com` path `/api` is also routed by ingress `team/b`"
}

test_itself_is_not_a_duplicate if {
	a := ingress("shop", "a", "shop.example.com", "/api", "nginx")
	count(policy.violation) == 0 with input as {"review": {"object": a}} with data.inventory as inv([a])
}

test_other_path_allowed if {
	a := ingress("shop", "a", "shop.example.com", "/api", "nginx")
	b := ingress("shop", "b", "shop.example.com", "/web", "nginx")
	count(policy.violation) == 0 with input as {"review": {"object": a}} with data.inventory as inv([a, b])
}

test_other_class_allowed if {
	a := ingress("shop", "a", "shop.example.com", "/api", "nginx")
	b := ingress("shop", "b", "shop.example.com", "/api", "internal")
	count(policy.violation) == 0 with input as {"review": {"object": a}} with data.inventory as inv([a, b])
}
