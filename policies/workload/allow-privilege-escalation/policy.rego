# METADATA
# title: Privilege escalation allowed
# description: |
#   Without `allowPrivilegeEscalation: false` a process can gain more privileges
#   than its parent (setuid binaries, file capabilities). Pod Security Standards
#   (restricted) require every container to set it to false, except pods whose
#   `spec.os.name` is `windows`.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: allow-privilege-escalation
#   severity: medium
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     psa: allowPrivilegeEscalation
#     pss: restricted
#     cis: ["5.2.6"]
#   remediation: "Set `securityContext.allowPrivilegeEscalation: false` on every container."
package kubegov.workload.allow_privilege_escalation

import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": msg, "path": path} if {
	not object.get(workload.pod_spec, ["os", "name"], "") == "windows"
	some c in workload.containers
	not c.container.securityContext.allowPrivilegeEscalation == false
	msg := sprintf("container `%s` does not set `allowPrivilegeEscalation: false`", [c.name])
	path := sprintf("%s.securityContext.allowPrivilegeEscalation", [c.path])
}
