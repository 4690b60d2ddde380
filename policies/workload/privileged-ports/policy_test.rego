package kubegov.workload.privileged_ports_test

import data.kubegov.workload.privileged_ports as policy
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

test_port_80_warns if {
	warnings(pod({"containers": [{"name": "a", "ports": [{"containerPort": 80}, {"containerPort": 8080}]}]})) == {"spec.containers[0].ports[0].containerPort"}
}

test_high_ports_are_fine if {
	count(policy.warn) == 0 with input as pod({"containers": [{"name": "a", "ports": [{"containerPort": 8443}]}]})
}

test_deployment if {
	warnings(deployment({"containers": [{"name": "a", "ports": [{"containerPort": 443}]}]})) == {"spec.template.spec.containers[0].ports[0].containerPort"}
}
