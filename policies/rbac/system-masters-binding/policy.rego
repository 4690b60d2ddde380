# METADATA
# title: Binding to the system:masters group
# description: |
#   Members of `system:masters` bypass RBAC entirely: no binding can take their
#   rights away and their certificates cannot be revoked. CIS 5.1.7 asks not to
#   use the group; a binding naming it is a sign that credentials are issued
#   for it. The built-in `cluster-admin` binding is exempt.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege
# custom:
#   id: system-masters-binding
#   severity: high
#   category: rbac
#   kinds:
#   - apiGroups: ["rbac.authorization.k8s.io"]
#     kinds: [RoleBinding, ClusterRoleBinding]
#   controls:
#     cis: ["5.1.7"]
#     nsa: ["rbac"]
#   remediation: "Bind a dedicated group to the role it needs; issue no credentials in `system:masters` beyond break-glass."
package kubegov.rbac.system_masters_binding

import data.kubegov.lib.rbac
import rego.v1

violation contains {"msg": msg, "path": sprintf("%s.name", [s.path])} if {
	some s in rbac.subjects
	s.subject.kind == "Group"
	s.subject.name == "system:masters"
	msg := sprintf("%s binds role `%s` to group `system:masters`", [rbac.describe, input.review.object.roleRef.name])
}
