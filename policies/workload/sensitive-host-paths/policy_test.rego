package kubegov.workload.sensitive_host_paths_test

import data.kubegov.workload.sensitive_host_paths as policy
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

test_etc_is_denied if {
	paths(pod({"containers": [{"name": "a"}], "volumes": [{"name": "e", "hostPath": {"path": "/etc/"}}]})) == {"spec.volumes[0].hostPath.path"}
}

test_below_kubelet_is_denied if {
	paths(deployment({"containers": [{"name": "a"}], "volumes": [{"name": "k", "hostPath": {"path": "/var/lib/kubelet/pods"}}]})) == {"spec.template.spec.volumes[0].hostPath.path"}
}

test_root_only_exactly if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a"}], "volumes": [{"name": "l", "hostPath": {"path": "/var/log/app"}}, {"name": "t", "hostPath": {"path": "/etcetera"}}]})
}

test_root_is_denied if {
	count(policy.violation) == 1 with input as pod({"containers": [{"name": "a"}], "volumes": [{"name": "r", "hostPath": {"path": "/"}}]})
}
