# METADATA
# title: Containers run with the root group
# description: |
#   GID 0 gives a process the root group's access to files on shared and host
#   volumes. `runAsGroup` (pod and containers), `fsGroup` and `supplementalGroups`
#   should not be 0.
# related_resources:
# - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: run-as-root-group
#   severity: medium
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     nsa: ["pod-security"]
#   remediation: "Set `runAsGroup`, `fsGroup` and `supplementalGroups` to non-zero GIDs."
package kubegov.workload.run_as_root_group

import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some field in ["runAsGroup", "fsGroup"]
	workload.pod_security_context[field] == 0
	msg := sprintf("pod sets `%s: 0`", [field])
	path := sprintf("%s.%s", [workload.pod_security_context_path, field])
}

violation contains {"msg": "pod adds the root group to `supplementalGroups`", "path": path} if {
	some i, g in object.get(workload.pod_security_context, "supplementalGroups", [])
	g == 0
	path := sprintf("%s.supplementalGroups[%d]", [workload.pod_security_context_path, i])
}

violation contains {"msg": msg, "path": path} if {
	some c in workload.containers
	c.container.securityContext.runAsGroup == 0
	msg := sprintf("container `%s` sets `runAsGroup: 0`", [c.name])
	path := sprintf("%s.securityContext.runAsGroup", [c.path])
}
