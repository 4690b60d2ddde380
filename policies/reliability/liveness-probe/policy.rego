# METADATA
# title: Container without a liveness probe
# description: |
#   Without a liveness probe the kubelet restarts a container only when its
#   process exits: a deadlocked or wedged application keeps its pod Running and
#   keeps receiving traffic. Long-running containers (not init or ephemeral
#   containers, not Jobs) should define `livenessProbe`.
# related_resources:
# - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-a-liveness-command
# custom:
#   id: liveness-probe
#   severity: low
#   category: reliability
#   kinds:
#   - apiGroups: ["", "apps"]
#     kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController]
#   remediation: "Add a `livenessProbe` (httpGet, tcpSocket, grpc or exec) to the container."
package kubegov.reliability.liveness_probe

import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": msg, "path": sprintf("%s.livenessProbe", [c.path])} if {
	some c in workload.containers
	c.field == "containers"
	not c.container.livenessProbe
	msg := sprintf("container `%s` has no `livenessProbe`", [c.name])
}
