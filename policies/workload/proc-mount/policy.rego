# METADATA
# title: Unmasked /proc mount
# description: |
#   The default /proc masks hide kernel interfaces from containers. Pod Security
#   Standards (baseline) require `securityContext.procMount` to be unset or
#   `Default` in every container; since Kubernetes 1.35 the baseline level allows
#   other values in pods that run in a user namespace (`hostUsers: false`), which
#   the restricted level still forbids (see `proc-mount-restricted`).
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: proc-mount
#   severity: high
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     pss: baseline
#     psa: procMount_baseline
#     nsa: ["pod-security"]
#   remediation: "Remove `securityContext.procMount` or set it to `Default`."
package kubegov.workload.proc_mount

import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": msg, "path": path} if {
	not workload.user_namespaced
	some c in workload.containers
	pm := c.container.securityContext.procMount
	pm != "Default"
	msg := sprintf("container `%s` sets `procMount` to `%s`", [c.name, pm])
	path := sprintf("%s.securityContext.procMount", [c.path])
}
