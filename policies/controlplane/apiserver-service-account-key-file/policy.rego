# METADATA
# title: API server without a service account key file
# description: |
#   `--service-account-key-file` names the public keys that verify service account
#   tokens; set it explicitly so that keys can be rotated and tokens are not
#   verified with the TLS key.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: apiserver-service-account-key-file
#   severity: medium
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.2.23"]
#   remediation: "Set `--service-account-key-file` to the public key(s) matching the controller manager's `--service-account-private-key-file`."
package kubegov.controlplane.apiserver_service_account_key_file

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	some f in ["service-account-key-file"]
	not flags.has(c, f)
	msg := sprintf("`kube-apiserver` does not set `--%s`", [f])
	path := flags.missing_path(c)
}

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	some f in ["service-account-key-file"]
	flags.value(c, f) == ""
	msg := sprintf("`kube-apiserver` sets `--%s` to an empty value", [f])
	path := flags.path(c, f)
}
