# METADATA
# title: API server audit log retention too short
# description: |
#   Audit logs must be kept long enough to investigate an incident: `--audit-log-
#   maxage` (days, default parameter 30), `--audit-log-maxbackup` (files, 10) and
#   `--audit-log-maxsize` (MB, 100) should be at least the given minimums when
#   audit logging to a file is on.
# related_resources:
# - ref: https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#log-backend
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: apiserver-audit-log-retention
#   severity: low
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.2.18", "1.2.19", "1.2.20"]
#   parameters: {"type": "object", "properties": {"maxAge": {"type": "integer", "default": 30}, "maxBackup": {"type": "integer", "default": 10}, "maxSize": {"type": "integer", "default": 100}}}
#   remediation: "Set `--audit-log-maxage=30`, `--audit-log-maxbackup=10` and `--audit-log-maxsize=100` (or more) on kube-apiserver."
package kubegov.controlplane.apiserver_audit_log_retention

import data.kubegov.lib.flags
import rego.v1

params := object.get(input, "parameters", {})

minimums := {
	"audit-log-maxage": object.get(params, "maxAge", 30),
	"audit-log-maxbackup": object.get(params, "maxBackup", 10),
	"audit-log-maxsize": object.get(params, "maxSize", 100),
}

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	flags.has(c, "audit-log-path")
	some f, minimum in minimums
	not flags.has(c, f)
	msg := sprintf("`kube-apiserver` does not set `--%s` (at least `%v`)", [f, minimum])
	path := flags.missing_path(c)
}

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	flags.has(c, "audit-log-path")
	some f, minimum in minimums
	v := flags.value(c, f)
	not to_number(v) >= minimum
	msg := sprintf("`kube-apiserver` sets `--%s=%s`, below `%v`", [f, v, minimum])
	path := flags.path(c, f)
}
