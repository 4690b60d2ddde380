package kubegov.workload.drop_net_raw_test

import data.kubegov.workload.drop_net_raw as policy
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

test_unset_is_denied if {
	paths(pod({"containers": [{"name": "a"}]})) == {"spec.containers[0].securityContext.capabilities.drop"}
}

test_drop_all_or_net_raw_is_allowed if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a", "securityContext": {"capabilities": {"drop": ["ALL"]}}}, {"name": "b", "securityContext": {"capabilities": {"drop": ["CAP_NET_RAW"]}}}]})
}

test_init_container_in_cronjob if {
	paths(cronjob({"containers": [{"name": "a", "securityContext": {"capabilities": {"drop": ["NET_RAW"]}}}], "initContainers": [{"name": "i", "securityContext": {"capabilities": {"drop": ["SYS_ADMIN"]}}}]})) == {"spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.capabilities.drop"}
}
