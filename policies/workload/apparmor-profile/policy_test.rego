package kubegov.workload.apparmor_profile_test

import data.kubegov.workload.apparmor_profile as policy
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

test_unconfined_annotation_is_denied if {
	paths(pod_meta({"annotations": {"container.apparmor.security.beta.kubernetes.io/a": "unconfined"}}, {"containers": [{"name": "a"}]})) == {`metadata.annotations["container.apparmor.security.beta.kubernetes.io/a"]`}
}

test_allowed_annotations if {
	count(policy.violation) == 0 with input as pod_meta({"annotations": {
		"container.apparmor.security.beta.kubernetes.io/a": "runtime/default",
		"container.apparmor.security.beta.kubernetes.io/b": "localhost/custom",
		"container.apparmor.security.beta.kubernetes.io/c": "",
	}}, {"containers": [{"name": "a"}]})
}

test_unconfined_fields_are_denied if {
	paths(pod({"securityContext": {"appArmorProfile": {"type": "Unconfined"}}, "containers": [{"name": "a", "securityContext": {"appArmorProfile": {"type": "Unconfined"}}}]})) == {"spec.securityContext.appArmorProfile.type", "spec.containers[0].securityContext.appArmorProfile.type"}
}

test_allowed_fields if {
	count(policy.violation) == 0 with input as pod({"securityContext": {"appArmorProfile": {"type": "RuntimeDefault"}}, "containers": [{"name": "a", "securityContext": {"appArmorProfile": {"type": "Localhost", "localhostProfile": "p"}}}]})
}
