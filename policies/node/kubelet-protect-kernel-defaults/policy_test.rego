package kubegov.node.kubelet_protect_kernel_defaults_test

import data.kubegov.node.kubelet_protect_kernel_defaults as policy
import rego.v1



good_config := {"apiVersion": "kubelet.config.k8s.io/v1beta1", "kind": "KubeletConfiguration", "authentication": {"anonymous": {"enabled": false}, "webhook": {"enabled": true}, "x509": {"clientCAFile": "/etc/kubernetes/pki/ca.crt"}}, "authorization": {"mode": "Webhook"}, "readOnlyPort": 0, "protectKernelDefaults": true, "makeIPTablesUtilChains": true, "eventRecordQPS": 50, "streamingConnectionIdleTimeout": "4h0m0s", "rotateCertificates": true, "serverTLSBootstrap": true, "tlsCipherSuites": ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"]}

good_flags := [
	"--anonymous-auth=false",
	"--authorization-mode=Webhook",
	"--client-ca-file=/etc/kubernetes/pki/ca.crt",
	"--read-only-port=0",
	"--streaming-connection-idle-timeout=4h",
	"--protect-kernel-defaults=true",
	"--make-iptables-util-chains=true",
	"--event-qps=50",
	"--rotate-certificates=true",
	"--feature-gates=RotateKubeletServerCertificate=true",
	"--tls-cert-file=/var/lib/kubelet/pki/kubelet.crt",
	"--tls-private-key-file=/var/lib/kubelet/pki/kubelet.key",
	"--tls-cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
	"--kubeconfig=/etc/kubernetes/kubelet.conf",

]

config(patch) := {"review": {"kind": {"group": "kubelet.config.k8s.io", "version": "v1beta1", "kind": "KubeletConfiguration"}, "object": object.union(good_config, patch)}}

config_without(field) := {"review": {"kind": {"group": "kubelet.config.k8s.io", "version": "v1beta1", "kind": "KubeletConfiguration"}, "object": object.remove(good_config, [field])}}

kubelet_pod(args) := {"review": {"kind": {"group": "", "version": "v1", "kind": "Pod"}, "object": {
	"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "kubelet", "namespace": "kube-system"},
	"spec": {"containers": [{"name": "kubelet", "image": "i", "command": ["kubelet"], "args": args}]},
}}}

drop(prefix) := [a | some a in good_flags; not startswith(a, prefix)]

paths(doc) := {v.path | some v in policy.violation with input as doc}

wpaths(doc) := {v.path | some v in policy.warn with input as doc}


test_true_passes if {
	count(policy.violation) == 0 with input as config({})
	count(policy.violation) == 0 with input as kubelet_pod(good_flags)
}

test_unset_in_config if {
	paths(config_without("protectKernelDefaults")) == {"protectKernelDefaults"}
}

test_false_flag if {
	count(policy.violation) == 1 with input as kubelet_pod(array.concat(drop("--protect-kernel-defaults"), ["--protect-kernel-defaults=false"]))
}
