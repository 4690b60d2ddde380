# METADATA
# title: Containers listening on privileged ports
# description: |
#   A container port below 1024 usually means the process starts as root or keeps
#   NET_BIND_SERVICE. Listen on an unprivileged port and map it in the Service
#   instead. Advisory: reported as a warning.
# related_resources:
# - ref: https://docs.kubelinter.io/#/generated/checks?id=privileged-ports
# custom:
#   id: privileged-ports
#   severity: info
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     nsa: ["pod-security"]
#   remediation: "Make the process listen on a port of 1024 or more and set the Service `targetPort` to it."
package kubegov.workload.privileged_ports

import data.kubegov.lib.workload
import rego.v1

warn contains {"msg": msg, "path": path} if {
	some c in workload.containers
	some i, p in object.get(c.container, "ports", [])
	is_number(p.containerPort)
	p.containerPort < 1024
	msg := sprintf("container `%s` listens on the privileged port `%v`", [c.name, p.containerPort])
	path := sprintf("%s.ports[%d].containerPort", [c.path, i])
}
