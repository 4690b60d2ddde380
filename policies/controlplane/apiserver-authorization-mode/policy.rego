# METADATA
# title: API server authorization modes
# description: |
#   The API server must not authorize every request (`AlwaysAllow`, the default
#   when `--authorization-mode` is unset) and should use the `Node` authorizer
#   (kubelets reach only their own node's objects) and `RBAC`.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/access-authn-authz/authorization/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: apiserver-authorization-mode
#   severity: critical
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.2.6", "1.2.7", "1.2.8"]
#   remediation: "Set `--authorization-mode=Node,RBAC` on kube-apiserver."
package kubegov.controlplane.apiserver_authorization_mode

import data.kubegov.lib.flags
import rego.v1

modes(c) := flags.list(c, "authorization-mode") if flags.has(c, "authorization-mode")

modes(c) := ["AlwaysAllow"] if not flags.has(c, "authorization-mode")

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	"AlwaysAllow" in modes(c)
	msg := "`kube-apiserver` authorizes every request (`AlwaysAllow`)"
	path := flags.path_or_missing(c, "authorization-mode")
}

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	some required in ["Node", "RBAC"]
	not required in modes(c)
	msg := sprintf("`kube-apiserver` `--authorization-mode` does not include `%s`", [required])
	path := flags.path_or_missing(c, "authorization-mode")
}
