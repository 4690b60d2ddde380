# METADATA
# title: API server TLS cipher suites
# description: |
#   The API server should offer only strong TLS cipher suites (AEAD with forward
#   secrecy): set `--tls-cipher-suites` to a subset of the CIS list, without CBC,
#   RC4 or 3DES suites.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: apiserver-tls-cipher-suites
#   severity: low
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.2.30"]
#   remediation: "Set `--tls-cipher-suites` to strong suites only, e.g. `TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`."
package kubegov.controlplane.apiserver_tls_cipher_suites

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	not flags.has(c, "tls-cipher-suites")
	msg := "`kube-apiserver` does not restrict `--tls-cipher-suites` to strong ciphers"
	path := flags.missing_path(c)
}

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	some s in flags.list(c, "tls-cipher-suites")
	not s in flags.strong_ciphers
	msg := sprintf("`kube-apiserver` offers the weak cipher suite `%s`", [s])
	path := flags.path(c, "tls-cipher-suites")
}
