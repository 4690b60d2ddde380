# METADATA
# title: Secret written literally in a container environment variable
# description: |
#   An environment variable whose name announces a credential (`PASSWORD`,
#   `DB_PASSWD`, `API_KEY`, `ACCESS_TOKEN`, `CLIENT_SECRET`...) with a
#   literal `value` puts that credential in the manifest, in version control
#   and in every copy of the object (`kubectl get -o yaml` shows it to anyone
#   who can read the workload). Names ending in `_FILE`, `_PATH`, `_URL` and
#   similar, references such as `$(OTHER)` and empty values are not reported.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables
# custom:
#   id: env-literal-secret
#   severity: high
#   category: secrets
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     cis: ["5.4.1"]
#     nsa: ["secrets"]
#     mitre: ["T1552.001"]
#   remediation: "Store the value in a Secret and reference it with `valueFrom.secretKeyRef`, or mount the Secret as a file."
package kubegov.secrets.env_literal_secret

import data.kubegov.lib.secrets
import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": msg, "path": sprintf("%s.env[%d].value", [c.path, i])} if {
	some c in workload.containers
	some i, e in object.get(c.container, "env", [])
	is_string(e.value)
	not secrets.placeholder(e.value)
	secrets.secret_looking_name(e.name)
	msg := sprintf("container `%s` sets `%s` to a literal value instead of a Secret reference", [c.name, e.name])
}
