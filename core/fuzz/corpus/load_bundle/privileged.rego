# METADATA
# title: Privileged containers
# description: |
#   A privileged container runs with every capability and the host's devices:
#   it is root on the node. Pod Security Standards (baseline) forbid it.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: privileged-containers
#   severity: critical
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     pss: baseline
#     cis: ["5.2.2"]
#     nsa: ["pod-security"]
#     mitre: ["T1611"]
#   remediation: "Remove `securityContext.privileged` or set it to `false`."
package kubegov.workload.privileged_containers

import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in workload.containers
	c.container.securityContext.privileged == true
	msg := sprintf("container `%s` is privileged", [c.name])
	path := sprintf("%s.securityContext.privileged", [c.path])
}
