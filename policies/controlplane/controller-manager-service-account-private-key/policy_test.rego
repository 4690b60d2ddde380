package kubegov.controlplane.controller_manager_service_account_private_key_test

import data.kubegov.controlplane.controller_manager_service_account_private_key as policy
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

good := [
	"kube-controller-manager",
	"--bind-address=127.0.0.1",
	"--profiling=false",
	"--terminated-pod-gc-threshold=10",
	"--use-service-account-credentials=true",
	"--service-account-private-key-file=/etc/kubernetes/pki/sa.key",
	"--root-ca-file=/etc/kubernetes/pki/ca.crt",
	"--kubeconfig=/etc/kubernetes/controller-manager.conf",
	"--feature-gates=RotateKubeletServerCertificate=true",
]

drop(prefix) := [a | some a in good; not startswith(a, prefix)]

test_good_flags_pass if {
	count(policy.violation) == 0 with input as static_pod(good)
}

test_missing_flag_is_reported if {
	some m in msgs(static_pod(drop("--service-account-private-key-file")))
	contains(m, "--service-account-private-key-file")
}

test_space_separated_flags_in_args if {
	count(policy.violation) == 0 with input as args_pod(["kube-controller-manager"], array.concat(drop("--service-account-private-key-file"), ["--service-account-private-key-file", "/some/value"]))
}

test_other_binaries_are_ignored if {
	count(policy.violation) == 0 with input as static_pod(["kube-proxy", "--v=2"])
}

test_empty_value_is_reported if {
	paths(static_pod(array.concat(drop("--service-account-private-key-file"), ["--service-account-private-key-file="]))) == {"spec.containers[0].command[8]"}
}
