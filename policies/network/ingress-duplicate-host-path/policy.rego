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

# Every Ingress of the inventory: {"namespace", "name", "object"}.
ingresses contains {"namespace": ns, "name": name, "object": o} if {
	some ns, api_version, name
	o := data.inventory.namespace[ns][api_version].Ingress[name]
}

ingresses contains {"namespace": "", "name": name, "object": o} if {
	some api_version, name
	o := data.inventory.cluster[api_version].Ingress[name]
}

# The Ingresses of the inventory by class, host and path routed:
# {"namespace", "name"}.
by_route[c][host][path] contains {"namespace": i.namespace, "name": i.name} if {
	some i in ingresses
	c := class(i.object)
	some q in routes(i.object)
	host := q.host
	path := q.path
}

# kubegov evaluates `inventory_index` once per evaluation and supplies it as
# `data.kubegov_index[<this package>]` (see lib/selectors_index.rego);
# without it each query builds it. (Copied by a comprehension: a multi-value
# rule without values is undefined, not empty.)
inventory_index := {c: m | some c, m in by_route}

index := v if {
	v := data.kubegov_index["kubegov.network.ingress_duplicate_host_path"]
} else := inventory_index

violation contains {"msg": msg, "path": r.field} if {
	some r in routes(ing)
	some other in object.get(index, [class(ing), r.host, r.path], set())
	other != me
	msg := sprintf("host `%s` path `%s` is also routed by ingress `%s/%s`", [r.host, r.path, other.namespace, other.name])
}
