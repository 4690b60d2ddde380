# METADATA
# title: AppArmor profile overridden or disabled
# description: |
#   Pod Security Standards (baseline) forbid disabling the default AppArmor
#   profile. The `appArmorProfile.type` of the pod and of each container must be
#   unset, `RuntimeDefault` or `Localhost`; the legacy annotations
#   `container.apparmor.security.beta.kubernetes.io/<container>` must be
#   `runtime/default`, `localhost/<profile>` or empty.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: apparmor-profile
#   severity: medium
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     pss: baseline
#     psa: appArmorProfile
#     nsa: ["pod-security"]
#   remediation: "Remove the `Unconfined` AppArmor profile: use `RuntimeDefault` or a `Localhost` profile."
package kubegov.workload.apparmor_profile

import data.kubegov.lib.workload
import rego.v1

prefix := "container.apparmor.security.beta.kubernetes.io/"

allowed_types := {"RuntimeDefault", "Localhost"}

allowed_annotation(v) if v == ""

allowed_annotation(v) if v == "runtime/default"

allowed_annotation(v) if startswith(v, "localhost/")

violation contains {"msg": msg, "path": path} if {
	some key, value in workload.pod_annotations
	startswith(key, prefix)
	not allowed_annotation(value)
	msg := sprintf("annotation `%s` sets AppArmor profile `%s`", [key, value])
	path := workload.field_path(sprintf("%s.annotations", [workload.pod_metadata_path]), key)
}

violation contains {"msg": msg, "path": path} if {
	profile := workload.pod_security_context.appArmorProfile
	not object.get(profile, "type", "") in allowed_types
	msg := sprintf("pod sets AppArmor profile type `%s`", [object.get(profile, "type", "")])
	path := sprintf("%s.appArmorProfile.type", [workload.pod_security_context_path])
}

violation contains {"msg": msg, "path": path} if {
	some c in workload.containers
	profile := c.container.securityContext.appArmorProfile
	not object.get(profile, "type", "") in allowed_types
	msg := sprintf("container `%s` sets AppArmor profile type `%s`", [c.name, object.get(profile, "type", "")])
	path := sprintf("%s.securityContext.appArmorProfile.type", [c.path])
}
