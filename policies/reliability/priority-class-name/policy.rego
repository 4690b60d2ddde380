# METADATA
# title: Workload without a priority class
# description: |
#   Pods without `priorityClassName` get the cluster's default priority (zero
#   unless a global default exists): under resource pressure the scheduler may
#   preempt them for any other pod, and the kubelet evicts them in no
#   particular order. Advisory.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
# custom:
#   id: priority-class-name
#   severity: info
#   category: reliability
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   remediation: "Set `priorityClassName` in the pod template to a PriorityClass that reflects the workload's importance."
package kubegov.reliability.priority_class_name

import data.kubegov.lib.workload
import rego.v1

warn contains {"msg": msg, "path": sprintf("%s.priorityClassName", [workload.pod_spec_path])} if {
	workload.pod_spec != null
	object.get(workload.pod_spec, "priorityClassName", "") == ""
	obj := input.review.object
	msg := sprintf("%s `%s` sets no `priorityClassName`", [lower(obj.kind), obj.metadata.name])
}
