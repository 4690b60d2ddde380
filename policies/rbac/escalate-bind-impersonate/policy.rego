# METADATA
# title: Role grants escalate, bind or impersonate
# description: |
#   `escalate` lets the holder write roles with permissions it does not have,
#   `bind` lets it bind any role (cluster-admin included) and `impersonate` lets it
#   act as another user, group or service account: each is a direct path to
#   cluster-admin. CIS 5.1.8.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb
# - ref: https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation
# custom:
#   id: escalate-bind-impersonate
#   severity: critical
#   category: rbac
#   kinds:
#   - apiGroups: ["rbac.authorization.k8s.io"]
#     kinds: [Role, ClusterRole]
#   controls:
#     cis: ["5.1.8"]
#     nsa: ["rbac"]
#     mitre: ["T1078"]
#   remediation: "Remove `escalate`, `bind` and `impersonate` (and `*` verbs on roles and users) from the role."
package kubegov.rbac.escalate_bind_impersonate

import data.kubegov.lib.rbac
import rego.v1

# What this policy looks for: verbs on a resource of an API group.
targets := array.concat(
	[{"group": "rbac.authorization.k8s.io", "resource": r, "verbs": {"escalate", "bind"}} | some r in ["roles", "clusterroles"]],
	array.concat(
		[{"group": "", "resource": r, "verbs": {"impersonate"}} | some r in ["users", "groups", "serviceaccounts"]],
		[{"group": "authentication.k8s.io", "resource": r, "verbs": {"impersonate"}} | some r in ["uids", "userextras/scopes"]],
	),
)

violation contains {"msg": msg, "path": path} if {
	some r in rbac.rules
	found := rbac.grants_of(r.rule, targets)
	count(found) > 0
	msg := sprintf("%s grants %s", [rbac.describe, rbac.describe_grants(found)])
	path := sprintf("%s.verbs[%d]", [r.path, rbac.verb_index(r.rule, {v | some g in found; some v in g.verbs})])
}
