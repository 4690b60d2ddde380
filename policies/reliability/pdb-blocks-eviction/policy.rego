# METADATA
# title: PodDisruptionBudget that allows no disruption
# description: |
#   A PodDisruptionBudget with `maxUnavailable: 0` (or `0%`) or
#   `minAvailable: 100%` never allows an eviction: node drains and cluster
#   upgrades block until someone deletes the budget by hand.
# related_resources:
# - ref: https://kubernetes.io/docs/tasks/run-application/configure-pdb/#arbitrary-controllers-and-selectors
# custom:
#   id: pdb-blocks-eviction
#   severity: medium
#   category: reliability
#   kinds:
#   - apiGroups: ["policy"]
#     kinds: [PodDisruptionBudget]
#   remediation: "Allow at least one disruption: `maxUnavailable: 1` or a `minAvailable` below the replica count."
package kubegov.reliability.pdb_blocks_eviction

import rego.v1

pdb := input.review.object

violation contains {"msg": msg, "path": "spec.maxUnavailable"} if {
	v := pdb.spec.maxUnavailable
	v in {0, "0", "0%"}
	msg := sprintf("pod disruption budget `%s` sets `maxUnavailable: %v`: no pod can ever be evicted", [pdb.metadata.name, v])
}

violation contains {"msg": msg, "path": "spec.minAvailable"} if {
	pdb.spec.minAvailable == "100%"
	msg := sprintf("pod disruption budget `%s` sets `minAvailable: 100%%`: no pod can ever be evicted", [pdb.metadata.name])
}
