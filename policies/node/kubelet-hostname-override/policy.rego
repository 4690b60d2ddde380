# METADATA
# title: Kubelet hostname overridden
# description: |
#   `--hostname-override` makes the kubelet register under another name than the
#   host's, which can break TLS verification between the API server and the
#   kubelet. Advisory: reported as a warning.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: kubelet-hostname-override
#   severity: info
#   category: node
#   kinds:
#   - apiGroups: ["kubelet.config.k8s.io"]
#     kinds: [KubeletConfiguration]
#   - apiGroups: ["", "apps"]
#     kinds: [Pod, DaemonSet]
#   controls:
#     cis: ["4.2.8"]
#   remediation: "Remove `--hostname-override` and let the kubelet use the host name."
package kubegov.node.kubelet_hostname_override

import data.kubegov.lib.flags
import rego.v1

config := input.review.object if input.review.object.kind == "KubeletConfiguration"

# The kubelet containers (static pods, DaemonSets) and whether they read a config file.
kubelets := flags.containers("kubelet")

with_config(c) if flags.has(c, "config")


warn contains {"msg": msg, "path": path} if {
	some c in kubelets
	v := flags.value(c, "hostname-override")
	msg := sprintf("kubelet overrides its hostname with `%s`", [v])
	path := flags.path(c, "hostname-override")
}
