# METADATA
# title: Kubelet accepts anonymous requests
# description: |
#   Anonymous requests to the kubelet API (exec, logs, pod listing) must be
#   refused: `authentication.anonymous.enabled: false` in the KubeletConfiguration
#   (the file default), or `--anonymous-auth=false` as a flag (whose default is
#   true when no `--config` file is given).
# related_resources:
# - ref: https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: kubelet-anonymous-auth
#   severity: critical
#   category: node
#   kinds:
#   - apiGroups: ["kubelet.config.k8s.io"]
#     kinds: [KubeletConfiguration]
#   - apiGroups: ["", "apps"]
#     kinds: [Pod, DaemonSet]
#   controls:
#     cis: ["4.2.1"]
#   remediation: "Set `authentication.anonymous.enabled: false` (or `--anonymous-auth=false`)."
package kubegov.node.kubelet_anonymous_auth

import data.kubegov.lib.flags
import rego.v1

config := input.review.object if input.review.object.kind == "KubeletConfiguration"

# The kubelet containers (static pods, DaemonSets) and whether they read a config file.
kubelets := flags.containers("kubelet")

with_config(c) if flags.has(c, "config")


violation contains {"msg": "kubelet allows anonymous requests (`authentication.anonymous.enabled: true`)", "path": "authentication.anonymous.enabled"} if {
	config.authentication.anonymous.enabled == true
}

violation contains {"msg": msg, "path": path} if {
	some c in kubelets
	v := flags.value(c, "anonymous-auth")
	not flags.is_false(v)
	msg := sprintf("kubelet allows anonymous requests (`--anonymous-auth=%s`)", [v])
	path := flags.path(c, "anonymous-auth")
}

violation contains {"msg": "kubelet allows anonymous requests: `--anonymous-auth` defaults to true", "path": path} if {
	some c in kubelets
	not flags.has(c, "anonymous-auth")
	not with_config(c)
	path := flags.missing_path(c)
}
