# METADATA
# title: Volume types outside the restricted set
# description: |
#   Pod Security Standards (restricted) allow only configMap, csi, downwardAPI,
#   emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes; any
#   other inline volume source (nfs, iscsi, gitRepo, cloud disks, a volume with no
#   source...) is refused. hostPath volumes are reported by `host-path-volumes`,
#   not again here.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: restricted-volume-types
#   severity: medium
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     pss: restricted
#     psa: restrictedVolumes
#     nsa: ["pod-security"]
#   remediation: "Use a persistentVolumeClaim (or another allowed volume type) instead of the inline volume source."
package kubegov.workload.restricted_volume_types

import data.kubegov.lib.workload
import rego.v1

allowed := {"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"}

# The volume source fields set (every key but `name`).
sources(v) := {k | some k, x in v; k != "name"; x != null}

violation contains {"msg": msg, "path": path} if {
	some v in workload.volumes
	srcs := sources(v.volume)
	count(srcs & allowed) == 0
	not "hostPath" in srcs
	some t in srcs
	msg := sprintf("volume `%s` uses the restricted volume type `%s`", [v.name, t])
	path := sprintf("%s.%s", [v.path, t])
}

violation contains {"msg": msg, "path": v.path} if {
	some v in workload.volumes
	count(sources(v.volume)) == 0
	msg := sprintf("volume `%s` has no allowed volume source", [v.name])
}
