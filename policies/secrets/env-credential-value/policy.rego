# METADATA
# title: Credential in a container environment variable or argument
# description: |
#   Some values are credentials whatever the variable is called: AWS access
#   key ids, PEM private keys, GitHub, Slack, Google and Stripe tokens, JSON web
#   tokens, URLs with a password (`postgres://user:pass@db`). Written in `env`,
#   `command` or `args`, they end up in version control and in every copy of
#   the object.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/configuration/secret/
# custom:
#   id: env-credential-value
#   severity: critical
#   category: secrets
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     cis: ["5.4.1"]
#     nsa: ["secrets"]
#     mitre: ["T1552.001"]
#   remediation: "Revoke the credential, store the new one in a Secret and reference it with `valueFrom.secretKeyRef` or a mounted file."
package kubegov.secrets.env_credential_value

import data.kubegov.lib.secrets
import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": msg, "path": sprintf("%s.env[%d].value", [c.path, i])} if {
	some c in workload.containers
	some i, e in object.get(c.container, "env", [])
	kinds := secrets.value_kinds(e.value)
	count(kinds) > 0
	msg := sprintf("container `%s` sets `%s` to a value that looks like a credential (%s)", [c.name, e.name, concat(", ", sort(kinds))])
}

violation contains {"msg": msg, "path": sprintf("%s.%s[%d]", [c.path, field, i])} if {
	some c in workload.containers
	some field in ["command", "args"]
	some i, a in object.get(c.container, field, [])
	kinds := secrets.value_kinds(a)
	count(kinds) > 0
	msg := sprintf("container `%s` passes a value that looks like a credential (%s) in `%s`", [c.name, concat(", ", sort(kinds)), field])
}
