package kubegov.workload.host_ports_test

import data.kubegov.workload.host_ports as policy
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

test_host_port_is_denied if {
	paths(pod({"containers": [{"name": "a", "ports": [{"containerPort": 80}, {"containerPort": 443, "hostPort": 443}]}]})) == {"spec.containers[0].ports[1].hostPort"}
}

test_zero_is_allowed if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a", "ports": [{"containerPort": 80, "hostPort": 0}]}]})
}

test_init_container_in_deployment if {
	paths(deployment({"containers": [{"name": "a"}], "initContainers": [{"name": "i", "ports": [{"containerPort": 9, "hostPort": 9}]}]})) == {"spec.template.spec.initContainers[0].ports[0].hostPort"}
}
