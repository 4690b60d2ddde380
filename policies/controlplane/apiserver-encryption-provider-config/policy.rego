# METADATA
# title: Secrets not encrypted at rest
# description: |
#   Without `--encryption-provider-config` Secrets are stored in etcd in plain
#   text: anyone who reads an etcd backup or disk reads every secret of the
#   cluster.
# related_resources:
# - ref: https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/
# - ref: https://www.cisecurity.org/benchmark/kubernetes
# custom:
#   id: apiserver-encryption-provider-config
#   severity: high
#   category: controlplane
#   kinds:
#   - apiGroups: [""]
#     kinds: [Pod]
#   controls:
#     cis: ["1.2.28"]
#   remediation: "Write an EncryptionConfiguration (aescbc, aesgcm, secretbox or kms v2 for secrets) and pass it with `--encryption-provider-config`."
package kubegov.controlplane.apiserver_encryption_provider_config

import data.kubegov.lib.flags
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	some f in ["encryption-provider-config"]
	not flags.has(c, f)
	msg := sprintf("`kube-apiserver` does not set `--%s`", [f])
	path := flags.missing_path(c)
}

violation contains {"msg": msg, "path": path} if {
	some c in flags.containers("kube-apiserver")
	some f in ["encryption-provider-config"]
	flags.value(c, f) == ""
	msg := sprintf("`kube-apiserver` sets `--%s` to an empty value", [f])
	path := flags.path(c, f)
}
