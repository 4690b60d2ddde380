# METADATA
# title: Role can approve certificate signing requests
# description: |
#   `update` on `certificatesigningrequests/approval` lets the holder approve its
#   own CSR and obtain a client certificate for any user or group the signer
#   allows, `system:masters` included on some clusters. CIS 5.1.11.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization
# custom:
#   id: csr-approval
#   severity: high
#   category: rbac
#   kinds:
#   - apiGroups: ["rbac.authorization.k8s.io"]
#     kinds: [Role, ClusterRole]
#   controls:
#     cis: ["5.1.11"]
#     nsa: ["rbac"]
#   remediation: "Keep CSR approval to the cluster's own approver controllers."
package kubegov.rbac.csr_approval

import data.kubegov.lib.rbac
import rego.v1

# What this policy looks for: verbs on a resource of an API group.
targets := [{"group": "certificates.k8s.io", "resource": "certificatesigningrequests/approval", "verbs": {"update", "patch"}}]

violation contains {"msg": msg, "path": path} if {
	some r in rbac.rules
	found := rbac.grants_of(r.rule, targets)
	count(found) > 0
	msg := sprintf("%s grants %s", [rbac.describe, rbac.describe_grants(found)])
	path := sprintf("%s.resources[%d]", [r.path, rbac.resource_index(r.rule, found[0].resource)])
}
