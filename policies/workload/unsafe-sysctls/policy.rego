# METADATA
# title: Unsafe sysctls
# description: |
#   Sysctls can disable security mechanisms or affect every pod of the node. Pod
#   Security Standards (baseline) allow only the safe, namespaced set in
#   `spec.securityContext.sysctls`: kernel.shm_rmid_forced,
#   net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies,
#   net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start, and by version
#   net.ipv4.ip_local_reserved_ports (1.27), net.ipv4.tcp_keepalive_time,
#   net.ipv4.tcp_fin_timeout, net.ipv4.tcp_keepalive_intvl,
#   net.ipv4.tcp_keepalive_probes (1.29), net.ipv4.tcp_rmem and net.ipv4.tcp_wmem
#   (1.32). The `minorVersion` parameter selects the Kubernetes 1.x version whose
#   set applies.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: unsafe-sysctls
#   severity: high
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     pss: baseline
#     psa: sysctls
#     nsa: ["pod-security"]
#   parameters: {"type": "object", "properties": {"minorVersion": {"type": "integer", "minimum": 0, "default": 35, "description": "Kubernetes minor version (1.x) whose safe set applies"}}}
#   remediation: "Remove the sysctl from `spec.securityContext.sysctls`, or set it on the node if it is really needed."
package kubegov.workload.unsafe_sysctls

import data.kubegov.lib.workload
import rego.v1

safe_1_0 := {
	"kernel.shm_rmid_forced",
	"net.ipv4.ip_local_port_range",
	"net.ipv4.tcp_syncookies",
	"net.ipv4.ping_group_range",
	"net.ipv4.ip_unprivileged_port_start",
}

safe_1_27 := {"net.ipv4.ip_local_reserved_ports"}

safe_1_29 := {"net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes"}

safe_1_32 := {"net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"}

minor := object.get(object.get(input, "parameters", {}), "minorVersion", 35)

safe := ((safe_1_0 | added(27, safe_1_27)) | added(29, safe_1_29)) | added(32, safe_1_32)

added(v, s) := s if minor >= v

added(v, _) := set() if minor < v

violation contains {"msg": msg, "path": path} if {
	some i, s in object.get(workload.pod_security_context, "sysctls", [])
	not s.name in safe
	msg := sprintf("pod sets unsafe sysctl `%s`", [s.name])
	path := sprintf("%s.sysctls[%d].name", [workload.pod_security_context_path, i])
}
