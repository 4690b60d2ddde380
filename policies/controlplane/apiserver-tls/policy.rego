# METADATA
# title: API server without its TLS certificate or client CA
# description: |
#   The API server should serve with its own certificate (`--tls-cert-file`,
#   `--tls-private-key-file`) and authenticate clients with `--client-ca-file`.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: apiserver-tls
#   severity: high
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.2.25", "1.2.26"]
#   remediation: "Set `--tls-cert-file`, `--tls-private-key-file` and `--client-ca-file` on kube-apiserver."
package kubegov.controlplane.apiserver_tls

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	some f in ["tls-cert-file", "tls-private-key-file", "client-ca-file"]
	not flags.has(c, f)
	msg := sprintf("`kube-apiserver` does not set `--%s`", [f])
	path := flags.missing_path(c)
}

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	some f in ["tls-cert-file", "tls-private-key-file", "client-ca-file"]
	flags.value(c, f) == ""
	msg := sprintf("`kube-apiserver` sets `--%s` to an empty value", [f])
	path := flags.path(c, f)
}
