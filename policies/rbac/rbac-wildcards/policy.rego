# METADATA
# title: Wildcards in role rules
# description: |
#   A `*` in the verbs, resources or apiGroups of a Role or ClusterRole rule
#   grants everything that exists today and everything added later (new
#   subresources, CRDs, verbs such as `escalate`). CIS 5.1.3 asks to replace
#   wildcards with explicit lists. Each wildcard is reported at its field.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege
# custom:
#   id: rbac-wildcards
#   severity: high
#   category: rbac
#   kinds:
#   - apiGroups: ["rbac.authorization.k8s.io"]
#     kinds: [Role, ClusterRole]
#   controls:
#     cis: ["5.1.3"]
#     nsa: ["rbac"]
#   remediation: "List the verbs, resources and API groups the role needs instead of `*`."
package kubegov.rbac.rbac_wildcards

import data.kubegov.lib.rbac
import rego.v1

fields := {"verbs", "resources", "apiGroups", "nonResourceURLs"}

violation contains {"msg": msg, "path": path} if {
	some r in rbac.rules
	some field in fields
	some j, v in object.get(r.rule, field, [])
	v == "*"
	msg := sprintf("%s uses `*` in `%s.%s`", [rbac.describe, r.path, field])
	path := sprintf("%s.%s[%d]", [r.path, field, j])
}
