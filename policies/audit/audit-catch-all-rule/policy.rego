# METADATA
# title: Audit policy without a catch-all rule
# description: |
#   Requests that match no rule of the audit policy are not logged at all. A
#   last rule without `resources`, `nonResourceURLs`, `users`, `userGroups`,
#   `verbs` or `namespaces`, at level `Metadata` or above, makes sure new
#   resources, CRDs and unexpected requests are still recorded. CIS 3.2.1 asks
#   for a minimal audit policy covering the cluster's security concerns.
# related_resources:
# - ref: https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy
# custom:
#   id: audit-catch-all-rule
#   severity: medium
#   category: audit
#   kinds:
#   - apiGroups: ["audit.k8s.io"]
#     kinds: [Policy]
#   controls:
#     cis: ["3.2.1"]
#     nsa: ["audit-logging"]
#   remediation: "End the rules with `- level: Metadata` (and, optionally, `omitStages: [RequestReceived]`)."
package kubegov.audit.audit_catch_all_rule

import data.kubegov.lib.audit
import rego.v1

catch_alls := [i | some i, r in audit.rules; audit.catch_all(r)]

violation contains {"msg": "no rule matches every request: requests that match no rule are not logged", "path": "rules"} if {
	count(catch_alls) == 0
}

violation contains {"msg": msg, "path": sprintf("rules[%d].level", [i])} if {
	i := catch_alls[0]
	audit.level(audit.rules[i]) == "None"
	msg := sprintf("the catch-all rule %d has level `None`: requests that match no earlier rule are not logged", [i])
}
