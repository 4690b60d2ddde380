package kubegov.workload.selinux_options_test

import data.kubegov.workload.selinux_options as policy
import rego.v1

pod(spec) := {"review": {"kind": {"group": "", "version": "v1", "kind": "Pod"}, "object": {
	"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": spec,
}}}

pod_meta(meta, spec) := {"review": {"kind": {"group": "", "version": "v1", "kind": "Pod"}, "object": {
	"apiVersion": "v1", "kind": "Pod", "metadata": object.union({"name": "p"}, meta), "spec": spec,
}}}

deployment(spec) := {"review": {"kind": {"group": "apps", "version": "v1", "kind": "Deployment"}, "object": {
	"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
	"spec": {"template": {"metadata": {}, "spec": spec}},
}}}

cronjob(spec) := {"review": {"kind": {"group": "batch", "version": "v1", "kind": "CronJob"}, "object": {
	"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "c"},
	"spec": {"schedule": "* * * * *", "jobTemplate": {"spec": {"template": {"spec": spec}}}},
}}}

paths(input_doc) := {v.path | some v in policy.violation with input as input_doc}

test_spc_type_is_denied if {
	paths(pod({"containers": [{"name": "a", "securityContext": {"seLinuxOptions": {"type": "spc_t"}}}]})) == {"spec.containers[0].securityContext.seLinuxOptions.type"}
}

test_user_and_role_are_denied if {
	paths(pod({"securityContext": {"seLinuxOptions": {"user": "system_u", "role": "system_r", "type": "container_t"}}, "containers": [{"name": "a"}]})) == {"spec.securityContext.seLinuxOptions.user", "spec.securityContext.seLinuxOptions.role"}
}

test_allowed_types_and_level if {
	count(policy.violation) == 0 with input as pod({"securityContext": {"seLinuxOptions": {"level": "s0:c1,c2"}}, "containers": [{"name": "a", "securityContext": {"seLinuxOptions": {"type": "container_init_t"}}}, {"name": "b", "securityContext": {"seLinuxOptions": {"type": ""}}}]})
}

test_ephemeral_container if {
	paths(deployment({"containers": [{"name": "a"}], "ephemeralContainers": [{"name": "e", "securityContext": {"seLinuxOptions": {"type": "unconfined_t"}}}]})) == {"spec.template.spec.ephemeralContainers[0].securityContext.seLinuxOptions.type"}
}
