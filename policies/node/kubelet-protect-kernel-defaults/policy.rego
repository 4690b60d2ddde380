# METADATA
# title: Kubelet may change kernel settings
# description: |
#   With `protectKernelDefaults: true` (or `--protect-kernel-defaults=true`) the
#   kubelet refuses to start when kernel tunables differ from what it expects,
#   instead of silently changing them. Both the file and the flag default to
#   false.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: kubelet-protect-kernel-defaults
#   severity: low
#   category: node
#   kinds:
#   - apiGroups: ["kubelet.config.k8s.io"]
#     kinds: [KubeletConfiguration]
#   - apiGroups: ["", "apps"]
#     kinds: [Pod, DaemonSet]
#   controls:
#     cis: ["4.2.6"]
#   remediation: "Set `protectKernelDefaults: true` (or `--protect-kernel-defaults=true`) and tune the node's sysctls as the kubelet expects."
package kubegov.node.kubelet_protect_kernel_defaults

import data.kubegov.lib.flags
import rego.v1

config := input.review.object if input.review.object.kind == "KubeletConfiguration"

# The kubelet containers (static pods, DaemonSets) and whether they read a config file.
kubelets := flags.containers("kubelet")

with_config(c) if flags.has(c, "config")


violation contains {"msg": "kubelet does not set `protectKernelDefaults: true`", "path": "protectKernelDefaults"} if {
	config
	not config.protectKernelDefaults == true
}

violation contains {"msg": "kubelet does not set `--protect-kernel-defaults=true`", "path": path} if {
	some c in kubelets
	flags.has(c, "protect-kernel-defaults")
	not flags.is_true(flags.value(c, "protect-kernel-defaults"))
	path := flags.path(c, "protect-kernel-defaults")
}

violation contains {"msg": "kubelet does not set `--protect-kernel-defaults=true`", "path": path} if {
	some c in kubelets
	not flags.has(c, "protect-kernel-defaults")
	not with_config(c)
	path := flags.missing_path(c)
}
