# METADATA
# title: Host and path routed by several Ingresses
# description: |
#   Two Ingresses of the same class that route the same host and path conflict:
#   which backend receives the traffic depends on the controller and on the
#   order the objects were created, and a team can take over another team's
#   traffic by copying its host. The other Ingresses are looked up among the
#   objects evaluated together (the inventory), in every namespace.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/services-networking/ingress/#name-based-virtual-hosting
# custom:
#   id: ingress-duplicate-host-path
#   severity: medium
#   category: network
#   kinds:
#   - apiGroups: ["networking.k8s.io", "extensions"]
#     kinds: [Ingress]
#   controls:
#     nsa: ["network-separation"]
#   remediation: "Route each host and path from one Ingress only; merge the rules or use different paths."
package kubegov.network.ingress_duplicate_host_path

import rego.v1

ing := input.review.object

me := {"namespace": object.get(ing.metadata, "namespace", ""), "name": ing.metadata.name}

class(o) := object.get(o, ["spec", "ingressClassName"], object.get(o, ["metadata", "annotations", "kubernetes.io/ingress.class"], ""))

# Every (host, path) routed by an Ingress, with the field path of the path.
routes(o) := {{"host": object.get(r, "host", ""), "path": object.get(p, "path", "/"), "field": sprintf("spec.rules[%d].http.paths[%d].path", [i, j])} |
	some i, r in object.get(o, ["spec", "rules"], [])
	some j, p in object.get(r, ["http", "paths"], [])
}

# Every other Ingress of the inventory: {"namespace", "name", "object"}.
others contains {"namespace": ns, "name": name, "object": o} if {
	some ns, api_version, name
	o := data.inventory.namespace[ns][api_version].Ingress[name]
	{"namespace": ns, "name": name} != me
}

others contains {"namespace": "", "name": name, "object": o} if {
	some api_version, name
	o := data.inventory.cluster[api_version].Ingress[name]
	{"namespace": "", "name": name} != me
}

violation contains {"msg": msg, "path": r.field} if {
	some r in routes(ing)
	some other in others
	class(other.object) == class(ing)
	some q in routes(other.object)
	q.host == r.host
	q.path == r.path
	msg := sprintf("host `%s` path `%s` is also routed by ingress `%s/%s`", [r.host, r.path, other.namespace, other.name])
}
