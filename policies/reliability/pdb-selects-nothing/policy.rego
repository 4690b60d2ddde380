# METADATA
# title: PodDisruptionBudget selecting no workload
# description: |
#   A PodDisruptionBudget whose selector matches the pods of no workload of its
#   namespace protects nothing, usually because of a label typo, while the
#   workload it was meant for can be drained all at once. The workloads are
#   looked up among the objects evaluated together (the inventory).
# related_resources:
# - ref: https://kubernetes.io/docs/tasks/run-application/configure-pdb/
# custom:
#   id: pdb-selects-nothing
#   severity: medium
#   category: reliability
#   kinds:
#   - apiGroups: ["policy"]
#     kinds: [PodDisruptionBudget]
#   remediation: "Fix `spec.selector` so that it matches the pod template labels of the workload to protect."
package kubegov.reliability.pdb_selects_nothing

import data.kubegov.lib.selectors
import rego.v1

pdb := input.review.object

violation contains {"msg": msg, "path": "spec.selector"} if {
	selector := object.get(pdb, ["spec", "selector"], {})
	not selects_something(selector)
	msg := sprintf("pod disruption budget `%s` selects no workload of its namespace", [pdb.metadata.name])
}

selects_something(selector) if {
	some w in selectors.candidates(selectors.namespace, object.get(selector, "matchLabels", {}))
	selectors.matches(selector, w.labels)
}
