# METADATA
# title: Kubelet TLS cipher suites
# description: |
#   The kubelet should offer only strong TLS cipher suites: set `tlsCipherSuites`
#   (or `--tls-cipher-suites`) to a subset of the CIS list (AEAD suites with
#   forward secrecy).
# related_resources:
# - ref: https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: kubelet-tls-cipher-suites
#   severity: low
#   category: node
#   kinds:
#   - apiGroups: ["kubelet.config.k8s.io"]
#     kinds: [KubeletConfiguration]
#   - apiGroups: ["", "apps"]
#     kinds: [Pod, DaemonSet]
#   controls:
#     cis: ["4.2.13"]
#   remediation: "Set `tlsCipherSuites` to strong suites only, e.g. `[TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]`."
package kubegov.node.kubelet_tls_cipher_suites

import data.kubegov.lib.flags
import rego.v1

config := input.review.object if input.review.object.kind == "KubeletConfiguration"

# The kubelet containers (static pods, DaemonSets) and whether they read a config file.
kubelets := flags.containers("kubelet")

with_config(c) if flags.has(c, "config")


violation contains {"msg": "kubelet does not restrict `tlsCipherSuites` to strong ciphers", "path": "tlsCipherSuites"} if {
	config
	count(object.get(config, "tlsCipherSuites", [])) == 0
}

violation contains {"msg": msg, "path": sprintf("tlsCipherSuites[%d]", [i])} if {
	some i, s in object.get(config, "tlsCipherSuites", [])
	not s in flags.strong_ciphers
	msg := sprintf("kubelet offers the weak cipher suite `%s`", [s])
}

violation contains {"msg": "kubelet does not restrict `--tls-cipher-suites` to strong ciphers", "path": path} if {
	some c in kubelets
	not with_config(c)
	not flags.has(c, "tls-cipher-suites")
	path := flags.missing_path(c)
}

violation contains {"msg": msg, "path": path} if {
	some c in kubelets
	some s in flags.list(c, "tls-cipher-suites")
	not s in flags.strong_ciphers
	msg := sprintf("kubelet offers the weak cipher suite `%s`", [s])
	path := flags.path(c, "tls-cipher-suites")
}
