# METADATA
# title: Kubelet event rate limit may drop events
# description: |
#   Events are evidence for investigations. `eventRecordQPS` (or `--event-qps`)
#   should be 0 (unlimited) or at least `minimumQPS`, so that events are not
#   dropped; negative values are invalid. Advisory: reported as a warning.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: kubelet-event-qps
#   severity: low
#   category: node
#   kinds:
#   - apiGroups: ["kubelet.config.k8s.io"]
#     kinds: [KubeletConfiguration]
#   - apiGroups: ["", "apps"]
#     kinds: [Pod, DaemonSet]
#   controls:
#     cis: ["4.2.9"]
#   parameters: {"type": "object", "properties": {"minimumQPS": {"type": "number", "minimum": 0, "default": 5}}}
#   remediation: "Set `eventRecordQPS` to 0 or to a rate high enough for the node's event volume."
package kubegov.node.kubelet_event_qps

import data.kubegov.lib.flags
import rego.v1

config := input.review.object if input.review.object.kind == "KubeletConfiguration"

# The kubelet containers (static pods, DaemonSets) and whether they read a config file.
kubelets := flags.containers("kubelet")

with_config(c) if flags.has(c, "config")


minimum := object.get(object.get(input, "parameters", {}), "minimumQPS", 5)

too_low(q) if {
	q != 0
	q < minimum
}

warn contains {"msg": msg, "path": "eventRecordQPS"} if {
	q := config.eventRecordQPS
	too_low(q)
	msg := sprintf("kubelet limits events to `%v` per second (below `%v`): events may be dropped", [q, minimum])
}

warn contains {"msg": msg, "path": path} if {
	some c in kubelets
	v := flags.value(c, "event-qps")
	too_low(to_number(v))
	msg := sprintf("kubelet limits events to `%s` per second (below `%v`): events may be dropped", [v, minimum])
	path := flags.path(c, "event-qps")
}
