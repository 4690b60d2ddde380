package kubegov.workload.windows_host_process_test

import data.kubegov.workload.windows_host_process as policy
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

test_pod_host_process_is_denied if {
	paths(pod({"os": {"name": "windows"}, "hostNetwork": true, "securityContext": {"windowsOptions": {"hostProcess": true}}, "containers": [{"name": "a"}]})) == {"spec.securityContext.windowsOptions.hostProcess"}
}

test_container_host_process_is_denied if {
	paths(deployment({"containers": [{"name": "a", "securityContext": {"windowsOptions": {"hostProcess": true}}}]})) == {"spec.template.spec.containers[0].securityContext.windowsOptions.hostProcess"}
}

test_false_and_unset_are_allowed if {
	count(policy.violation) == 0 with input as pod({"securityContext": {"windowsOptions": {"hostProcess": false, "runAsUserName": "ContainerUser"}}, "containers": [{"name": "a"}]})
}
