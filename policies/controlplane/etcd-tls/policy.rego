# METADATA
# title: etcd serves clients without TLS
# description: |
#   etcd must serve its clients over TLS (`--cert-file`, `--key-file`): it holds
#   every object of the cluster, Secrets included.
# related_resources:
# - ref: https://etcd.io/docs/v3.5/op-guide/security/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: etcd-tls
#   severity: critical
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["2.1"]
#   remediation: "Set `--cert-file` and `--key-file` on etcd."
package kubegov.controlplane.etcd_tls

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("etcd")
	some f in ["cert-file", "key-file"]
	not flags.has(c, f)
	msg := sprintf("`etcd` does not set `--%s`", [f])
	path := flags.missing_path(c)
}

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("etcd")
	some f in ["cert-file", "key-file"]
	flags.value(c, f) == ""
	msg := sprintf("`etcd` sets `--%s` to an empty value", [f])
	path := flags.path(c, f)
}
