package kubegov.workload.capabilities_baseline_test

import data.kubegov.workload.capabilities_baseline as policy
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

test_sys_admin_is_denied if {
	paths(pod({"containers": [{"name": "a", "securityContext": {"capabilities": {"add": ["CHOWN", "SYS_ADMIN"]}}}]})) == {"spec.containers[0].securityContext.capabilities.add[1]"}
}

test_baseline_set_is_allowed if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a", "securityContext": {"capabilities": {"add": ["NET_BIND_SERVICE", "CHOWN", "KILL", "SYS_CHROOT"], "drop": ["ALL"]}}}]})
}

test_cap_prefix_is_not_the_same_name if {
	paths(pod({"containers": [{"name": "a", "securityContext": {"capabilities": {"add": ["CAP_CHOWN"]}}}]})) == {"spec.containers[0].securityContext.capabilities.add[0]"}
}

test_ephemeral_container_in_deployment if {
	paths(deployment({"containers": [{"name": "a"}], "ephemeralContainers": [{"name": "dbg", "securityContext": {"capabilities": {"add": ["SYS_PTRACE"]}}}]})) == {"spec.template.spec.ephemeralContainers[0].securityContext.capabilities.add[0]"}
}

test_unset_is_allowed if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a"}]})
}
