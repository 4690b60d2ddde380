# METADATA
# title: Image without a pinned tag
# description: |
#   An image with no tag or the `latest` tag can change under a running
#   workload: rollouts are not reproducible and a rollback may not restore the
#   previous code. Images pinned by digest pass.
# custom:
#   id: image-tag-latest
#   severity: medium
#   category: images
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     nsa: ["supply-chain"]
#   remediation: "Pin the image to a version tag (`nginx:1.27.2`) or, better, a digest (`nginx@sha256:...`)."
package kubegov.images.image_tag_latest

import data.kubegov.lib.workload
import rego.v1

violation contains {"msg": msg, "path": path} if {
	some c in workload.containers
	image := object.get(c.container, "image", "")
	not contains(image, "@")
	tag := image_tag(image)
	tag in {"", "latest"}
	msg := sprintf("container `%s` uses image `%s` without a pinned tag", [c.name, image])
	path := sprintf("%s.image", [c.path])
}

# The tag of an image reference: what follows the last ':' after the last '/'.
image_tag(image) := tag if {
	parts := split(image, "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	tag := split(last, ":")[1]
} else := ""
