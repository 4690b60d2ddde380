# METADATA
# title: Namespace without a default-deny NetworkPolicy
# description: |
#   Pods accept traffic from everywhere until a NetworkPolicy selects them. A
#   default-deny policy in each namespace (empty `podSelector`, `policyTypes`
#   covering `Ingress`, no `ingress` rule) makes every other policy an explicit
#   allow list. This policy looks for one among the objects evaluated together
#   with the Namespace (the inventory), so check a namespace with its policies.
#   Namespaces in the `exemptNamespaces` parameter are skipped.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic
# custom:
#   id: namespace-default-deny
#   severity: medium
#   category: network
#   kinds:
#   - apiGroups: [""]
#     kinds: [Namespace]
#   controls:
#     cis: ["5.3.2"]
#     nsa: ["network-separation"]
#   parameters: {"type": "object", "properties": {"exemptNamespaces": {"type": "array", "items": {"type": "string"}, "default": ["kube-system", "kube-public", "kube-node-lease"], "description": "namespaces that need no default-deny policy"}}}
#   remediation: "Add a NetworkPolicy with `podSelector: {}` and `policyTypes: [Ingress]` (and `Egress` if egress is to be restricted too) to the namespace."
package kubegov.network.namespace_default_deny

import rego.v1

ns := input.review.object.metadata.name

exempt := {n | some n in object.get(input, ["parameters", "exemptNamespaces"], [])}

# True for a policy that isolates every pod of the namespace for ingress and
# allows nothing by itself.
default_deny(np) if {
	spec := object.get(np, "spec", {})
	object.get(spec, "podSelector", {}) == {}
	covers_ingress(spec)
	count(object.get(spec, "ingress", [])) == 0
}

# Without `policyTypes`, a policy always covers Ingress.
covers_ingress(spec) if not spec.policyTypes

covers_ingress(spec) if "Ingress" in spec.policyTypes

has_default_deny if {
	some api_version, name
	default_deny(data.inventory.namespace[ns][api_version].NetworkPolicy[name])
}

violation contains {"msg": msg, "path": "metadata.name"} if {
	not ns in exempt
	not has_default_deny
	msg := sprintf("namespace `%s` has no default-deny ingress NetworkPolicy", [ns])
}
