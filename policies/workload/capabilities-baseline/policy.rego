# METADATA
# title: Capabilities beyond the baseline set
# description: |
#   Adding Linux capabilities beyond the default set of the container runtime
#   widens what a compromised process can do to the node. Pod Security Standards
#   (baseline) allow only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL,
#   MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT in
#   `securityContext.capabilities.add`, spelt exactly so (the PSA compares
#   strings), in every container, init container and ephemeral container.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: capabilities-baseline
#   severity: high
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     pss: baseline
#     psa: capabilities_baseline
#     cis: ["5.2.9"]
#     nsa: ["pod-security"]
#     mitre: ["T1611"]
#   remediation: "Remove the capability from `securityContext.capabilities.add`; only the baseline set may be added."
package kubegov.workload.capabilities_baseline

import data.kubegov.lib.workload
import rego.v1

allowed := {
	"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
	"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
}

violation contains {"msg": msg, "path": path} if {
	some c in workload.containers
	some i, cap in object.get(c.container, ["securityContext", "capabilities", "add"], [])
	not cap in allowed
	msg := sprintf("container `%s` adds capability `%s`, outside the baseline set", [c.name, cap])
	path := sprintf("%s.securityContext.capabilities.add[%d]", [c.path, i])
}
