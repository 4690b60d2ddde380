# METADATA
# title: API server static token file
# description: |
#   Tokens in a `--token-auth-file` are long-lived, stored in clear on the control
#   plane and cannot be revoked without restarting the API server. Use client
#   certificates, OIDC or service account tokens instead.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: apiserver-token-auth-file
#   severity: high
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.2.2"]
#   remediation: "Remove `--token-auth-file` from kube-apiserver."
package kubegov.controlplane.apiserver_token_auth_file

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	flags.has(c, "token-auth-file")
	msg := sprintf("`kube-apiserver` authenticates with the static token file `%s`", [flags.value(c, "token-auth-file")])
	path := flags.path(c, "token-auth-file")
}
