# METADATA
# title: Kubelet serves with a self-signed certificate
# description: |
#   The kubelet should serve its API with a certificate the API server can verify:
#   either `tlsCertFile` and `tlsPrivateKeyFile` (flags `--tls-cert-file`, `--tls-
#   private-key-file`), or a certificate from the cluster CA requested with
#   `serverTLSBootstrap: true`. Otherwise it generates a self-signed one.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: kubelet-tls-certificates
#   severity: medium
#   category: node
#   kinds:
#   - apiGroups: ["kubelet.config.k8s.io"]
#     kinds: [KubeletConfiguration]
#   - apiGroups: ["", "apps"]
#     kinds: [Pod, DaemonSet]
#   controls:
#     cis: ["4.2.10"]
#   remediation: "Set `serverTLSBootstrap: true` (and approve the CSRs), or `tlsCertFile` and `tlsPrivateKeyFile`."
package kubegov.node.kubelet_tls_certificates

import data.kubegov.lib.flags
import rego.v1

config := input.review.object if input.review.object.kind == "KubeletConfiguration"

# The kubelet containers (static pods, DaemonSets) and whether they read a config file.
kubelets := flags.containers("kubelet")

with_config(c) if flags.has(c, "config")


violation contains {"msg": "kubelet serves a self-signed certificate: set `tlsCertFile` and `tlsPrivateKeyFile`, or `serverTLSBootstrap: true`", "path": "tlsCertFile"} if {
	config
	not config.serverTLSBootstrap == true
	some f in ["tlsCertFile", "tlsPrivateKeyFile"]
	object.get(config, f, "") == ""
}

violation contains {"msg": "kubelet serves a self-signed certificate: set `--tls-cert-file` and `--tls-private-key-file`", "path": path} if {
	some c in kubelets
	not with_config(c)
	some f in ["tls-cert-file", "tls-private-key-file"]
	not flags.has(c, f)
	path := flags.missing_path(c)
}
