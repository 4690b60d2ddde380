package kubegov.controlplane.apiserver_audit_log_path_test

import data.kubegov.controlplane.apiserver_audit_log_path as policy
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
	"kube-apiserver",
	"--advertise-address=10.0.0.10",
	"--anonymous-auth=false",
	"--authorization-mode=Node,RBAC",
	"--enable-admission-plugins=NodeRestriction",
	"--profiling=false",
	"--audit-log-path=/var/log/kubernetes/audit.log",
	"--audit-log-maxage=30",
	"--audit-log-maxbackup=10",
	"--audit-log-maxsize=100",
	"--service-account-lookup=true",
	"--service-account-key-file=/etc/kubernetes/pki/sa.pub",
	"--service-account-issuer=https://kubernetes.default.svc",
	"--service-account-signing-key-file=/etc/kubernetes/pki/sa.key",
	"--etcd-servers=https://127.0.0.1:2379",
	"--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt",
	"--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt",
	"--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key",
	"--tls-cert-file=/etc/kubernetes/pki/apiserver.crt",
	"--tls-private-key-file=/etc/kubernetes/pki/apiserver.key",
	"--client-ca-file=/etc/kubernetes/pki/ca.crt",
	"--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt",
	"--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key",
	"--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt",
	"--encryption-provider-config=/etc/kubernetes/enc/encryption.yaml",
	"--tls-cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
	"--secure-port=6443",
]

drop(prefix) := [a | some a in good; not startswith(a, prefix)]

test_good_flags_pass if {
	count(policy.violation) == 0 with input as static_pod(good)
}

test_missing_flag_is_reported if {
	some m in msgs(static_pod(drop("--audit-log-path")))
	contains(m, "--audit-log-path")
}

test_space_separated_flags_in_args if {
	count(policy.violation) == 0 with input as args_pod(["kube-apiserver"], array.concat(drop("--audit-log-path"), ["--audit-log-path", "/some/value"]))
}

test_other_binaries_are_ignored if {
	count(policy.violation) == 0 with input as static_pod(["kube-proxy", "--v=2"])
}

test_empty_value_is_reported if {
	paths(static_pod(array.concat(drop("--audit-log-path"), ["--audit-log-path="]))) == {"spec.containers[0].command[26]"}
}
