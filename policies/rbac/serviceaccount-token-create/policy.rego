# METADATA
# title: Role allows creating service account tokens
# description: |
#   `create` on `serviceaccounts/token` mints a token for any service account in
#   scope: the holder becomes that account, with all its permissions. CIS 5.1.13.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/token-request-v1/
# custom:
#   id: serviceaccount-token-create
#   severity: high
#   category: rbac
#   kinds:
#   - apiGroups: ["rbac.authorization.k8s.io"]
#     kinds: [Role, ClusterRole]
#   controls:
#     cis: ["5.1.13"]
#     nsa: ["rbac"]
#   remediation: "Remove `serviceaccounts/token` from the role, or restrict it with `resourceNames` to the one account that needs it."
package kubegov.rbac.serviceaccount_token_create

import data.kubegov.lib.rbac
import rego.v1

# What this policy looks for: verbs on a resource of an API group.
targets := [{"group": "", "resource": "serviceaccounts/token", "verbs": {"create"}}]

violation contains {"msg": msg, "path": path} if {
	some r in rbac.rules
	found := rbac.grants_of(r.rule, targets)
	count(found) > 0
	msg := sprintf("%s grants %s", [rbac.describe, rbac.describe_grants(found)])
	path := sprintf("%s.resources[%d]", [r.path, rbac.resource_index(r.rule, found[0].resource)])
}
