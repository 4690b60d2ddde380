# METADATA
# title: Process namespace shared between containers
# description: |
#   With `shareProcessNamespace: true` every container of the pod sees the others'
#   processes, their environment and their filesystems through /proc, which breaks
#   the isolation between, say, an application and a sidecar holding credentials.
# related_resources:
# - ref: https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/
# custom:
#   id: share-process-namespace
#   severity: low
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     nsa: ["pod-security"]
#   remediation: "Remove `shareProcessNamespace` or set it to `false`."
package kubegov.workload.share_process_namespace

import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": "pod shares one process namespace between its containers", "path": path} if {
	workload.pod_spec.shareProcessNamespace == true
	path := sprintf("%s.shareProcessNamespace", [workload.pod_spec_path])
}
