package kubegov.workload.host_probes_lifecycle_test

import data.kubegov.workload.host_probes_lifecycle as policy
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

test_probe_host_is_denied if {
	paths(pod({"containers": [{"name": "a", "livenessProbe": {"httpGet": {"port": 80, "host": "10.0.0.1"}}}]})) == {"spec.containers[0].livenessProbe.httpGet.host"}
}

test_lifecycle_tcp_host_is_denied if {
	paths(deployment({"containers": [{"name": "a", "lifecycle": {"preStop": {"tcpSocket": {"port": 80, "host": "metadata"}}}}]})) == {"spec.template.spec.containers[0].lifecycle.preStop.tcpSocket.host"}
}

test_empty_host_is_allowed if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a", "readinessProbe": {"httpGet": {"port": 80, "host": ""}}, "startupProbe": {"tcpSocket": {"port": 80}}}]})
}

test_init_container_startup_probe if {
	paths(pod({"containers": [{"name": "a"}], "initContainers": [{"name": "i", "startupProbe": {"tcpSocket": {"port": 1, "host": "x"}}}]})) == {"spec.initContainers[0].startupProbe.tcpSocket.host"}
}
