# METADATA
# title: API server talks to etcd without TLS client authentication
# description: |
#   The API server must authenticate to etcd with a client certificate (`--etcd-
#   certfile`, `--etcd-keyfile`) and verify etcd's certificate (`--etcd-cafile`);
#   otherwise anyone on the network path can read or alter the cluster state.
# related_resources:
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: apiserver-etcd-tls
#   severity: critical
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.2.24", "1.2.27"]
#   remediation: "Set `--etcd-certfile`, `--etcd-keyfile` and `--etcd-cafile` on kube-apiserver."
package kubegov.controlplane.apiserver_etcd_tls

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	some f in ["etcd-certfile", "etcd-keyfile", "etcd-cafile"]
	not flags.has(c, f)
	msg := sprintf("`kube-apiserver` does not set `--%s`", [f])
	path := flags.missing_path(c)
}

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	some f in ["etcd-certfile", "etcd-keyfile", "etcd-cafile"]
	flags.value(c, f) == ""
	msg := sprintf("`kube-apiserver` sets `--%s` to an empty value", [f])
	path := flags.path(c, f)
}
