# METADATA
# title: etcd peers communicate without TLS
# description: |
#   etcd members must talk to each other over TLS (`--peer-cert-file`, `--peer-
#   key-file`), or replication traffic (every object and secret) crosses the
#   network in clear.
# related_resources:
# - ref: https://etcd.io/docs/v3.5/op-guide/security/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: etcd-peer-tls
#   severity: high
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["2.4"]
#   remediation: "Set `--peer-cert-file` and `--peer-key-file` on every etcd member."
package kubegov.controlplane.etcd_peer_tls

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("etcd")
	some f in ["peer-cert-file", "peer-key-file"]
	not flags.has(c, f)
	msg := sprintf("`etcd` does not set `--%s`", [f])
	path := flags.missing_path(c)
}

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("etcd")
	some f in ["peer-cert-file", "peer-key-file"]
	flags.value(c, f) == ""
	msg := sprintf("`etcd` sets `--%s` to an empty value", [f])
	path := flags.path(c, f)
}
