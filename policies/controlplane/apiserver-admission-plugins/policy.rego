# METADATA
# title: API server admission plugins
# description: |
#   The API server should enable the `NodeRestriction` admission plugin (kubelets
#   may modify only their own Node and pods), must not enable `AlwaysAdmit`, and
#   must not disable the `ServiceAccount` or `NamespaceLifecycle` plugins.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: apiserver-admission-plugins
#   severity: high
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.2.10", "1.2.13", "1.2.14", "1.2.15"]
#   remediation: "Set `--enable-admission-plugins=NodeRestriction,...` without `AlwaysAdmit`, and do not disable `ServiceAccount` or `NamespaceLifecycle`."
package kubegov.controlplane.apiserver_admission_plugins

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	not "NodeRestriction" in flags.list(c, "enable-admission-plugins")
	msg := "`kube-apiserver` does not enable the `NodeRestriction` admission plugin"
	path := flags.path_or_missing(c, "enable-admission-plugins")
}

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	"AlwaysAdmit" in flags.list(c, "enable-admission-plugins")
	msg := "`kube-apiserver` enables the `AlwaysAdmit` admission plugin"
	path := flags.path(c, "enable-admission-plugins")
}

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	some p in ["ServiceAccount", "NamespaceLifecycle"]
	p in flags.list(c, "disable-admission-plugins")
	msg := sprintf("`kube-apiserver` disables the `%s` admission plugin", [p])
	path := flags.path(c, "disable-admission-plugins")
}
