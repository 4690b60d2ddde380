# METADATA
# title: Capabilities not dropped
# description: |
#   Pod Security Standards (restricted) require every container to drop `ALL`
#   capabilities and to add back at most `NET_BIND_SERVICE`. Pods with
#   `spec.os.name: windows` are exempt. Added capabilities outside the baseline
#   set are reported by `capabilities-baseline`, not again here.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: capabilities-restricted
#   severity: medium
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     pss: restricted
#     psa: capabilities_restricted
#     cis: ["5.2.8", "5.2.10"]
#     nsa: ["pod-security"]
#   remediation: "Set `securityContext.capabilities.drop: [ALL]` on every container and add only `NET_BIND_SERVICE` if needed."
package kubegov.workload.capabilities_restricted

import data.kubegov.lib.workload
import rego.v1

baseline_allowed := {
	"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
	"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
}

violation contains {"msg": msg, "path": path} if {
	not workload.is_windows
	some c in workload.containers
	not "ALL" in object.get(c.container, ["securityContext", "capabilities", "drop"], [])
	msg := sprintf("container `%s` does not drop `ALL` capabilities", [c.name])
	path := sprintf("%s.securityContext.capabilities.drop", [c.path])
}

violation contains {"msg": msg, "path": path} if {
	not workload.is_windows
	some c in workload.containers
	some i, cap in object.get(c.container, ["securityContext", "capabilities", "add"], [])
	cap != "NET_BIND_SERVICE"
	cap in baseline_allowed
	msg := sprintf("container `%s` adds capability `%s`; only `NET_BIND_SERVICE` may be added", [c.name, cap])
	path := sprintf("%s.securityContext.capabilities.add[%d]", [c.path, i])
}
