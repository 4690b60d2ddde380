package kubegov.workload.run_as_root_user_test

import data.kubegov.workload.run_as_root_user as policy
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

test_pod_root_is_denied if {
	paths(pod({"securityContext": {"runAsUser": 0}, "containers": [{"name": "a", "securityContext": {"runAsUser": 1000}}]})) == {"spec.securityContext.runAsUser"}
}

test_container_root_is_denied if {
	paths(deployment({"securityContext": {"runAsUser": 1000}, "containers": [{"name": "a", "securityContext": {"runAsUser": 0}}]})) == {"spec.template.spec.containers[0].securityContext.runAsUser"}
}

test_unset_and_non_zero_are_allowed if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a"}, {"name": "b", "securityContext": {"runAsUser": 65534}}]})
}

test_ephemeral_container if {
	paths(pod({"containers": [{"name": "a"}], "ephemeralContainers": [{"name": "e", "securityContext": {"runAsUser": 0}}]})) == {"spec.ephemeralContainers[0].securityContext.runAsUser"}
}
