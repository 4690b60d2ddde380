# METADATA
# title: Containers may run as root
# description: |
#   Pod Security Standards (restricted) require `runAsNonRoot: true`: set at
#   the pod level (and not overridden with false by a container), or on every
#   container. A pod-level `false` fails even when every container sets true.
#   As in the Pod Security Admission, Windows pods are not exempt.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: run-as-non-root
#   severity: medium
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     psa: runAsNonRoot
#     pss: restricted
#     cis: ["5.2.7"]
#   remediation: "Set `securityContext.runAsNonRoot: true` on the pod (or on every container) and run as a non-zero UID."
package kubegov.workload.run_as_non_root

import data.kubegov.lib.workload
import rego.v1

pod_non_root := object.get(workload.pod_security_context, "runAsNonRoot", null)

# The pod explicitly set to false fails whatever the containers say.
violation contains {"msg": "pod sets `runAsNonRoot: false`", "path": path} if {
	pod_non_root == false
	path := sprintf("%s.runAsNonRoot", [workload.pod_security_context_path])
}

# A container explicitly set to false fails whatever the pod says.
violation contains {"msg": msg, "path": path} if {
	some c in workload.containers
	c.container.securityContext.runAsNonRoot == false
	msg := sprintf("container `%s` sets `runAsNonRoot: false`", [c.name])
	path := sprintf("%s.securityContext.runAsNonRoot", [c.path])
}

# Without a pod-level true, every container must set it.
violation contains {"msg": msg, "path": path} if {
	pod_non_root != true
	some c in workload.containers
	object.get(c.container, ["securityContext", "runAsNonRoot"], null) == null
	msg := sprintf("container `%s` may run as root: set `runAsNonRoot: true` on the pod or the container", [c.name])
	path := sprintf("%s.securityContext.runAsNonRoot", [c.path])
}
