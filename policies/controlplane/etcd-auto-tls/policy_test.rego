package kubegov.controlplane.etcd_auto_tls_test

import data.kubegov.controlplane.etcd_auto_tls as policy
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

test_unset_passes if {
	count(policy.violation) == 0 with input as static_pod(good)
}

test_auto_tls_is_reported if {
	count(policy.violation) == 2 with input as static_pod(array.concat(good, ["--auto-tls=true", "--peer-auto-tls"]))
}

test_false_passes if {
	count(policy.violation) == 0 with input as static_pod(array.concat(good, ["--auto-tls=false"]))
}
