package kubegov.workload.run_as_high_uid_test

import data.kubegov.workload.run_as_high_uid as policy
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

warnings(doc) := {w.path | some w in policy.warn with input as doc}

test_low_container_uid_warns if {
	warnings(pod({"containers": [{"name": "a", "securityContext": {"runAsUser": 1000}}]})) == {"spec.containers[0].securityContext.runAsUser"}
}

test_pod_uid_applies_to_containers_without_one if {
	warnings(deployment({"securityContext": {"runAsUser": 100}, "containers": [{"name": "a"}, {"name": "b", "securityContext": {"runAsUser": 20000}}]})) == {"spec.template.spec.securityContext.runAsUser"}
}

test_high_or_unset_is_fine if {
	count(policy.warn) == 0 with input as pod({"securityContext": {"runAsUser": 10001}, "containers": [{"name": "a"}, {"name": "b"}]})
	count(policy.warn) == 0 with input as pod({"containers": [{"name": "a"}]})
}
