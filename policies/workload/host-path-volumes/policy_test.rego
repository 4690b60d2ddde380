package kubegov.workload.host_path_volumes_test

import data.kubegov.workload.host_path_volumes as policy
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

test_host_path_is_denied if {
	paths(pod({"containers": [{"name": "a"}], "volumes": [{"name": "x", "emptyDir": {}}, {"name": "h", "hostPath": {"path": "/etc"}}]})) == {"spec.volumes[1].hostPath"}
}

test_other_volumes_are_allowed if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a"}], "volumes": [{"name": "x", "emptyDir": {}}, {"name": "c", "configMap": {"name": "c"}}]})
}

test_cronjob if {
	paths(cronjob({"containers": [{"name": "a"}], "volumes": [{"name": "h", "hostPath": {"path": "/var/log"}}]})) == {"spec.jobTemplate.spec.template.spec.volumes[0].hostPath"}
}

test_no_volumes if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a"}]})
}
