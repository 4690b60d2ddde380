package kubegov.workload.run_as_root_group_test

import data.kubegov.workload.run_as_root_group as policy
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

test_pod_groups_are_denied if {
	paths(pod({"securityContext": {"runAsGroup": 0, "fsGroup": 0, "supplementalGroups": [10, 0]}, "containers": [{"name": "a"}]})) == {"spec.securityContext.runAsGroup", "spec.securityContext.fsGroup", "spec.securityContext.supplementalGroups[1]"}
}

test_container_group_is_denied if {
	paths(deployment({"containers": [{"name": "a", "securityContext": {"runAsGroup": 0}}]})) == {"spec.template.spec.containers[0].securityContext.runAsGroup"}
}

test_non_zero_and_unset_are_allowed if {
	count(policy.violation) == 0 with input as pod({"securityContext": {"runAsGroup": 3000, "fsGroup": 2000}, "containers": [{"name": "a"}]})
}
