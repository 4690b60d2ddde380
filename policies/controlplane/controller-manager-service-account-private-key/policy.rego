# METADATA
# title: Controller manager without a service account private key
# description: |
#   `--service-account-private-key-file` is the key the controller manager signs
#   service account tokens with; set it explicitly so that keys can be rotated.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: controller-manager-service-account-private-key
#   severity: medium
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.3.4"]
#   remediation: "Set `--service-account-private-key-file` on kube-controller-manager."
package kubegov.controlplane.controller_manager_service_account_private_key

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-controller-manager")
	some f in ["service-account-private-key-file"]
	not flags.has(c, f)
	msg := sprintf("`kube-controller-manager` does not set `--%s`", [f])
	path := flags.missing_path(c)
}

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-controller-manager")
	some f in ["service-account-private-key-file"]
	flags.value(c, f) == ""
	msg := sprintf("`kube-controller-manager` sets `--%s` to an empty value", [f])
	path := flags.path(c, f)
}
