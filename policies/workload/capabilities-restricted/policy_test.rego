package kubegov.workload.capabilities_restricted_test

import data.kubegov.workload.capabilities_restricted as policy
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

test_missing_drop_is_denied if {
	paths(pod({"containers": [{"name": "a"}, {"name": "b", "securityContext": {"capabilities": {"drop": ["NET_RAW"]}}}]})) == {"spec.containers[0].securityContext.capabilities.drop", "spec.containers[1].securityContext.capabilities.drop"}
}

test_drop_all_add_net_bind_is_allowed if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a", "securityContext": {"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}}}]})
}

test_add_chown_is_denied if {
	paths(pod({"containers": [{"name": "a", "securityContext": {"capabilities": {"drop": ["ALL"], "add": ["CHOWN"]}}}]})) == {"spec.containers[0].securityContext.capabilities.add[0]"}
}

test_windows_is_exempt if {
	count(policy.violation) == 0 with input as pod({"os": {"name": "windows"}, "containers": [{"name": "a"}]})
}

test_init_container_in_cronjob if {
	paths(cronjob({"containers": [{"name": "a", "securityContext": {"capabilities": {"drop": ["ALL"]}}}], "initContainers": [{"name": "i"}]})) == {"spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.capabilities.drop"}
}
