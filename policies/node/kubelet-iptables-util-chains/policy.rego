# METADATA
# title: Kubelet does not manage iptables chains
# description: |
#   With `makeIPTablesUtilChains: false` (or `--make-iptables-util-chains=false`)
#   the kubelet no longer maintains the iptables chains that keep pod networking
#   consistent with its settings.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: kubelet-iptables-util-chains
#   severity: low
#   category: node
#   kinds:
#   - apiGroups: ["kubelet.config.k8s.io"]
#     kinds: [KubeletConfiguration]
#   - apiGroups: ["", "apps"]
#     kinds: [Pod, DaemonSet]
#   controls:
#     cis: ["4.2.7"]
#   remediation: "Remove `makeIPTablesUtilChains: false` (the default is true)."
package kubegov.node.kubelet_iptables_util_chains

import data.kubegov.lib.flags
import rego.v1

config := input.review.object if input.review.object.kind == "KubeletConfiguration"

# The kubelet containers (static pods, DaemonSets) and whether they read a config file.
kubelets := flags.containers("kubelet")

with_config(c) if flags.has(c, "config")


violation contains {"msg": "kubelet sets `makeIPTablesUtilChains: false`", "path": "makeIPTablesUtilChains"} if {
	config.makeIPTablesUtilChains == false
}

violation contains {"msg": "kubelet sets `--make-iptables-util-chains=false`", "path": path} if {
	some c in kubelets
	flags.is_false(flags.value(c, "make-iptables-util-chains"))
	path := flags.path(c, "make-iptables-util-chains")
}
