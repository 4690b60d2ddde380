# METADATA
# title: API server without a kubelet client certificate
# description: |
#   Without `--kubelet-client-certificate` and `--kubelet-client-key` the API
#   server cannot authenticate to kubelets, which must then accept unauthenticated
#   requests for exec, logs and port-forward.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: apiserver-kubelet-client-certificate
#   severity: high
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.2.4"]
#   remediation: "Set `--kubelet-client-certificate` and `--kubelet-client-key` on kube-apiserver."
package kubegov.controlplane.apiserver_kubelet_client_certificate

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	some f in ["kubelet-client-certificate", "kubelet-client-key"]
	not flags.has(c, f)
	msg := sprintf("`kube-apiserver` does not set `--%s`", [f])
	path := flags.missing_path(c)
}

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	some f in ["kubelet-client-certificate", "kubelet-client-key"]
	flags.value(c, f) == ""
	msg := sprintf("`kube-apiserver` sets `--%s` to an empty value", [f])
	path := flags.path(c, f)
}
