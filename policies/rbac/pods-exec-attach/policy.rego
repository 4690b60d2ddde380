# METADATA
# title: Role allows exec and attach into pods
# description: |
#   `pods/exec` and `pods/attach` give a shell or the standard streams of any
#   container in scope: whoever holds them runs code with the pod's identity and
#   reads its mounted secrets. Kubernetes checks `create` (and `get` for older
#   websocket clients) on these subresources.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#exec-and-attach
# custom:
#   id: pods-exec-attach
#   severity: high
#   category: rbac
#   kinds:
#   - apiGroups: ["rbac.authorization.k8s.io"]
#     kinds: [Role, ClusterRole]
#   controls:
#     nsa: ["rbac"]
#     mitre: ["T1609"]
#   remediation: "Remove `pods/exec` and `pods/attach` from the role; use ephemeral debug containers under a separate, audited break-glass role."
package kubegov.rbac.pods_exec_attach

import data.kubegov.lib.rbac
import rego.v1

# What this policy looks for: verbs on a resource of an API group.
targets := [{"group": "", "resource": r, "verbs": {"create", "get"}} | some r in ["pods/exec", "pods/attach"]]

violation contains {"msg": msg, "path": path} if {
	some r in rbac.rules
	found := rbac.grants_of(r.rule, targets)
	count(found) > 0
	msg := sprintf("%s grants %s", [rbac.describe, rbac.describe_grants(found)])
	path := sprintf("%s.resources[%d]", [r.path, rbac.resource_index(r.rule, found[0].resource)])
}
