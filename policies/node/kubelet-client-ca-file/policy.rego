# METADATA
# title: Kubelet does not verify client certificates
# description: |
#   Without a client CA (`authentication.x509.clientCAFile` or `--client-ca-file`)
#   the kubelet cannot authenticate the API server and other clients by
#   certificate.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: kubelet-client-ca-file
#   severity: high
#   category: node
#   kinds:
#   - apiGroups: ["kubelet.config.k8s.io"]
#     kinds: [KubeletConfiguration]
#   - apiGroups: ["", "apps"]
#     kinds: [Pod, DaemonSet]
#   controls:
#     cis: ["4.2.3"]
#   remediation: "Set `authentication.x509.clientCAFile` (or `--client-ca-file`) to the cluster CA."
package kubegov.node.kubelet_client_ca_file

import data.kubegov.lib.flags
import rego.v1

config := input.review.object if input.review.object.kind == "KubeletConfiguration"

# The kubelet containers (static pods, DaemonSets) and whether they read a config file.
kubelets := flags.containers("kubelet")

with_config(c) if flags.has(c, "config")


violation contains {"msg": "kubelet has no client CA: set `authentication.x509.clientCAFile`", "path": "authentication.x509.clientCAFile"} if {
	config
	object.get(config, ["authentication", "x509", "clientCAFile"], "") == ""
}

violation contains {"msg": "kubelet has no client CA: set `--client-ca-file`", "path": path} if {
	some c in kubelets
	not with_config(c)
	not flags.has(c, "client-ca-file")
	path := flags.missing_path(c)
}

violation contains {"msg": "kubelet has no client CA: `--client-ca-file` is empty", "path": path} if {
	some c in kubelets
	flags.value(c, "client-ca-file") == ""
	path := flags.path(c, "client-ca-file")
}
