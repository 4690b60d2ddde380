# METADATA
# title: Binding to cluster-admin
# description: |
#   The `cluster-admin` ClusterRole allows every action on every resource. A
#   RoleBinding to it gives full control of the namespace, a
#   ClusterRoleBinding full control of the cluster. CIS 5.1.1 asks to use it
#   only where required (the built-in binding to `system:masters` is exempt).
# related_resources:
# - ref: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
# custom:
#   id: cluster-admin-binding
#   severity: high
#   category: rbac
#   kinds:
#   - apiGroups: ["rbac.authorization.k8s.io"]
#     kinds: [RoleBinding, ClusterRoleBinding]
#   controls:
#     cis: ["5.1.1"]
#     nsa: ["rbac"]
#     mitre: ["T1078"]
#   remediation: "Bind a role that grants only what the subjects need (`admin`, `edit` or a custom role) instead of `cluster-admin`."
package kubegov.rbac.cluster_admin_binding

import data.kubegov.lib.rbac
import rego.v1

violation contains {"msg": msg, "path": "roleRef.name"} if {
	not rbac.builtin
	ref := input.review.object.roleRef
	object.get(ref, "kind", "") == "ClusterRole"
	ref.name == "cluster-admin"
	names := [sprintf("%s `%s`", [lower(s.kind), s.name]) | some s in object.get(input.review.object, "subjects", [])]
	msg := sprintf("%s binds `cluster-admin` to %s", [rbac.describe, concat(", ", names)])
}
