# METADATA
# title: Containers run with a low UID
# description: |
#   A UID below 10000 may collide with a user of the node (system accounts, the
#   runtime's users); if the container escapes, it acts as that user. Each
#   container's effective `runAsUser` (its own, else the pod's) should be at least
#   `minUid`. Containers that set no UID anywhere are left to `run-as-non-root`.
#   Advisory: reported as a warning.
# related_resources:
# - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: run-as-high-uid
#   severity: low
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     nsa: ["pod-security"]
#   parameters: {"type": "object", "properties": {"minUid": {"type": "integer", "minimum": 1, "default": 10000}}}
#   remediation: "Run the container as a UID of at least 10000 (`securityContext.runAsUser`)."
package kubegov.workload.run_as_high_uid

import data.kubegov.lib.workload
import rego.v1

min_uid := object.get(object.get(input, "parameters", {}), "minUid", 10000)

warn contains {"msg": msg, "path": path} if {
	some c in workload.containers
	uid := c.container.securityContext.runAsUser
	uid < min_uid
	msg := sprintf("container `%s` runs as UID `%v`, below `%v`", [c.name, uid, min_uid])
	path := sprintf("%s.securityContext.runAsUser", [c.path])
}

warn contains {"msg": msg, "path": path} if {
	uid := workload.pod_security_context.runAsUser
	uid < min_uid
	some c in workload.containers
	not c.container.securityContext.runAsUser
	msg := sprintf("container `%s` runs as the pod's UID `%v`, below `%v`", [c.name, uid, min_uid])
	path := sprintf("%s.runAsUser", [workload.pod_security_context_path])
}
