# METADATA
# title: Kubelet server certificate rotation disabled
# description: |
#   The `RotateKubeletServerCertificate` feature gate (on by default) lets the
#   controller manager approve kubelet serving certificate renewals; turning it
#   off leaves kubelets with expiring or self-signed certificates.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: controller-manager-rotate-kubelet-server-certificate
#   severity: medium
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.3.6"]
#   remediation: "Remove `RotateKubeletServerCertificate=false` from `--feature-gates`."
package kubegov.controlplane.controller_manager_rotate_kubelet_server_certificate

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-controller-manager")
	flags.feature_gates(c).RotateKubeletServerCertificate == "false"
	msg := "`kube-controller-manager` disables the `RotateKubeletServerCertificate` feature gate"
	path := flags.path(c, "feature-gates")
}
