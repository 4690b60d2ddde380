# METADATA
# title: Service with external IPs
# description: |
#   Whoever can create a Service with `spec.externalIPs` can intercept traffic
#   the cluster sends to those addresses (CVE-2020-8554): the nodes route it to
#   the Service's pods. Only addresses listed in the `allowedIPs` parameter
#   are accepted (none by default).
# related_resources:
# - ref: https://github.com/kubernetes/kubernetes/issues/97076
# - ref: https://kubernetes.io/docs/concepts/services-networking/service/#external-ips
# custom:
#   id: service-external-ips
#   severity: high
#   category: network
#   kinds:
#   - apiGroups: [""]
#     kinds: [Service]
#   controls:
#     nsa: ["network-separation"]
#     mitre: ["T1557"]
#   parameters: {"type": "object", "properties": {"allowedIPs": {"type": "array", "items": {"type": "string"}, "default": [], "description": "external IPs a Service may use"}}}
#   remediation: "Remove `spec.externalIPs`; use a LoadBalancer or an Ingress, and block the field with the DenyServiceExternalIPs admission plugin."
package kubegov.network.service_external_ips

import rego.v1

allowed := {ip | some ip in object.get(input, ["parameters", "allowedIPs"], [])}

violation contains {"msg": msg, "path": sprintf("spec.externalIPs[%d]", [i])} if {
	svc := input.review.object
	some i, ip in object.get(svc.spec, "externalIPs", [])
	not ip in allowed
	msg := sprintf("service `%s` uses external IP `%s`", [svc.metadata.name, ip])
}
