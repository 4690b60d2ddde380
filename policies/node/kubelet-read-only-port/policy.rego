# METADATA
# title: Kubelet read-only port open
# description: |
#   The kubelet's read-only port (10255) serves pod specs, environment and metrics
#   without any authentication. `readOnlyPort` must be 0 (the file default); the
#   flag `--read-only-port` defaults to 10255 when no `--config` file is given.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: kubelet-read-only-port
#   severity: high
#   category: node
#   kinds:
#   - apiGroups: ["kubelet.config.k8s.io"]
#     kinds: [KubeletConfiguration]
#   - apiGroups: ["", "apps"]
#     kinds: [Pod, DaemonSet]
#   controls:
#     cis: ["4.2.4"]
#   remediation: "Set `readOnlyPort: 0` (or `--read-only-port=0`)."
package kubegov.node.kubelet_read_only_port

import data.kubegov.lib.flags
import rego.v1

config := input.review.object if input.review.object.kind == "KubeletConfiguration"

# The kubelet containers (static pods, DaemonSets) and whether they read a config file.
kubelets := flags.containers("kubelet")

with_config(c) if flags.has(c, "config")


violation contains {"msg": msg, "path": "readOnlyPort"} if {
	port := config.readOnlyPort
	port != 0
	msg := sprintf("kubelet serves the unauthenticated read-only port `%v`", [port])
}

violation contains {"msg": msg, "path": path} if {
	some c in kubelets
	v := flags.value(c, "read-only-port")
	v != "0"
	msg := sprintf("kubelet serves the unauthenticated read-only port `%s`", [v])
	path := flags.path(c, "read-only-port")
}

violation contains {"msg": "kubelet serves the unauthenticated read-only port: `--read-only-port` defaults to 10255", "path": path} if {
	some c in kubelets
	not flags.has(c, "read-only-port")
	not with_config(c)
	path := flags.missing_path(c)
}
