package kubegov.workload.share_process_namespace_test

import data.kubegov.workload.share_process_namespace as policy
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

test_shared_is_denied if {
	paths(pod({"shareProcessNamespace": true, "containers": [{"name": "a"}]})) == {"spec.shareProcessNamespace"}
}

test_unset_and_false_are_allowed if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a"}]})
	count(policy.violation) == 0 with input as pod({"shareProcessNamespace": false, "containers": [{"name": "a"}]})
}

test_deployment if {
	paths(deployment({"shareProcessNamespace": true, "containers": [{"name": "a"}]})) == {"spec.template.spec.shareProcessNamespace"}
}
