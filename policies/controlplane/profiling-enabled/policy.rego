# METADATA
# title: Control-plane profiling endpoints enabled
# description: |
#   kube-apiserver, kube-controller-manager and kube-scheduler serve Go profiling
#   data (`/debug/pprof`) unless started with `--profiling=false`; it reveals
#   internals and costs resources, and is rarely needed in production.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: profiling-enabled
#   severity: low
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.2.16", "1.3.2", "1.4.1"]
#   remediation: "Add `--profiling=false` to kube-apiserver, kube-controller-manager and kube-scheduler."
package kubegov.controlplane.profiling_enabled

import data.kubegov.lib.flags
import rego.v1

components := ["kube-apiserver", "kube-controller-manager", "kube-scheduler"]

violation contains {"msg": msg, "path": path} if {
	some b in components
	some c in flags.containers(b)
	not flags.is_false(flags.value(c, "profiling"))
	msg := sprintf("`%s` serves profiling data: set `--profiling=false`", [b])
	path := flags.path_or_missing(c, "profiling")
}
