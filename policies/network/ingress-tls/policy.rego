# METADATA
# title: Ingress without TLS
# description: |
#   An Ingress without `spec.tls` serves its hosts over plain HTTP: credentials
#   and session cookies cross the network in clear text. With `spec.tls` set,
#   every host of the rules must be covered by one of its entries (a wildcard
#   `*.example.com` covers one label).
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/services-networking/ingress/#tls
# custom:
#   id: ingress-tls
#   severity: medium
#   category: network
#   kinds:
#   - apiGroups: ["networking.k8s.io", "extensions"]
#     kinds: [Ingress]
#   controls:
#     nsa: ["network-separation"]
#     mitre: ["T1040"]
#   remediation: "Add a `spec.tls` entry listing every host of the Ingress with the Secret holding its certificate."
package kubegov.network.ingress_tls

import rego.v1

ing := input.review.object

tls := object.get(ing, ["spec", "tls"], [])

hosts := [r.host | some r in object.get(ing, ["spec", "rules"], []); r.host]

violation contains {"msg": msg, "path": "spec.tls"} if {
	count(tls) == 0
	msg := sprintf("ingress `%s` has no `spec.tls`: %s served over plain HTTP", [ing.metadata.name, served(hosts)])
}

served(hs) := sprintf("hosts %s are", [concat(", ", [sprintf("`%s`", [h]) | some h in hs])]) if count(hs) > 0

served(hs) := "its backends are" if count(hs) == 0

violation contains {"msg": msg, "path": sprintf("spec.rules[%d].host", [i])} if {
	count(tls) > 0
	some i, r in ing.spec.rules
	host := r.host
	not covered(host)
	msg := sprintf("host `%s` of ingress `%s` is not covered by `spec.tls`", [host, ing.metadata.name])
}

covered(host) if {
	some t in tls
	some h in object.get(t, "hosts", [])
	host_matches(h, host)
}

host_matches(pattern, host) if pattern == host

host_matches(pattern, host) if {
	startswith(pattern, "*.")
	suffix := substring(pattern, 1, -1)
	endswith(host, suffix)
	label := trim_suffix(host, suffix)
	label != ""
	not contains(label, ".")
}
