# METADATA
# title: Mutable image tag without imagePullPolicy Always
# description: |
#   With a mutable tag (`latest` or no tag) and `imagePullPolicy`
#   `IfNotPresent` or `Never`, each node runs whichever image it pulled first:
#   replicas of one workload run different code, and a node may start an image
#   that was since replaced. Kubernetes defaults such images to `Always`, so the
#   problem is an explicit policy. With the `requireAlways` parameter, every
#   container not pinned by digest must set `imagePullPolicy: Always` (so that
#   the registry re-checks credentials on each start, as the CIS benchmark's
#   AlwaysPullImages admission plugin does).
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy
# custom:
#   id: image-pull-policy
#   severity: low
#   category: images
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     nsa: ["supply-chain"]
#   parameters: {"type": "object", "properties": {"requireAlways": {"type": "boolean", "default": false, "description": "require imagePullPolicy Always on every container whose image has no digest"}}}
#   remediation: "Pin the image to a version tag or digest, or set `imagePullPolicy: Always`."
package kubegov.images.image_pull_policy

import data.kubegov.lib.images
import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": msg, "path": sprintf("%s.imagePullPolicy", [c.path])} if {
	some c in workload.containers
	image := c.container.image
	images.mutable_tag(image)
	policy := object.get(c.container, "imagePullPolicy", "Always")
	policy != "Always"
	msg := sprintf("container `%s` uses mutable image `%s` with `imagePullPolicy: %s`", [c.name, image, policy])
}

violation contains {"msg": msg, "path": sprintf("%s.imagePullPolicy", [c.path])} if {
	object.get(input, ["parameters", "requireAlways"], false) == true
	some c in workload.containers
	image := c.container.image
	not images.mutable_tag(image)
	images.digest_of(image) == ""
	policy := object.get(c.container, "imagePullPolicy", "unset")
	policy != "Always"
	msg := sprintf("container `%s` does not set `imagePullPolicy: Always` (it is `%s`)", [c.name, policy])
}
