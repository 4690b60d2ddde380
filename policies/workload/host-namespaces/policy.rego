# METADATA
# title: Host namespaces
# description: |
#   Sharing the host's network, PID or IPC namespace lets a pod see and reach
#   the node's processes and interfaces. Pod Security Standards (baseline)
#   require hostNetwork, hostPID and hostIPC to be unset or false.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: host-namespaces
#   severity: high
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     psa: hostNamespaces
#     pss: baseline
#     cis: ["5.2.3", "5.2.4", "5.2.5"]
#   remediation: "Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec, or set them to `false`."
package kubegov.workload.host_namespaces

import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some field in ["hostNetwork", "hostPID", "hostIPC"]
	workload.pod_spec[field] == true
	msg := sprintf("pod shares the host's namespace: `%s` is true", [field])
	path := sprintf("%s.%s", [workload.pod_spec_path, field])
}
