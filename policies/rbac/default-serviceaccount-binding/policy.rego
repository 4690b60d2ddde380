# METADATA
# title: Role bound to default service accounts
# description: |
#   Every pod that names no service account runs as its namespace's `default`
#   account. A role bound to `default` (or to the groups of all service
#   accounts, `system:serviceaccounts` and `system:serviceaccounts:<ns>`) is
#   therefore granted to every such pod. CIS 5.1.5 asks that default service
#   accounts are not actively used.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts
# custom:
#   id: default-serviceaccount-binding
#   severity: medium
#   category: rbac
#   kinds:
#   - apiGroups: ["rbac.authorization.k8s.io"]
#     kinds: [RoleBinding, ClusterRoleBinding]
#   controls:
#     cis: ["5.1.5"]
#     nsa: ["rbac"]
#   remediation: "Create a dedicated ServiceAccount for the workload, bind the role to it and set `serviceAccountName` in the pod template."
package kubegov.rbac.default_serviceaccount_binding

import data.kubegov.lib.rbac
import rego.v1

violation contains {"msg": msg, "path": sprintf("%s.name", [s.path])} if {
	some s in rbac.subjects
	s.subject.kind == "ServiceAccount"
	s.subject.name == "default"
	ns := object.get(s.subject, "namespace", object.get(input.review.object.metadata, "namespace", ""))
	msg := sprintf("%s binds role `%s` to the default service account of namespace `%s`", [rbac.describe, input.review.object.roleRef.name, ns])
}

violation contains {"msg": msg, "path": sprintf("%s.name", [s.path])} if {
	some s in rbac.subjects
	s.subject.kind == "Group"
	startswith(s.subject.name, "system:serviceaccounts")
	msg := sprintf("%s binds role `%s` to group `%s` (default service accounts included)", [rbac.describe, input.review.object.roleRef.name, s.subject.name])
}
