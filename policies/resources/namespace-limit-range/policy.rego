# METADATA
# title: Namespace without a LimitRange
# description: |
#   A LimitRange gives containers that set no requests or limits sensible
#   defaults and caps what one container may ask for, so a forgotten
#   `resources` block cannot starve the namespace's node.
#   The LimitRange is looked up among the objects evaluated together with
#   the Namespace (the inventory). Advisory; namespaces in the
#   `exemptNamespaces` parameter are skipped.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/policy/limit-range/
# custom:
#   id: namespace-limit-range
#   severity: low
#   category: resources
#   kinds:
#   - apiGroups: [""]
#     kinds: [Namespace]
#   controls:
#     nsa: ["resource-policies"]
#   parameters: {"type": "object", "properties": {"exemptNamespaces": {"type": "array", "items": {"type": "string"}, "default": ["kube-system", "kube-public", "kube-node-lease", "default"], "description": "namespaces that need no LimitRange"}}}
#   remediation: "Add a LimitRange with `default` and `defaultRequest` for containers to the namespace."
package kubegov.resources.namespace_limit_range

import rego.v1

ns := input.review.object.metadata.name

exempt := {n | some n in object.get(input, ["parameters", "exemptNamespaces"], [])}

present if {
	some api_version, name
	data.inventory.namespace[ns][api_version].LimitRange[name]
}

warn contains {"msg": msg, "path": "metadata.name"} if {
	not ns in exempt
	not present
	msg := sprintf("namespace `%s` has no LimitRange", [ns])
}
