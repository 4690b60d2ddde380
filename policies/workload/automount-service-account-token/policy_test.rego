package kubegov.workload.automount_service_account_token_test

import data.kubegov.workload.automount_service_account_token as policy
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
	paths(pod({"containers": [{"name": "a"}]})) == {"spec.automountServiceAccountToken"}
}

test_false_is_allowed if {
	count(policy.violation) == 0 with input as deployment({"automountServiceAccountToken": false, "containers": [{"name": "a"}]})
}

test_true_is_denied_even_if_sa_opts_out if {
	inv := {"namespace": {"default": {"v1": {"ServiceAccount": {"default": {"automountServiceAccountToken": false}}}}}}
	count(policy.violation) == 1 with input as pod({"automountServiceAccountToken": true, "containers": [{"name": "a"}]}) with data.inventory as inv
}

test_service_account_opt_out_from_inventory if {
	inv := {"namespace": {"team": {"v1": {"ServiceAccount": {"worker": {"automountServiceAccountToken": false}}}}}}
	doc := {"review": {"object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "team"}, "spec": {"serviceAccountName": "worker", "containers": [{"name": "a"}]}}}}
	count(policy.violation) == 0 with input as doc with data.inventory as inv
}
