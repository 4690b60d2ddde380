# METADATA
# title: Seccomp profile not set
# description: |
#   Pod Security Standards (restricted) require a seccomp profile of type
#   `RuntimeDefault` or `Localhost`: either at the pod level, with containers
#   leaving it unset or using an allowed type, or on every container. Pods with
#   `spec.os.name: windows` are exempt. Explicit `Unconfined` profiles are
#   reported by `seccomp-unconfined`, not again here, but they do not count as
#   set.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: seccomp-restricted
#   severity: medium
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     pss: restricted
#     psa: seccompProfile_restricted
#     cis: ["5.7.2"]
#     nsa: ["pod-security"]
#   remediation: "Set `spec.securityContext.seccompProfile.type: RuntimeDefault` on the pod."
package kubegov.workload.seccomp_restricted

import data.kubegov.lib.workload
import rego.v1

valid := {"RuntimeDefault", "Localhost"}

pod_profile := workload.pod_security_context.seccompProfile

pod_valid if object.get(pod_profile, "type", "") in valid

# A pod-level profile of another type than Unconfined (Unconfined: seccomp-unconfined).
violation contains {"msg": msg, "path": path} if {
	not workload.is_windows
	t := object.get(pod_profile, "type", "")
	not t in valid
	t != "Unconfined"
	msg := sprintf("pod sets seccomp profile type `%s`; use `RuntimeDefault` or `Localhost`", [t])
	path := sprintf("%s.seccompProfile.type", [workload.pod_security_context_path])
}

violation contains {"msg": msg, "path": path} if {
	not workload.is_windows
	some c in workload.containers
	t := object.get(c.container.securityContext.seccompProfile, "type", "")
	not t in valid
	t != "Unconfined"
	msg := sprintf("container `%s` sets seccomp profile type `%s`; use `RuntimeDefault` or `Localhost`", [c.name, t])
	path := sprintf("%s.securityContext.seccompProfile.type", [c.path])
}

violation contains {"msg": msg, "path": path} if {
	not workload.is_windows
	not pod_valid
	some c in workload.containers
	not c.container.securityContext.seccompProfile
	msg := sprintf("container `%s` has no seccomp profile: set `seccompProfile.type: RuntimeDefault` on the pod or the container", [c.name])
	path := sprintf("%s.securityContext.seccompProfile", [c.path])
}
