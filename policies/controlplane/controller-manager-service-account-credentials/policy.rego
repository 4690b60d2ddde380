# METADATA
# title: Controllers share the controller manager's credentials
# description: |
#   With `--use-service-account-credentials=true` each controller runs with its
#   own service account and least-privilege RBAC role; otherwise all run with the
#   controller manager's broad credentials.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: controller-manager-service-account-credentials
#   severity: medium
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.3.3"]
#   remediation: "Set `--use-service-account-credentials=true` on kube-controller-manager."
package kubegov.controlplane.controller_manager_service_account_credentials

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-controller-manager")
	not flags.is_true(flags.value(c, "use-service-account-credentials"))
	msg := "`kube-controller-manager` does not set `--use-service-account-credentials=true`"
	path := flags.path_or_missing(c, "use-service-account-credentials")
}
