# METADATA
# title: Role allows creating persistent volumes
# description: |
#   A PersistentVolume can be a `hostPath` volume: whoever creates one and a pod
#   that claims it reads and writes the node's filesystem. CIS 5.1.9.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#persistent-volume-creation
# custom:
#   id: persistent-volume-create
#   severity: medium
#   category: rbac
#   kinds:
#   - apiGroups: ["rbac.authorization.k8s.io"]
#     kinds: [Role, ClusterRole]
#   controls:
#     cis: ["5.1.9"]
#     nsa: ["rbac"]
#   remediation: "Let storage classes provision volumes; keep `create` on `persistentvolumes` to administrators."
package kubegov.rbac.persistent_volume_create

import data.kubegov.lib.rbac
import rego.v1

# What this policy looks for: verbs on a resource of an API group.
targets := [{"group": "", "resource": "persistentvolumes", "verbs": {"create"}}]

violation contains {"msg": msg, "path": path} if {
	some r in rbac.rules
	found := rbac.grants_of(r.rule, targets)
	count(found) > 0
	msg := sprintf("%s grants %s", [rbac.describe, rbac.describe_grants(found)])
	path := sprintf("%s.resources[%d]", [r.path, rbac.resource_index(r.rule, found[0].resource)])
}
