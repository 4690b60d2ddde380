# METADATA
# title: HorizontalPodAutoscaler targeting a missing workload
# description: |
#   An autoscaler whose `scaleTargetRef` names no workload of its namespace
#   scales nothing: the workload it was written for runs at its static replica
#   count under load. The target is looked up among the objects evaluated
#   together (the inventory), by kind and name.
# related_resources:
# - ref: https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
# custom:
#   id: hpa-target-missing
#   severity: medium
#   category: reliability
#   kinds:
#   - apiGroups: ["autoscaling"]
#     kinds: [HorizontalPodAutoscaler]
#   remediation: "Fix `spec.scaleTargetRef` (kind and name) so that it names the workload to scale."
package kubegov.reliability.hpa_target_missing

import data.kubegov.lib.selectors
import rego.v1

hpa := input.review.object

ref := hpa.spec.scaleTargetRef

violation contains {"msg": msg, "path": "spec.scaleTargetRef.name"} if {
	not target_exists
	msg := sprintf("horizontal pod autoscaler `%s` targets %s `%s`, which is not among the evaluated objects of its namespace", [hpa.metadata.name, ref.kind, ref.name])
}

target_exists if selectors.has_object(selectors.namespace, ref.kind, ref.name)
