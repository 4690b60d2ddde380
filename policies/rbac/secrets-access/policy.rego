# METADATA
# title: Role grants read access to Secrets
# description: |
#   Reading Secrets (`get`, `list` or `watch`, also through `*`) exposes every
#   credential of the namespace, service account tokens included, which usually
#   means an escalation path to other identities. CIS 5.1.2 asks to keep this
#   access to the smallest possible group.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets
# custom:
#   id: secrets-access
#   severity: high
#   category: rbac
#   kinds:
#   - apiGroups: ["rbac.authorization.k8s.io"]
#     kinds: [Role, ClusterRole]
#   controls:
#     cis: ["5.1.2"]
#     nsa: ["rbac"]
#     mitre: ["T1552.007"]
#   remediation: "Grant `get` on named Secrets (`resourceNames`) only to the workloads that need them, never `list` or `watch`; mount Secrets into pods instead of reading them through the API."
package kubegov.rbac.secrets_access

import data.kubegov.lib.rbac
import rego.v1

# What this policy looks for: verbs on a resource of an API group.
targets := [{"group": "", "resource": "secrets", "verbs": {"get", "list", "watch"}}]

violation contains {"msg": msg, "path": path} if {
	some r in rbac.rules
	found := rbac.grants_of(r.rule, targets)
	count(found) > 0
	msg := sprintf("%s grants %s", [rbac.describe, rbac.describe_grants(found)])
	path := sprintf("%s.resources[%d]", [r.path, rbac.resource_index(r.rule, found[0].resource)])
}
