# METADATA
# title: Kubelet client certificate rotation disabled
# description: |
#   With `rotateCertificates: false` (or `--rotate-certificates=false`) the
#   kubelet's client certificate is not renewed and the node eventually loses
#   access to the API server, or long-lived credentials are kept.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: kubelet-rotate-certificates
#   severity: medium
#   category: node
#   kinds:
#   - apiGroups: ["kubelet.config.k8s.io"]
#     kinds: [KubeletConfiguration]
#   - apiGroups: ["", "apps"]
#     kinds: [Pod, DaemonSet]
#   controls:
#     cis: ["4.2.11"]
#   remediation: "Set `rotateCertificates: true` (or `--rotate-certificates=true`)."
package kubegov.node.kubelet_rotate_certificates

import data.kubegov.lib.flags
import rego.v1

config := input.review.object if input.review.object.kind == "KubeletConfiguration"

# The kubelet containers (static pods, DaemonSets) and whether they read a config file.
kubelets := flags.containers("kubelet")

with_config(c) if flags.has(c, "config")


violation contains {"msg": "kubelet sets `rotateCertificates: false`", "path": "rotateCertificates"} if {
	config.rotateCertificates == false
}

violation contains {"msg": "kubelet sets `--rotate-certificates=false`", "path": path} if {
	some c in kubelets
	flags.is_false(flags.value(c, "rotate-certificates"))
	path := flags.path(c, "rotate-certificates")
}
