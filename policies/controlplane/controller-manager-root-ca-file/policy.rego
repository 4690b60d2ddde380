# METADATA
# title: Controller manager does not publish the root CA
# description: |
#   With `--root-ca-file` the controller manager puts the cluster CA in every
#   service account's token volume, so that pods can verify the API server's
#   certificate.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: controller-manager-root-ca-file
#   severity: medium
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.3.5"]
#   remediation: "Set `--root-ca-file` on kube-controller-manager to the cluster CA certificate."
package kubegov.controlplane.controller_manager_root_ca_file

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-controller-manager")
	some f in ["root-ca-file"]
	not flags.has(c, f)
	msg := sprintf("`kube-controller-manager` does not set `--%s`", [f])
	path := flags.missing_path(c)
}

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-controller-manager")
	some f in ["root-ca-file"]
	flags.value(c, f) == ""
	msg := sprintf("`kube-controller-manager` sets `--%s` to an empty value", [f])
	path := flags.path(c, f)
}
