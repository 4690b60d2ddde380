# METADATA
# title: Secret data in a ConfigMap
# description: |
#   ConfigMaps are not meant for credentials: they are readable by roles that
#   cannot read Secrets (the built-in `view` role among them), are not
#   encrypted at rest by the usual EncryptionConfiguration and are printed by
#   every tool. A key whose name announces a credential (`password`,
#   `api_key`, `token`...) with a literal value, or a value that looks like a
#   credential (private key, AWS key id, token, URL with a password), belongs in
#   a Secret.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/configuration/configmap/
# custom:
#   id: configmap-secret-data
#   severity: high
#   category: secrets
#   kinds:
#   - apiGroups: [""]
#     kinds: [ConfigMap]
#   controls:
#     nsa: ["secrets"]
#     mitre: ["T1552.007"]
#   remediation: "Move the value to a Secret and reference the Secret from the workload."
package kubegov.secrets.configmap_secret_data

import data.kubegov.lib.secrets
import data.kubegov.lib.workload
import rego.v1

cm := input.review.object

violation contains {"msg": msg, "path": workload.field_path("data", key)} if {
	some key, value in object.get(cm, "data", {})
	kinds := secrets.value_kinds(value)
	count(kinds) > 0
	msg := sprintf("config map `%s` holds a value that looks like a credential (%s) in key `%s`", [cm.metadata.name, concat(", ", sort(kinds)), key])
}

violation contains {"msg": msg, "path": workload.field_path("data", key)} if {
	some key, value in object.get(cm, "data", {})
	count(secrets.value_kinds(value)) == 0
	secrets.secret_looking_name(key)
	not secrets.placeholder(value)
	not contains(value, "\n")
	msg := sprintf("config map `%s` holds a literal value in key `%s`, whose name announces a credential", [cm.metadata.name, key])
}
