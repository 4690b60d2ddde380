# METADATA
# title: etcd does not authenticate clients
# description: |
#   Without `--client-cert-auth=true` etcd serves any client that can reach it,
#   bypassing the API server's authentication and authorization.
# related_resources:
# - ref: https://etcd.io/docs/v3.5/op-guide/security/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: etcd-client-cert-auth
#   severity: critical
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["2.2"]
#   remediation: "Set `--client-cert-auth=true` and `--trusted-ca-file` on etcd."
package kubegov.controlplane.etcd_client_cert_auth

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("etcd")
	not flags.is_true(flags.value(c, "client-cert-auth"))
	msg := "`etcd` does not require client certificates: set `--client-cert-auth=true`"
	path := flags.path_or_missing(c, "client-cert-auth")
}
