package kubegov.controlplane.bind_address_localhost_test

import data.kubegov.controlplane.bind_address_localhost as policy
import rego.v1



static_pod(cmd) := {"review": {"kind": {"group": "", "version": "v1", "kind": "Pod"}, "object": {
	"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "cp", "namespace": "kube-system"},
	"spec": {"containers": [{"name": "c", "image": "i", "command": cmd}]},
}}}

args_pod(cmd, args) := {"review": {"kind": {"group": "", "version": "v1", "kind": "Pod"}, "object": {
	"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "cp", "namespace": "kube-system"},
	"spec": {"containers": [{"name": "c", "image": "i", "command": cmd, "args": args}]},
}}}

paths(doc) := {v.path | some v in policy.violation with input as doc}

msgs(doc) := {v.msg | some v in policy.violation with input as doc}


test_loopback_passes if {
	count(policy.violation) == 0 with input as static_pod(["kube-scheduler", "--bind-address=127.0.0.1"])
}

test_unset_is_reported if {
	msgs(static_pod(["kube-controller-manager", "--v=2"])) == {"`kube-controller-manager` listens on `0.0.0.0`: set `--bind-address=127.0.0.1`"}
}

test_all_interfaces_is_reported if {
	paths(args_pod(["kube-scheduler"], ["--bind-address", "0.0.0.0"])) == {"spec.containers[0].args[0]"}
}
