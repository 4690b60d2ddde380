# METADATA
# title: Seccomp explicitly disabled
# description: |
#   Pod Security Standards (baseline) forbid the `Unconfined` seccomp profile, at
#   the pod level (`spec.securityContext.seccompProfile.type`) and in every
#   container. An unset profile is allowed at this level (restricted requires one:
#   see `seccomp-restricted`).
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: seccomp-unconfined
#   severity: high
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     pss: baseline
#     psa: seccompProfile_baseline
#     cis: ["5.7.2"]
#     nsa: ["pod-security"]
#   remediation: "Set `seccompProfile.type` to `RuntimeDefault` (or `Localhost`) instead of `Unconfined`."
package kubegov.workload.seccomp_unconfined

import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": "pod sets seccomp profile `Unconfined`", "path": path} if {
	workload.pod_security_context.seccompProfile.type == "Unconfined"
	path := sprintf("%s.seccompProfile.type", [workload.pod_security_context_path])
}

violation contains {"msg": msg, "path": path} if {
	some c in workload.containers
	c.container.securityContext.seccompProfile.type == "Unconfined"
	msg := sprintf("container `%s` sets seccomp profile `Unconfined`", [c.name])
	path := sprintf("%s.securityContext.seccompProfile.type", [c.path])
}
