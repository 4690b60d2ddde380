package kubegov.workload.proc_mount_test

import data.kubegov.workload.proc_mount as policy
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

test_unmasked_is_denied if {
	paths(pod({"containers": [{"name": "a", "securityContext": {"procMount": "Unmasked"}}]})) == {"spec.containers[0].securityContext.procMount"}
}

test_default_and_unset_are_allowed if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a", "securityContext": {"procMount": "Default"}}, {"name": "b"}]})
}

test_user_namespace_pod_is_allowed if {
	count(policy.violation) == 0 with input as pod({"hostUsers": false, "containers": [{"name": "a", "securityContext": {"procMount": "Unmasked"}}]})
}

test_host_users_true_is_denied if {
	paths(deployment({"hostUsers": true, "initContainers": [{"name": "i", "securityContext": {"procMount": "Unmasked"}}], "containers": [{"name": "a"}]})) == {"spec.template.spec.initContainers[0].securityContext.procMount"}
}
