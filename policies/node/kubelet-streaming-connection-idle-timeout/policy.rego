# METADATA
# title: Kubelet streaming connections never time out
# description: |
#   With `streamingConnectionIdleTimeout` (or `--streaming-connection-idle-
#   timeout`) set to 0, idle exec, attach and port-forward sessions stay open
#   forever.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: kubelet-streaming-connection-idle-timeout
#   severity: medium
#   category: node
#   kinds:
#   - apiGroups: ["kubelet.config.k8s.io"]
#     kinds: [KubeletConfiguration]
#   - apiGroups: ["", "apps"]
#     kinds: [Pod, DaemonSet]
#   controls:
#     cis: ["4.2.5"]
#   remediation: "Set `streamingConnectionIdleTimeout` to a non-zero duration such as `5m`."
package kubegov.node.kubelet_streaming_connection_idle_timeout

import data.kubegov.lib.flags
import rego.v1

config := input.review.object if input.review.object.kind == "KubeletConfiguration"

# The kubelet containers (static pods, DaemonSets) and whether they read a config file.
kubelets := flags.containers("kubelet")

with_config(c) if flags.has(c, "config")


zero(v) if v in {"0", "0s", "0m", "0h", "0h0m0s", "0m0s", 0}

violation contains {"msg": msg, "path": "streamingConnectionIdleTimeout"} if {
	zero(config.streamingConnectionIdleTimeout)
	msg := sprintf("kubelet streaming connections never time out (`streamingConnectionIdleTimeout: %v`)", [config.streamingConnectionIdleTimeout])
}

violation contains {"msg": msg, "path": path} if {
	some c in kubelets
	v := flags.value(c, "streaming-connection-idle-timeout")
	zero(v)
	msg := sprintf("kubelet streaming connections never time out (`--streaming-connection-idle-timeout=%s`)", [v])
	path := flags.path(c, "streaming-connection-idle-timeout")
}
