# METADATA
# title: NET_RAW capability not dropped
# description: |
#   NET_RAW, in the default capability set of most runtimes, lets a process craft
#   raw packets (ARP and DNS spoofing inside the cluster network). Each container
#   and init container should drop `NET_RAW` (or `ALL`). Windows pods are not
#   checked.
# related_resources:
# - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
# custom:
#   id: drop-net-raw
#   severity: low
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     nsa: ["pod-security"]
#     mitre: ["T1557"]
#   remediation: "Add `NET_RAW` (or `ALL`) to `securityContext.capabilities.drop`."
package kubegov.workload.drop_net_raw

import data.kubegov.lib.workload
import rego.v1

dropped(c) if {
	some cap in object.get(c.container, ["securityContext", "capabilities", "drop"], [])
	trim_prefix(upper(cap), "CAP_") in {"ALL", "NET_RAW"}
}

violation contains {"msg": msg, "path": path} if {
	not workload.is_windows
	some c in workload.containers
	c.field != "ephemeralContainers"
	not dropped(c)
	msg := sprintf("container `%s` does not drop `NET_RAW`", [c.name])
	path := sprintf("%s.securityContext.capabilities.drop", [c.path])
}
