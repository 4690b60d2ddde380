# METADATA
# title: Service account token mounted automatically
# description: |
#   Unless the pod needs to call the Kubernetes API, its service account token
#   should not be mounted: a compromised container could use it. The pod must set
#   `automountServiceAccountToken: false`, or leave it unset when its
#   ServiceAccount (looked up in the inventory) sets
#   `automountServiceAccountToken: false`.
# related_resources:
# - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
# custom:
#   id: automount-service-account-token
#   severity: low
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     cis: ["5.1.6"]
#     nsa: ["authentication"]
#     mitre: ["T1528"]
#   remediation: "Set `automountServiceAccountToken: false` on the pod spec (or on its ServiceAccount) unless it calls the API."
package kubegov.workload.automount_service_account_token

import data.kubegov.lib.workload
import rego.v1

namespace := ns if {
	ns := workload.object.metadata.namespace
} else := ns if {
	ns := input.review.namespace
	ns != ""
} else := "default"

sa_name := object.get(workload.pod_spec, "serviceAccountName", object.get(workload.pod_spec, "serviceAccount", "default"))

sa_opts_out if data.inventory.namespace[namespace].v1.ServiceAccount[sa_name].automountServiceAccountToken == false

violation contains {"msg": msg, "path": path} if {
	workload.pod_spec.automountServiceAccountToken == true
	msg := sprintf("pod mounts the token of service account `%s` (`automountServiceAccountToken: true`)", [sa_name])
	path := sprintf("%s.automountServiceAccountToken", [workload.pod_spec_path])
}

violation contains {"msg": msg, "path": path} if {
	workload.pod_spec
	not "automountServiceAccountToken" in object.keys(workload.pod_spec)
	not sa_opts_out
	msg := sprintf("pod mounts the token of service account `%s`: set `automountServiceAccountToken: false`", [sa_name])
	path := sprintf("%s.automountServiceAccountToken", [workload.pod_spec_path])
}
