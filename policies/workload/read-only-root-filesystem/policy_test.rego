package kubegov.workload.read_only_root_filesystem_test

import data.kubegov.workload.read_only_root_filesystem as policy
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
	paths(pod({"containers": [{"name": "a"}]})) == {"spec.containers[0].securityContext.readOnlyRootFilesystem"}
}

test_false_in_init_container_is_denied if {
	paths(deployment({"containers": [{"name": "a", "securityContext": {"readOnlyRootFilesystem": true}}], "initContainers": [{"name": "i", "securityContext": {"readOnlyRootFilesystem": false}}]})) == {"spec.template.spec.initContainers[0].securityContext.readOnlyRootFilesystem"}
}

test_true_is_allowed_and_ephemeral_ignored if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a", "securityContext": {"readOnlyRootFilesystem": true}}], "ephemeralContainers": [{"name": "e"}]})
}
