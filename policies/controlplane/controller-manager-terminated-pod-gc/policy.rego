# METADATA
# title: Terminated pods kept without limit
# description: |
#   Without `--terminated-pod-gc-threshold` the controller manager keeps up to
#   12500 terminated pods before collecting them, which strains etcd and the API
#   server. Set a threshold suited to the cluster.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: controller-manager-terminated-pod-gc
#   severity: low
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.3.1"]
#   remediation: "Set `--terminated-pod-gc-threshold` (e.g. 10) on kube-controller-manager."
package kubegov.controlplane.controller_manager_terminated_pod_gc

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-controller-manager")
	not flags.has(c, "terminated-pod-gc-threshold")
	msg := "`kube-controller-manager` does not set `--terminated-pod-gc-threshold`"
	path := flags.missing_path(c)
}
