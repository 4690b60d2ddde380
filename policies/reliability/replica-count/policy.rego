# METADATA
# title: Deployment or StatefulSet with too few replicas
# description: |
#   With a single replica every node drain, eviction or crash is an outage.
#   Deployments and StatefulSets should run at least `minReplicas` replicas
#   (2 by default); an unset `spec.replicas` means 1. A workload that a
#   HorizontalPodAutoscaler evaluated with it scales (with `minReplicas` high
#   enough) is not reported, since the autoscaler owns the count.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#replicas
# custom:
#   id: replica-count
#   severity: low
#   category: reliability
#   kinds:
#   - apiGroups: ["apps"]
#     kinds: [Deployment, StatefulSet]
#   parameters: {"type": "object", "properties": {"minReplicas": {"type": "integer", "minimum": 1, "default": 2, "description": "the fewest replicas a Deployment or StatefulSet may run"}}}
#   remediation: "Set `spec.replicas` to at least 2 (or let a HorizontalPodAutoscaler with `minReplicas` of at least 2 manage it)."
package kubegov.reliability.replica_count

import data.kubegov.lib.selectors
import rego.v1

obj := input.review.object

min_replicas := object.get(input, ["parameters", "minReplicas"], 2)

replicas := object.get(obj, ["spec", "replicas"], 1)

violation contains {"msg": msg, "path": "spec.replicas"} if {
	replicas < min_replicas
	not autoscaled
	msg := sprintf("%s `%s` runs %d replica(s), fewer than %d", [lower(obj.kind), obj.metadata.name, replicas, min_replicas])
}

autoscaled if {
	some hpa in object.get(index, [selectors.namespace, obj.kind, obj.metadata.name], set())
	object.get(hpa.spec, "minReplicas", 1) >= min_replicas
}

# The HorizontalPodAutoscalers of the inventory by namespace (as
# `selectors.scope`), target kind and target name.
hpas[ns][kind][target] contains hpa if {
	some ns, s in data.kubegov.lib.selectors_index.scopes
	some api_version, name
	hpa := s[api_version].HorizontalPodAutoscaler[name]
	kind := hpa.spec.scaleTargetRef.kind
	target := hpa.spec.scaleTargetRef.name
}

# Built once per evaluation by kubegov and supplied as
# `data.kubegov_index[<this package>]` (see lib/selectors_index.rego);
# computed by each query without it.
# (Copied by a comprehension: a multi-value rule without values is
# undefined, not empty.)
inventory_index := {ns: m | some ns, m in hpas}

index := v if {
	v := data.kubegov_index["kubegov.reliability.replica_count"]
} else := inventory_index
