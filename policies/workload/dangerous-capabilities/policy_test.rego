package kubegov.workload.dangerous_capabilities_test

import data.kubegov.workload.dangerous_capabilities as policy
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
	paths(pod({"containers": [{"name": "a", "securityContext": {"capabilities": {"add": ["NET_BIND_SERVICE", "CAP_SYS_ADMIN"]}}}]})) == {"spec.containers[0].securityContext.capabilities.add[1]"}
}

test_lower_case_all_is_denied if {
	paths(deployment({"containers": [{"name": "a", "securityContext": {"capabilities": {"add": ["all"]}}}]})) == {"spec.template.spec.containers[0].securityContext.capabilities.add[0]"}
}

test_harmless_is_allowed if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a", "securityContext": {"capabilities": {"add": ["NET_BIND_SERVICE", "CHOWN"]}}}]})
}
