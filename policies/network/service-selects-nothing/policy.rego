# METADATA
# title: Service selecting no workload
# description: |
#   A Service whose selector matches the pods of no workload of its namespace
#   has no endpoints: its clients fail, usually because of a typo in a label.
#   The workloads are looked up among the objects evaluated together (the
#   inventory), so check a Service with its workloads. Services without a
#   selector (endpoints managed by hand) and ExternalName Services are skipped.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors
# custom:
#   id: service-selects-nothing
#   severity: low
#   category: network
#   kinds:
#   - apiGroups: [""]
#     kinds: [Service]
#   remediation: "Fix `spec.selector` so that it matches the pod template labels of the workload behind the Service."
package kubegov.network.service_selects_nothing

import data.kubegov.lib.selectors
import rego.v1

svc := input.review.object

violation contains {"msg": msg, "path": "spec.selector"} if {
	object.get(svc.spec, "type", "ClusterIP") != "ExternalName"
	selector := object.get(svc.spec, "selector", {})
	count(selector) > 0
	not selects_something(selector)
	pairs := [sprintf("%s=%s", [k, v]) | some k, v in selector]
	msg := sprintf("service `%s` selects no workload of its namespace (selector `%s`)", [svc.metadata.name, concat(",", pairs)])
}

selects_something(selector) if {
	some w in selectors.candidates(selectors.namespace, selector)
	selectors.map_matches(selector, w.labels)
}
