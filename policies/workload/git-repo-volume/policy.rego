# METADATA
# title: gitRepo volumes
# description: |
#   The deprecated gitRepo volume runs `git` as root on the node with attacker-
#   controlled arguments (CVE-2024-10220 allowed arbitrary command execution
#   through it). Clone the repository in an init container into an emptyDir
#   instead.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/storage/volumes/#gitrepo
# - ref: https://github.com/kubernetes/kubernetes/issues/128885
# custom:
#   id: git-repo-volume
#   severity: high
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     mitre: ["T1611"]
#   remediation: "Replace the gitRepo volume with an emptyDir filled by an init container that runs `git clone`."
package kubegov.workload.git_repo_volume

import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some v in workload.volumes
	v.volume.gitRepo
	msg := sprintf("volume `%s` is a deprecated gitRepo volume (`%s`)", [v.name, object.get(v.volume.gitRepo, "repository", "")])
	path := sprintf("%s.gitRepo", [v.path])
}
