package kubegov.workload.default_service_account_test

import data.kubegov.workload.default_service_account as policy
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
	paths(pod({"containers": [{"name": "a"}]})) == {"spec.serviceAccountName"}
}

test_explicit_default_is_denied if {
	paths(cronjob({"serviceAccountName": "default", "containers": [{"name": "a"}]})) == {"spec.jobTemplate.spec.template.spec.serviceAccountName"}
}

test_dedicated_is_allowed if {
	count(policy.violation) == 0 with input as deployment({"serviceAccountName": "api", "containers": [{"name": "a"}]})
}
