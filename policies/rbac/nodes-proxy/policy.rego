# METADATA
# title: Role grants access to nodes/proxy
# description: |
#   `nodes/proxy` reaches the kubelet API of every node through the API server:
#   it can run commands in any pod of the node (`/exec`, `/run`) and bypasses
#   audit logging and admission control. CIS 5.1.10.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes
# custom:
#   id: nodes-proxy
#   severity: high
#   category: rbac
#   kinds:
#   - apiGroups: ["rbac.authorization.k8s.io"]
#     kinds: [Role, ClusterRole]
#   controls:
#     cis: ["5.1.10"]
#     nsa: ["rbac"]
#   remediation: "Remove `nodes/proxy` from the role; monitoring agents need `nodes/metrics` or `nodes/stats` only."
package kubegov.rbac.nodes_proxy

import data.kubegov.lib.rbac
import rego.v1

# What this policy looks for: verbs on a resource of an API group.
targets := [{"group": "", "resource": "nodes/proxy", "verbs": {"get", "create", "update", "patch", "delete"}}]

violation contains {"msg": msg, "path": path} if {
	some r in rbac.rules
	found := rbac.grants_of(r.rule, targets)
	count(found) > 0
	msg := sprintf("%s grants %s", [rbac.describe, rbac.describe_grants(found)])
	path := sprintf("%s.resources[%d]", [r.path, rbac.resource_index(r.rule, found[0].resource)])
}
