# METADATA
# title: Default service account mounts its token
# description: |
#   Pods that name no service account run as `default` and, unless told
#   otherwise, get its API token mounted. Setting
#   `automountServiceAccountToken: false` on the `default` ServiceAccount of
#   each namespace stops that; workloads that need the API use a dedicated
#   account. CIS 5.1.5 and 5.1.6.
# related_resources:
# - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
# custom:
#   id: default-serviceaccount-automount
#   severity: medium
#   category: rbac
#   kinds:
#   - apiGroups: [""]
#     kinds: [ServiceAccount]
#   controls:
#     cis: ["5.1.5", "5.1.6"]
#     nsa: ["rbac"]
#   remediation: "Set `automountServiceAccountToken: false` on the `default` ServiceAccount."
package kubegov.rbac.default_serviceaccount_automount

import rego.v1

violation contains {"msg": msg, "path": "automountServiceAccountToken"} if {
	sa := input.review.object
	sa.metadata.name == "default"
	object.get(sa, "automountServiceAccountToken", true) != false
	msg := sprintf("the default service account of namespace `%s` does not set `automountServiceAccountToken: false`", [object.get(sa.metadata, "namespace", "default")])
}
