# METADATA
# title: API server insecure serving
# description: |
#   The API server must not serve plain HTTP: `--insecure-port` other than 0 and
#   `--insecure-bind-address` (removed in Kubernetes 1.24, still found in old
#   manifests; CIS v1.6 1.2.19 and 1.2.20) bypass authentication and authorization
#   entirely, and `--secure-port=0` disables HTTPS (CIS v1.6 1.2.21).
# related_resources:
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: apiserver-insecure-port
#   severity: critical
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.2.19", "1.2.20", "1.2.21"]
#   remediation: "Remove `--insecure-port` (or set it to 0) and `--insecure-bind-address`; keep `--secure-port` non-zero."
package kubegov.controlplane.apiserver_insecure_port

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	v := flags.value(c, "insecure-port")
	v != "0"
	msg := sprintf("`kube-apiserver` serves unauthenticated HTTP on `--insecure-port=%s`", [v])
	path := flags.path(c, "insecure-port")
}

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	v := flags.value(c, "insecure-bind-address")
	msg := sprintf("`kube-apiserver` sets `--insecure-bind-address=%s`", [v])
	path := flags.path(c, "insecure-bind-address")
}

violation contains {"msg": "`kube-apiserver` disables HTTPS (`--secure-port=0`)", "path": path} if {
	some c in flags.containers("kube-apiserver")
	flags.value(c, "secure-port") == "0"
	path := flags.path(c, "secure-port")
}
