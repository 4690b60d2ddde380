# METADATA
# title: API server audit logging disabled
# description: |
#   Without `--audit-log-path` (or an audit webhook) the API server keeps no
#   record of who did what: incidents cannot be investigated.
# related_resources:
# - ref: https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: apiserver-audit-log-path
#   severity: medium
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.2.17"]
#   remediation: "Set `--audit-log-path` (and `--audit-policy-file`) on kube-apiserver."
package kubegov.controlplane.apiserver_audit_log_path

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	some f in ["audit-log-path"]
	not flags.has(c, f)
	msg := sprintf("`kube-apiserver` does not set `--%s`", [f])
	path := flags.missing_path(c)
}

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	some f in ["audit-log-path"]
	flags.value(c, f) == ""
	msg := sprintf("`kube-apiserver` sets `--%s` to an empty value", [f])
	path := flags.path(c, f)
}
