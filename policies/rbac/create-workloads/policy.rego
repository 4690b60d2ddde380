# METADATA
# title: Role allows creating pods or workloads
# description: |
#   Whoever can create a pod, directly or through a controller (Deployment,
#   StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob), can
#   run any image with any service account of the namespace and mount its
#   Secrets. CIS 5.1.4 asks to minimize this access.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation
# custom:
#   id: create-workloads
#   severity: medium
#   category: rbac
#   kinds:
#   - apiGroups: ["rbac.authorization.k8s.io"]
#     kinds: [Role, ClusterRole]
#   controls:
#     cis: ["5.1.4"]
#     nsa: ["rbac"]
#     mitre: ["T1610"]
#   remediation: "Let a deployment pipeline or GitOps controller create workloads; give people read access only."
package kubegov.rbac.create_workloads

import data.kubegov.lib.rbac
import rego.v1

# What this policy looks for: verbs on a resource of an API group.
targets := [{"group": g, "resource": r, "verbs": {"create"}} |
	some gr in [["", "pods"], ["", "replicationcontrollers"], ["apps", "deployments"], ["apps", "statefulsets"], ["apps", "daemonsets"], ["apps", "replicasets"], ["batch", "jobs"], ["batch", "cronjobs"]]
	g := gr[0]
	r := gr[1]
]

violation contains {"msg": msg, "path": path} if {
	some r in rbac.rules
	found := rbac.grants_of(r.rule, targets)
	count(found) > 0
	msg := sprintf("%s grants %s", [rbac.describe, rbac.describe_grants(found)])
	path := sprintf("%s.resources[%d]", [r.path, rbac.resource_index(r.rule, found[0].resource)])
}
