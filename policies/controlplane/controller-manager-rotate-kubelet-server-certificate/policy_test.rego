package kubegov.controlplane.controller_manager_rotate_kubelet_server_certificate_test

import data.kubegov.controlplane.controller_manager_rotate_kubelet_server_certificate as policy
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

test_true_passes if {
	count(policy.violation) == 0 with input as static_pod(good)
}

test_unset_passes if {
	count(policy.violation) == 0 with input as static_pod(drop("--feature-gates"))
}

test_false_is_reported if {
	count(policy.violation) == 1 with input as static_pod(array.concat(drop("--feature-gates"), ["--feature-gates=Foo=true,RotateKubeletServerCertificate=false"]))
}
