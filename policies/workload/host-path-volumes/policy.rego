# METADATA
# title: HostPath volumes
# description: |
#   A hostPath volume exposes the node's filesystem to the pod: credentials, the
#   container runtime, other pods' data. Pod Security Standards (baseline) forbid
#   every `hostPath` volume, whatever its path or read-only flag.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: host-path-volumes
#   severity: high
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     pss: baseline
#     psa: hostPathVolumes
#     cis: ["5.2.12"]
#     nsa: ["pod-security"]
#     mitre: ["T1611"]
#   remediation: "Replace the `hostPath` volume with a persistentVolumeClaim, emptyDir, configMap or secret volume."
package kubegov.workload.host_path_volumes

import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some v in workload.volumes
	v.volume.hostPath
	msg := sprintf("volume `%s` mounts the host path `%s`", [v.name, object.get(v.volume.hostPath, "path", "")])
	path := sprintf("%s.hostPath", [v.path])
}
