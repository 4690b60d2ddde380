# METADATA
# title: Unmasked /proc mount in a user namespace
# description: |
#   Pod Security Standards (restricted) require `securityContext.procMount` to be
#   unset or `Default` in every container, even in pods that run in a user
#   namespace (`hostUsers: false`), which the baseline level exempts since
#   Kubernetes 1.35. Pods outside user namespaces are reported by `proc-mount`.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: proc-mount-restricted
#   severity: medium
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     pss: restricted
#     psa: procMount_restricted
#   remediation: "Remove `securityContext.procMount` or set it to `Default`."
package kubegov.workload.proc_mount_restricted

import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": msg, "path": path} if {
	workload.user_namespaced
	some c in workload.containers
	pm := c.container.securityContext.procMount
	pm != "Default"
	msg := sprintf("container `%s` sets `procMount` to `%s`", [c.name, pm])
	path := sprintf("%s.securityContext.procMount", [c.path])
}
