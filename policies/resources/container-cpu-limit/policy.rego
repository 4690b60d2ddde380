# METADATA
# title: Container without a CPU limit
# description: |
#   Without a CPU limit a container may use all the idle CPU of its node, which
#   hides capacity problems until neighbours need their share, and a runaway
#   process slows every pod of the node. CPU limits also cause throttling, so
#   this check is advisory: a warning for each container (init containers
#   included) without `resources.limits.cpu`.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits
# custom:
#   id: container-cpu-limit
#   severity: low
#   category: resources
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     nsa: ["resource-policies"]
#   remediation: "Set `resources.limits.cpu`, or a namespace LimitRange with a default CPU limit."
package kubegov.resources.container_cpu_limit

import data.kubegov.lib.workload
import rego.v1

warn contains {"msg": msg, "path": sprintf("%s.resources.limits.cpu", [c.path])} if {
	some c in workload.containers
	c.field != "ephemeralContainers"
	object.get(c.container, ["resources", "limits", "cpu"], null) == null
	msg := sprintf("container `%s` has no `resources.limits.cpu`", [c.name])
}
