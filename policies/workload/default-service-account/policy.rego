# METADATA
# title: Pods using the default service account
# description: |
#   Pods that run as their namespace's `default` service account share its
#   permissions with every other such pod; RBAC grants to it then leak to all of
#   them. Give each workload its own service account (`spec.serviceAccountName`).
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/service-accounts/
# custom:
#   id: default-service-account
#   severity: low
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     cis: ["5.1.5"]
#     nsa: ["authentication"]
#   remediation: "Create a ServiceAccount for the workload and set `serviceAccountName` in the pod spec."
package kubegov.workload.default_service_account

import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": "pod runs as the `default` service account: set `serviceAccountName`", "path": path} if {
	workload.pod_spec
	object.get(workload.pod_spec, "serviceAccountName", "") == ""
	object.get(workload.pod_spec, "serviceAccount", "") == ""
	path := sprintf("%s.serviceAccountName", [workload.pod_spec_path])
}

violation contains {"msg": msg, "path": path} if {
	some field in ["serviceAccountName", "serviceAccount"]
	workload.pod_spec[field] == "default"
	msg := sprintf("pod sets `%s: default`; use a dedicated service account", [field])
	path := sprintf("%s.%s", [workload.pod_spec_path, field])
}
