# METADATA
# title: Kubelet authorizes every request
# description: |
#   The kubelet must authorize its API requests through the API server
#   (`authorization.mode: Webhook`), not allow everything (`AlwaysAllow`, the flag
#   default when no `--config` file is given).
# related_resources:
# - ref: https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: kubelet-authorization-mode
#   severity: critical
#   category: node
#   kinds:
#   - apiGroups: ["kubelet.config.k8s.io"]
#     kinds: [KubeletConfiguration]
#   - apiGroups: ["", "apps"]
#     kinds: [Pod, DaemonSet]
#   controls:
#     cis: ["4.2.2"]
#   remediation: "Set `authorization.mode: Webhook` (or `--authorization-mode=Webhook`) with webhook authentication enabled."
package kubegov.node.kubelet_authorization_mode

import data.kubegov.lib.flags
import rego.v1

config := input.review.object if input.review.object.kind == "KubeletConfiguration"

# The kubelet containers (static pods, DaemonSets) and whether they read a config file.
kubelets := flags.containers("kubelet")

with_config(c) if flags.has(c, "config")


violation contains {"msg": "kubelet authorizes every request (`authorization.mode: AlwaysAllow`)", "path": "authorization.mode"} if {
	config.authorization.mode == "AlwaysAllow"
}

violation contains {"msg": "kubelet authorizes every request (`--authorization-mode=AlwaysAllow`)", "path": path} if {
	some c in kubelets
	flags.value(c, "authorization-mode") == "AlwaysAllow"
	path := flags.path(c, "authorization-mode")
}

violation contains {"msg": "kubelet authorizes every request: `--authorization-mode` defaults to `AlwaysAllow`", "path": path} if {
	some c in kubelets
	not flags.has(c, "authorization-mode")
	not with_config(c)
	path := flags.missing_path(c)
}
