# METADATA
# title: Service account tokens not checked against etcd
# description: |
#   With `--service-account-lookup=false` the API server accepts tokens of deleted
#   service accounts until they expire. Leave it at its default (true) or set it
#   to true.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: apiserver-service-account-lookup
#   severity: medium
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.2.22"]
#   remediation: "Remove `--service-account-lookup=false` (or set it to true)."
package kubegov.controlplane.apiserver_service_account_lookup

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	flags.is_false(flags.value(c, "service-account-lookup"))
	msg := "`kube-apiserver` accepts tokens of deleted service accounts (`--service-account-lookup=false`)"
	path := flags.path(c, "service-account-lookup")
}
