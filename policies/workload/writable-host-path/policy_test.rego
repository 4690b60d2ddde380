package kubegov.workload.writable_host_path_test

import data.kubegov.workload.writable_host_path as policy
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

test_read_write_is_denied if {
	paths(pod({"containers": [{"name": "a", "volumeMounts": [{"name": "h", "mountPath": "/h"}]}], "volumes": [{"name": "h", "hostPath": {"path": "/var/log"}}]})) == {"spec.containers[0].volumeMounts[0].readOnly"}
}

test_read_only_is_allowed if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a", "volumeMounts": [{"name": "h", "mountPath": "/h", "readOnly": true}, {"name": "e", "mountPath": "/e"}]}], "volumes": [{"name": "h", "hostPath": {"path": "/var/log"}}, {"name": "e", "emptyDir": {}}]})
}

test_init_container_in_deployment if {
	paths(deployment({"containers": [{"name": "a"}], "initContainers": [{"name": "i", "volumeMounts": [{"name": "h", "mountPath": "/h", "readOnly": false}]}], "volumes": [{"name": "h", "hostPath": {"path": "/opt"}}]})) == {"spec.template.spec.initContainers[0].volumeMounts[0].readOnly"}
}
