# METADATA
# title: Dangerous capabilities added
# description: |
#   Some capabilities are each close to root on the node: SYS_ADMIN (mounts,
#   namespaces, BPF...), SYS_MODULE, SYS_PTRACE, SYS_RAWIO, NET_ADMIN,
#   DAC_READ_SEARCH, BPF, PERFMON, SYS_BOOT, SYS_TIME, MAC_ADMIN, MAC_OVERRIDE,
#   and ALL. This check matches names with or without the `CAP_` prefix and in any
#   case, as container runtimes do (the `capabilities` parameter lists them).
# related_resources:
# - ref: https://man7.org/linux/man-pages/man7/capabilities.7.html
# custom:
#   id: dangerous-capabilities
#   severity: high
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     cis: ["5.2.9"]
#     nsa: ["pod-security"]
#     mitre: ["T1611"]
#   parameters: {"type": "object", "properties": {"capabilities": {"type": "array", "items": {"type": "string"}, "default": ["ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "NET_ADMIN", "DAC_READ_SEARCH", "BPF", "PERFMON", "SYS_BOOT", "SYS_TIME", "MAC_ADMIN", "MAC_OVERRIDE"]}}}
#   remediation: "Remove the capability from `securityContext.capabilities.add`; grant the narrowest one the program needs."
package kubegov.workload.dangerous_capabilities

import data.kubegov.lib.workload
import rego.v1

default_caps := [
	"ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "NET_ADMIN", "DAC_READ_SEARCH",
	"BPF", "PERFMON", "SYS_BOOT", "SYS_TIME", "MAC_ADMIN", "MAC_OVERRIDE",
]

dangerous := {normalize(c) | some c in object.get(object.get(input, "parameters", {}), "capabilities", default_caps)}

normalize(cap) := trim_prefix(upper(cap), "CAP_")

violation contains {"msg": msg, "path": path} if {
	some c in workload.containers
	some i, cap in object.get(c.container, ["securityContext", "capabilities", "add"], [])
	normalize(cap) in dangerous
	msg := sprintf("container `%s` adds the dangerous capability `%s`", [c.name, cap])
	path := sprintf("%s.securityContext.capabilities.add[%d]", [c.path, i])
}
