# METADATA
# title: Writable root filesystem
# description: |
#   A read-only root filesystem stops an attacker from installing tools or
#   altering binaries in the container. Every container and init container should
#   set `securityContext.readOnlyRootFilesystem: true` and write only to mounted
#   volumes (ephemeral debug containers are not checked).
# related_resources:
# - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: read-only-root-filesystem
#   severity: medium
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     nsa: ["immutable-container-filesystems"]
#     mitre: ["T1036"]
#   remediation: "Set `securityContext.readOnlyRootFilesystem: true` and mount an emptyDir where the application writes."
package kubegov.workload.read_only_root_filesystem

import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in workload.containers
	c.field != "ephemeralContainers"
	not c.container.securityContext.readOnlyRootFilesystem == true
	msg := sprintf("container `%s` does not set `readOnlyRootFilesystem: true`", [c.name])
	path := sprintf("%s.securityContext.readOnlyRootFilesystem", [c.path])
}
