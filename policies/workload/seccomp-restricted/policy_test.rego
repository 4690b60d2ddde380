package kubegov.workload.seccomp_restricted_test

import data.kubegov.workload.seccomp_restricted as policy
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
	paths(pod({"containers": [{"name": "a"}]})) == {"spec.containers[0].securityContext.seccompProfile"}
}

test_pod_level_covers_containers if {
	count(policy.violation) == 0 with input as pod({"securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}, "containers": [{"name": "a"}], "initContainers": [{"name": "i"}]})
}

test_every_container_set if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a", "securityContext": {"seccompProfile": {"type": "Localhost", "localhostProfile": "x"}}}]})
}

test_pod_unconfined_leaves_containers_unset if {
	paths(pod({"securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": [{"name": "a"}, {"name": "b", "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}}]})) == {"spec.containers[0].securityContext.seccompProfile"}
}

test_windows_is_exempt if {
	count(policy.violation) == 0 with input as pod({"os": {"name": "windows"}, "containers": [{"name": "a"}]})
}

test_ephemeral_in_deployment if {
	paths(deployment({"containers": [{"name": "a", "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}}], "ephemeralContainers": [{"name": "e"}]})) == {"spec.template.spec.ephemeralContainers[0].securityContext.seccompProfile"}
}
