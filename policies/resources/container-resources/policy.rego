# METADATA
# title: Container without CPU and memory requests and limits
# description: |
#   Without requests the scheduler cannot place a pod sensibly; without a memory
#   limit one container can exhaust its node. Each container (init containers
#   included) should set cpu and memory requests and a memory limit.
# custom:
#   id: container-resources
#   severity: low
#   category: resources
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     nsa: ["resource-policies"]
#   remediation: "Set `resources.requests.cpu`, `resources.requests.memory` and `resources.limits.memory` on every container."
package kubegov.resources.container_resources

import data.kubegov.lib.workload
import rego.v1

required := [["requests", "cpu"], ["requests", "memory"], ["limits", "memory"]]

violation contains {"msg": msg, "path": path} if {
	some c in workload.containers
	c.field != "ephemeralContainers"
	some r in required
	object.get(c.container, array.concat(["resources"], r), null) == null
	msg := sprintf("container `%s` has no `resources.%s.%s`", [c.name, r[0], r[1]])
	path := sprintf("%s.resources.%s.%s", [c.path, r[0], r[1]])
}
