# METADATA
# title: Role can change admission webhook configurations
# description: |
#   Whoever can create, change or delete validating or mutating webhook
#   configurations can switch off admission policies or inject a webhook that
#   rewrites every object of the cluster. CIS 5.1.12.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks
# custom:
#   id: webhook-config-access
#   severity: high
#   category: rbac
#   kinds:
#   - apiGroups: ["rbac.authorization.k8s.io"]
#     kinds: [Role, ClusterRole]
#   controls:
#     cis: ["5.1.12"]
#     nsa: ["rbac"]
#   remediation: "Keep write access to webhook configurations to cluster administrators and the controllers that own them."
package kubegov.rbac.webhook_config_access

import data.kubegov.lib.rbac
import rego.v1

# What this policy looks for: verbs on a resource of an API group.
targets := [{"group": "admissionregistration.k8s.io", "resource": r, "verbs": {"create", "update", "patch", "delete", "deletecollection"}} |
	some r in ["validatingwebhookconfigurations", "mutatingwebhookconfigurations"]
]

violation contains {"msg": msg, "path": path} if {
	some r in rbac.rules
	found := rbac.grants_of(r.rule, targets)
	count(found) > 0
	msg := sprintf("%s grants %s", [rbac.describe, rbac.describe_grants(found)])
	path := sprintf("%s.resources[%d]", [r.path, rbac.resource_index(r.rule, found[0].resource)])
}
