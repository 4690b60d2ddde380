package kubegov.controlplane.profiling_enabled_test

import data.kubegov.controlplane.profiling_enabled as policy
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


test_false_passes if {
	count(policy.violation) == 0 with input as static_pod(["kube-scheduler", "--profiling=false"])
}

test_unset_is_reported if {
	msgs(static_pod(["kube-controller-manager", "--v=2"])) == {"`kube-controller-manager` serves profiling data: set `--profiling=false`"}
}

test_bare_flag_means_true if {
	paths(static_pod(["/usr/local/bin/kube-apiserver", "--profiling", "--v=2"])) == {"spec.containers[0].command[1]"}
}

test_space_separated_false if {
	count(policy.violation) == 0 with input as args_pod(["kube-scheduler"], ["--profiling", "false"])
}
