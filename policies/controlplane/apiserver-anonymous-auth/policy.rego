# METADATA
# title: API server accepts anonymous requests
# description: |
#   With anonymous authentication (the default) requests without credentials are
#   served as `system:anonymous`; any RBAC grant to that user or to
#   `system:unauthenticated` is then open to the world. Set `--anonymous-
#   auth=false` (health checks can use an authenticated probe or the `/livez`
#   endpoints with an AuthenticationConfiguration).
# related_resources:
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: apiserver-anonymous-auth
#   severity: medium
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.2.1"]
#   remediation: "Add `--anonymous-auth=false` to kube-apiserver."
package kubegov.controlplane.apiserver_anonymous_auth

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	not flags.is_false(flags.value(c, "anonymous-auth"))
	msg := "`kube-apiserver` allows anonymous requests: set `--anonymous-auth=false`"
	path := flags.path_or_missing(c, "anonymous-auth")
}
