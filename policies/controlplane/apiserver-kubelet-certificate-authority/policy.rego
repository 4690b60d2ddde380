# METADATA
# title: API server does not verify kubelet certificates
# description: |
#   Without `--kubelet-certificate-authority` the API server does not verify the
#   serving certificates of kubelets: its connections to them can be intercepted
#   (man in the middle).
# related_resources:
# - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: apiserver-kubelet-certificate-authority
#   severity: high
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.2.5"]
#   remediation: "Set `--kubelet-certificate-authority` to the CA that signs kubelet serving certificates."
package kubegov.controlplane.apiserver_kubelet_certificate_authority

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	some f in ["kubelet-certificate-authority"]
	not flags.has(c, f)
	msg := sprintf("`kube-apiserver` does not set `--%s`", [f])
	path := flags.missing_path(c)
}

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	some f in ["kubelet-certificate-authority"]
	flags.value(c, f) == ""
	msg := sprintf("`kube-apiserver` sets `--%s` to an empty value", [f])
	path := flags.path(c, f)
}
