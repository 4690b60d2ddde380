# METADATA
# title: etcd does not authenticate peers
# description: |
#   Without `--peer-client-cert-auth=true` any host that reaches the peer port can
#   join or talk to the etcd cluster as a member.
# related_resources:
# - ref: https://etcd.io/docs/v3.5/op-guide/security/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: etcd-peer-client-cert-auth
#   severity: high
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["2.5"]
#   remediation: "Set `--peer-client-cert-auth=true` and `--peer-trusted-ca-file` on every etcd member."
package kubegov.controlplane.etcd_peer_client_cert_auth

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("etcd")
	not flags.is_true(flags.value(c, "peer-client-cert-auth"))
	msg := "`etcd` does not require peer certificates: set `--peer-client-cert-auth=true`"
	path := flags.path_or_missing(c, "peer-client-cert-auth")
}
