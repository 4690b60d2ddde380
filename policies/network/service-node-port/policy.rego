# METADATA
# title: Service of type NodePort
# description: |
#   A NodePort Service opens its port on every node of the cluster, usually
#   outside any load balancer, firewall rule or ingress controller that guards
#   the rest of the traffic, and often on addresses reachable from outside.
#   Expose applications through an Ingress or a LoadBalancer instead.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport
# custom:
#   id: service-node-port
#   severity: medium
#   category: network
#   kinds:
#   - apiGroups: [""]
#     kinds: [Service]
#   controls:
#     nsa: ["network-separation"]
#     mitre: ["T1133"]
#   remediation: "Use `type: ClusterIP` behind an Ingress (or a LoadBalancer) instead of `type: NodePort`."
package kubegov.network.service_node_port

import rego.v1

violation contains {"msg": msg, "path": "spec.type"} if {
	svc := input.review.object
	svc.spec.type == "NodePort"
	ports := [sprintf("%v", [object.get(p, "nodePort", "auto")]) | some p in object.get(svc.spec, "ports", [])]
	msg := sprintf("service `%s` is of type `NodePort` (node ports: %s)", [svc.metadata.name, concat(", ", ports)])
}
