# METADATA
# title: Binding to anonymous or all authenticated users
# description: |
#   A binding whose subject is `system:anonymous` or the group
#   `system:unauthenticated` grants its role to anyone who can reach the API
#   server; the group `system:authenticated` grants it to every identity the
#   cluster accepts (every service account and, on some managed clusters, any
#   account of the cloud provider). The built-in discovery bindings are exempt.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles
# - ref: https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests
# custom:
#   id: anonymous-subjects
#   severity: critical
#   category: rbac
#   kinds:
#   - apiGroups: ["rbac.authorization.k8s.io"]
#     kinds: [RoleBinding, ClusterRoleBinding]
#   controls:
#     cis: ["5.1.1"]
#     nsa: ["rbac"]
#     mitre: ["T1078.001"]
#   remediation: "Bind the role to named users, groups or service accounts instead of `system:anonymous`, `system:unauthenticated` or `system:authenticated`."
package kubegov.rbac.anonymous_subjects

import data.kubegov.lib.rbac
import rego.v1

everyone := {
	"User": {"system:anonymous"},
	"Group": {"system:unauthenticated", "system:authenticated", "system:anonymous"},
}

violation contains {"msg": msg, "path": sprintf("%s.name", [s.path])} if {
	some s in rbac.subjects
	s.subject.name in object.get(everyone, s.subject.kind, set())
	msg := sprintf("%s binds role `%s` to %s `%s`", [rbac.describe, input.review.object.roleRef.name, lower(s.subject.kind), s.subject.name])
}
