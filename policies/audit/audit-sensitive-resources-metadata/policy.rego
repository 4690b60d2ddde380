# METADATA
# title: Audit policy logs bodies of Secrets, ConfigMaps or TokenReviews
# description: |
#   At level `Request` or `RequestResponse` the audit log records request and
#   response bodies: for Secrets, ConfigMaps and TokenReviews that is the
#   secret values and bearer tokens themselves, copied into log files and log
#   pipelines. These resources should be logged at `Metadata` level. The rule
#   that decides is the first one matching the resource that either applies to
#   every request or logs bodies.
# related_resources:
# - ref: https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy
# custom:
#   id: audit-sensitive-resources-metadata
#   severity: high
#   category: audit
#   engine: interpreter  # the RVM of regorus 0.14.1 gives another answer on this rule shape (min over a set comprehension)
#   kinds:
#   - apiGroups: ["audit.k8s.io"]
#     kinds: [Policy]
#   controls:
#     cis: ["3.2.2"]
#     nsa: ["audit-logging"]
#   remediation: "Add, before any rule logging bodies, a rule `level: Metadata` for `secrets`, `configmaps` (group \"\") and `tokenreviews` (group authentication.k8s.io)."
package kubegov.audit.audit_sensitive_resources_metadata

import data.kubegov.lib.audit
import rego.v1

sensitive := [
	{"group": "", "resource": "secrets"},
	{"group": "", "resource": "configmaps"},
	{"group": "authentication.k8s.io", "resource": "tokenreviews"},
]

# The first rule matching the resource that is unconditional or logs bodies.
first_relevant(t) := min(idx) if {
	idx := {i |
		some i, r in audit.rules
		audit.matches(r, t.group, t.resource)
		relevant(r)
	}
	count(idx) > 0
}

relevant(r) if audit.unconditional(r)

relevant(r) if audit.rank[audit.level(r)] >= 2

offending[i] contains t.resource if {
	some t in sensitive
	i := first_relevant(t)
	audit.rank[audit.level(audit.rules[i])] >= 2
}

violation contains {"msg": msg, "path": sprintf("rules[%d].level", [i])} if {
	some i, resources in offending
	msg := sprintf("rule %d logs %s at level `%s`: their contents end up in the audit log", [i, concat(", ", [sprintf("`%s`", [r]) | some r in resources]), audit.level(audit.rules[i])])
}
