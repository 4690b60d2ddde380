# METADATA
# title: HostPath volumes mounted read-write
# description: |
#   A hostPath volume mounted without `readOnly: true` lets the container write to
#   the node's filesystem (plant binaries, alter configuration, fill the disk).
#   Every volume mount of a hostPath volume should be read-only.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
# custom:
#   id: writable-host-path
#   severity: medium
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     nsa: ["pod-security"]
#     mitre: ["T1611"]
#   remediation: "Set `readOnly: true` on the volume mount of the hostPath volume."
package kubegov.workload.writable_host_path

import data.kubegov.lib.workload
import rego.v1

host_volumes := {v.name: v.volume.hostPath.path | some v in workload.volumes; v.volume.hostPath}

violation contains {"msg": msg, "path": path} if {
	some c in workload.containers
	some i, m in object.get(c.container, "volumeMounts", [])
	host := host_volumes[m.name]
	not m.readOnly == true
	msg := sprintf("container `%s` mounts host path `%s` (volume `%s`) read-write", [c.name, host, m.name])
	path := sprintf("%s.volumeMounts[%d].readOnly", [c.path, i])
}
