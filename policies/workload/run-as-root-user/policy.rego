# METADATA
# title: Containers run as UID 0
# description: |
#   Pod Security Standards (restricted) forbid `runAsUser: 0` in the pod security
#   context and in every container; an unset or non-zero `runAsUser` is allowed
#   (the image's user then applies, which `run-as-non-root` constrains).
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: run-as-root-user
#   severity: medium
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     pss: restricted
#     psa: runAsUser
#     cis: ["5.2.7"]
#     nsa: ["pod-security"]
#   remediation: "Set `runAsUser` to a non-zero UID, or remove it and set `runAsNonRoot: true`."
package kubegov.workload.run_as_root_user

import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": "pod sets `runAsUser: 0`", "path": path} if {
	workload.pod_security_context.runAsUser == 0
	path := sprintf("%s.runAsUser", [workload.pod_security_context_path])
}

violation contains {"msg": msg, "path": path} if {
	some c in workload.containers
	c.container.securityContext.runAsUser == 0
	msg := sprintf("container `%s` sets `runAsUser: 0`", [c.name])
	path := sprintf("%s.securityContext.runAsUser", [c.path])
}
