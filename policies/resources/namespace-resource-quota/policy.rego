# METADATA
# title: Namespace without a ResourceQuota
# description: |
#   A ResourceQuota caps the CPU, memory, storage and object counts a
#   namespace may consume, so that one team or a runaway controller cannot
#   exhaust the cluster.
#   The ResourceQuota is looked up among the objects evaluated together with
#   the Namespace (the inventory). Advisory; namespaces in the
#   `exemptNamespaces` parameter are skipped.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/policy/resource-quotas/
# custom:
#   id: namespace-resource-quota
#   severity: low
#   category: resources
#   kinds:
#   - apiGroups: [""]
#     kinds: [Namespace]
#   controls:
#     nsa: ["resource-policies"]
#   parameters: {"type": "object", "properties": {"exemptNamespaces": {"type": "array", "items": {"type": "string"}, "default": ["kube-system", "kube-public", "kube-node-lease", "default"], "description": "namespaces that need no ResourceQuota"}}}
#   remediation: "Add a ResourceQuota (requests.cpu, requests.memory, limits.memory, pods) to the namespace."
package kubegov.resources.namespace_resource_quota

import rego.v1

ns := input.review.object.metadata.name

exempt := {n | some n in object.get(input, ["parameters", "exemptNamespaces"], [])}

present if {
	some api_version, name
	data.inventory.namespace[ns][api_version].ResourceQuota[name]
}

warn contains {"msg": msg, "path": "metadata.name"} if {
	not ns in exempt
	not present
	msg := sprintf("namespace `%s` has no ResourceQuota", [ns])
}
