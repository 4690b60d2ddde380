# METADATA
# title: Custom SELinux options
# description: |
#   Pod Security Standards (baseline) restrict SELinux options: the type must be
#   unset, empty, `container_t`, `container_init_t`, `container_kvm_t` or
#   `container_engine_t`, and the user and role must not be set, at the pod level
#   and in every container.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: selinux-options
#   severity: medium
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     pss: baseline
#     psa: seLinuxOptions
#     nsa: ["pod-security"]
#   remediation: "Remove `seLinuxOptions.user` and `seLinuxOptions.role`, and use an allowed `seLinuxOptions.type`."
package kubegov.workload.selinux_options

import data.kubegov.lib.workload
import rego.v1

allowed_types := {"", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"}

# {"who", "options", "path"} of every seLinuxOptions set.
settings contains {"who": "pod", "options": o, "path": sprintf("%s.seLinuxOptions", [workload.pod_security_context_path])} if {
	o := workload.pod_security_context.seLinuxOptions
}

settings contains {"who": sprintf("container `%s`", [c.name]), "options": o, "path": sprintf("%s.securityContext.seLinuxOptions", [c.path])} if {
	some c in workload.containers
	o := c.container.securityContext.seLinuxOptions
}

violation contains {"msg": msg, "path": path} if {
	some s in settings
	t := object.get(s.options, "type", "")
	not t in allowed_types
	msg := sprintf("%s sets SELinux type `%s`", [s.who, t])
	path := sprintf("%s.type", [s.path])
}

violation contains {"msg": msg, "path": path} if {
	some s in settings
	some field in ["user", "role"]
	object.get(s.options, field, "") != ""
	msg := sprintf("%s sets SELinux %s `%s`", [s.who, field, s.options[field]])
	path := sprintf("%s.%s", [s.path, field])
}
