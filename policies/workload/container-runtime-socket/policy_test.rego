package kubegov.workload.container_runtime_socket_test

import data.kubegov.workload.container_runtime_socket as policy
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

test_docker_sock_is_denied if {
	paths(pod({"containers": [{"name": "a"}], "volumes": [{"name": "d", "hostPath": {"path": "/var/run/docker.sock"}}]})) == {"spec.volumes[0].hostPath.path"}
}

test_parent_directory_is_denied if {
	paths(deployment({"containers": [{"name": "a"}], "volumes": [{"name": "r", "hostPath": {"path": "/run/containerd/"}}]})) == {"spec.template.spec.volumes[0].hostPath.path"}
}

test_other_host_paths_are_allowed if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a"}], "volumes": [{"name": "l", "hostPath": {"path": "/var/log"}}, {"name": "x", "hostPath": {"path": "/var/run/docker.sock.bak"}}]})
}

test_parameter if {
	doc := object.union(pod({"containers": [{"name": "a"}], "volumes": [{"name": "p", "hostPath": {"path": "/run/podman/podman.sock"}}]}), {"parameters": {"sockets": ["/run/podman/podman.sock"]}})
	count(policy.violation) == 1 with input as doc
}
