# METADATA
# title: Kubelet serving certificate rotation disabled
# description: |
#   The kubelet's serving certificate is rotated only when `serverTLSBootstrap` is
#   true and the `RotateKubeletServerCertificate` feature gate is not turned off
#   (in `featureGates` or `--feature-gates`).
# related_resources:
# - ref: https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: kubelet-server-certificate-rotation
#   severity: medium
#   category: node
#   kinds:
#   - apiGroups: ["kubelet.config.k8s.io"]
#     kinds: [KubeletConfiguration]
#   - apiGroups: ["", "apps"]
#     kinds: [Pod, DaemonSet]
#   controls:
#     cis: ["4.2.12"]
#   remediation: "Set `serverTLSBootstrap: true` and leave the `RotateKubeletServerCertificate` feature gate on."
package kubegov.node.kubelet_server_certificate_rotation

import data.kubegov.lib.flags
import rego.v1

config := input.review.object if input.review.object.kind == "KubeletConfiguration"

# The kubelet containers (static pods, DaemonSets) and whether they read a config file.
kubelets := flags.containers("kubelet")

with_config(c) if flags.has(c, "config")


violation contains {"msg": "kubelet disables the `RotateKubeletServerCertificate` feature gate", "path": "featureGates.RotateKubeletServerCertificate"} if {
	config.featureGates.RotateKubeletServerCertificate == false
}

violation contains {"msg": "kubelet does not request its serving certificate from the cluster (`serverTLSBootstrap` is not true)", "path": "serverTLSBootstrap"} if {
	config
	not config.serverTLSBootstrap == true
	not config.featureGates.RotateKubeletServerCertificate == false
}

violation contains {"msg": "kubelet disables the `RotateKubeletServerCertificate` feature gate", "path": path} if {
	some c in kubelets
	flags.feature_gates(c).RotateKubeletServerCertificate == "false"
	path := flags.path(c, "feature-gates")
}
