# METADATA
# title: Controller manager or scheduler listening on all interfaces
# description: |
#   kube-controller-manager and kube-scheduler serve health and metrics endpoints;
#   they should listen on the loopback interface only (`--bind-
#   address=127.0.0.1`), not on every interface (the default, 0.0.0.0).
# related_resources:
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: bind-address-localhost
#   severity: medium
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.3.7", "1.4.2"]
#   remediation: "Set `--bind-address=127.0.0.1` on kube-controller-manager and kube-scheduler."
package kubegov.controlplane.bind_address_localhost

import data.kubegov.lib.flags
import rego.v1

components := ["kube-controller-manager", "kube-scheduler"]

loopback := {"127.0.0.1", "::1", "localhost"}

address(c) := flags.value(c, "bind-address") if flags.has(c, "bind-address")

address(c) := "0.0.0.0" if not flags.has(c, "bind-address")

violation contains {"msg": msg, "path": path} if {
	some b in components
	some c in flags.containers(b)
	not flags.value(c, "bind-address") in loopback
	msg := sprintf("`%s` listens on `%s`: set `--bind-address=127.0.0.1`", [b, address(c)])
	path := flags.path_or_missing(c, "bind-address")
}
