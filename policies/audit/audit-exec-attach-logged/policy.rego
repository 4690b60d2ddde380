# METADATA
# title: Audit policy does not log exec, attach or port-forward
# description: |
#   `pods/exec`, `pods/attach` and `pods/portforward` are how people (and
#   attackers) get into running containers; the audit log must record them.
#   The rule that decides is the first one matching the subresource for every
#   user, verb and namespace: it must exist and log at a level above `None`.
# related_resources:
# - ref: https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy
# custom:
#   id: audit-exec-attach-logged
#   severity: high
#   category: audit
#   kinds:
#   - apiGroups: ["audit.k8s.io"]
#     kinds: [Policy]
#   controls:
#     cis: ["3.2.2"]
#     nsa: ["audit-logging"]
#     mitre: ["T1609"]
#   remediation: "Add a rule `level: Metadata` (or `Request`) for `pods/exec`, `pods/attach` and `pods/portforward` (group \"\") before any rule that drops them."
package kubegov.audit.audit_exec_attach_logged

import data.kubegov.lib.audit
import rego.v1

subresources := ["pods/exec", "pods/attach", "pods/portforward"]

violation contains {"msg": msg, "path": sprintf("rules[%d].level", [i])} if {
	some s in subresources
	i := audit.deciding_rule("", s)
	audit.level(audit.rules[i]) == "None"
	msg := sprintf("rule %d drops `%s` requests (level `None`)", [i, s])
}

violation contains {"msg": msg, "path": "rules"} if {
	some s in subresources
	not audit.deciding_rule("", s)
	msg := sprintf("no rule logs every `%s` request", [s])
}
