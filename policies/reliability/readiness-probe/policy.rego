# METADATA
# title: Container without a readiness probe
# description: |
#   Without a readiness probe a pod receives Service traffic as soon as its
#   containers start, before the application can answer, and keeps receiving it
#   while overloaded or shutting down: rollouts drop requests. Long-running
#   containers (not init or ephemeral containers, not Jobs) should define
#   `readinessProbe`.
# related_resources:
# - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-readiness-probes
# custom:
#   id: readiness-probe
#   severity: low
#   category: reliability
#   kinds:
#   - apiGroups: ["", "apps"]
#     kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController]
#   remediation: "Add a `readinessProbe` (httpGet, tcpSocket, grpc or exec) to the container."
package kubegov.reliability.readiness_probe

import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": msg, "path": sprintf("%s.readinessProbe", [c.path])} if {
	some c in workload.containers
	c.field == "containers"
	not c.container.readinessProbe
	msg := sprintf("container `%s` has no `readinessProbe`", [c.name])
}
