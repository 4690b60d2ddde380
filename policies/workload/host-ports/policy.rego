# METADATA
# title: Host ports
# description: |
#   A `hostPort` binds the container to a port of the node, bypassing network
#   policies and limiting scheduling. Pod Security Standards (baseline) require
#   `hostPort` to be unset or 0 on every port of every container, init container
#   and ephemeral container.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: host-ports
#   severity: medium
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     pss: baseline
#     psa: hostPorts
#     nsa: ["network-separation"]
#   remediation: "Remove `hostPort` (or set it to 0) and expose the pod through a Service."
package kubegov.workload.host_ports

import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in workload.containers
	some i, p in object.get(c.container, "ports", [])
	object.get(p, "hostPort", 0) != 0
	msg := sprintf("container `%s` uses host port `%v`", [c.name, p.hostPort])
	path := sprintf("%s.ports[%d].hostPort", [c.path, i])
}
