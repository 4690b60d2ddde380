# METADATA
# title: Secret exposed through environment variables
# description: |
#   Secrets read into environment variables (`valueFrom.secretKeyRef`,
#   `envFrom.secretRef`) are inherited by every child process, end up in crash
#   dumps and debug endpoints, and are not updated when the Secret changes.
#   Mounted Secret files avoid all three. CIS 5.4.1 prefers files; advisory.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod
# custom:
#   id: secret-env-vars
#   severity: low
#   category: secrets
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     cis: ["5.4.1"]
#     nsa: ["secrets"]
#   remediation: "Mount the Secret as a volume and read the file (many libraries accept `*_FILE` variables)."
package kubegov.secrets.secret_env_vars

import data.kubegov.lib.workload
import rego.v1

warn contains {"msg": msg, "path": sprintf("%s.env[%d].valueFrom.secretKeyRef", [c.path, i])} if {
	some c in workload.containers
	some i, e in object.get(c.container, "env", [])
	ref := e.valueFrom.secretKeyRef
	msg := sprintf("container `%s` reads key `%s` of Secret `%s` into environment variable `%s`", [c.name, ref.key, ref.name, e.name])
}

warn contains {"msg": msg, "path": sprintf("%s.envFrom[%d].secretRef", [c.path, i])} if {
	some c in workload.containers
	some i, e in object.get(c.container, "envFrom", [])
	ref := e.secretRef
	msg := sprintf("container `%s` reads every key of Secret `%s` into environment variables", [c.name, ref.name])
}
