# METADATA
# title: etcd self-signed certificates
# description: |
#   `--auto-tls` and `--peer-auto-tls` make etcd generate self-signed certificates
#   that clients and peers cannot verify: the connection is encrypted but not
#   authenticated.
# related_resources:
# - ref: https://etcd.io/docs/v3.5/op-guide/security/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: etcd-auto-tls
#   severity: high
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["2.3", "2.6"]
#   remediation: "Remove `--auto-tls` and `--peer-auto-tls` and configure certificates from the cluster CA."
package kubegov.controlplane.etcd_auto_tls

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("etcd")
	some f in ["auto-tls", "peer-auto-tls"]
	flags.is_true(flags.value(c, f))
	msg := sprintf("`etcd` uses self-signed certificates (`--%s=true`)", [f])
	path := flags.path(c, f)
}
