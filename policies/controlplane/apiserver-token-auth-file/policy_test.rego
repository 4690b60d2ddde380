package kubegov.controlplane.apiserver_token_auth_file_test

import data.kubegov.controlplane.apiserver_token_auth_file as policy
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

test_unset_passes if {
	count(policy.violation) == 0 with input as static_pod(good)
}

test_set_is_reported if {
	paths(static_pod(array.concat(good, ["--token-auth-file=/etc/tokens.csv"]))) == {"spec.containers[0].command[27]"}
}

test_sh_c_wrapper if {
	count(policy.violation) == 1 with input as static_pod(["/bin/sh", "-c", "exec /usr/local/bin/kube-apiserver --token-auth-file /etc/t.csv --v=2"])
}
