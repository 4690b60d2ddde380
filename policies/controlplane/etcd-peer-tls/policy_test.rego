package kubegov.controlplane.etcd_peer_tls_test

import data.kubegov.controlplane.etcd_peer_tls as policy
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
	"etcd",
	"--name=cp-1",
	"--data-dir=/var/lib/etcd",
	"--cert-file=/etc/kubernetes/pki/etcd/server.crt",
	"--key-file=/etc/kubernetes/pki/etcd/server.key",
	"--client-cert-auth=true",
	"--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt",
	"--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt",
	"--peer-key-file=/etc/kubernetes/pki/etcd/peer.key",
	"--peer-client-cert-auth=true",
	"--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt",
	"--listen-client-urls=https://127.0.0.1:2379,https://10.0.0.10:2379",
]

drop(prefix) := [a | some a in good; not startswith(a, prefix)]

test_good_flags_pass if {
	count(policy.violation) == 0 with input as static_pod(good)
}

test_missing_flag_is_reported if {
	some m in msgs(static_pod(drop("--peer-cert-file")))
	contains(m, "--peer-cert-file")
}

test_space_separated_flags_in_args if {
	count(policy.violation) == 0 with input as args_pod(["etcd"], array.concat(drop("--peer-cert-file"), ["--peer-cert-file", "/some/value"]))
}

test_other_binaries_are_ignored if {
	count(policy.violation) == 0 with input as static_pod(["kube-proxy", "--v=2"])
}

test_empty_value_is_reported if {
	paths(static_pod(array.concat(drop("--peer-cert-file"), ["--peer-cert-file="]))) == {"spec.containers[0].command[11]"}
}
