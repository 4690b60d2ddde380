# METADATA
# title: Windows HostProcess containers
# description: |
#   A Windows HostProcess container runs directly on the node with the privileges
#   of a host process. Pod Security Standards (baseline) require
#   `windowsOptions.hostProcess` to be unset or false at the pod level and in
#   every container.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: windows-host-process
#   severity: critical
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     pss: baseline
#     psa: windowsHostProcess
#     mitre: ["T1611"]
#   remediation: "Remove `securityContext.windowsOptions.hostProcess` or set it to `false`."
package kubegov.workload.windows_host_process

import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": "pod runs as a Windows HostProcess", "path": path} if {
	workload.pod_security_context.windowsOptions.hostProcess == true
	path := sprintf("%s.windowsOptions.hostProcess", [workload.pod_security_context_path])
}

violation contains {"msg": msg, "path": path} if {
	some c in workload.containers
	c.container.securityContext.windowsOptions.hostProcess == true
	msg := sprintf("container `%s` runs as a Windows HostProcess", [c.name])
	path := sprintf("%s.securityContext.windowsOptions.hostProcess", [c.path])
}
