# METADATA
# title: Image pulled from Docker Hub implicitly
# description: |
#   An image reference without a registry host (`nginx`, `bitnami/redis`) is
#   pulled from Docker Hub, subject to its rate limits and to name squatting,
#   and a runtime configured with mirrors may resolve it elsewhere. Writing the
#   registry (`docker.io/library/nginx`, or your mirror) makes the origin
#   explicit. Advisory.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/containers/images/#image-names
# custom:
#   id: implicit-docker-hub
#   severity: info
#   category: images
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     nsa: ["supply-chain"]
#   remediation: "Prefix the image with its registry: `docker.io/library/nginx:1.27` or, better, your mirror."
package kubegov.images.implicit_docker_hub

import data.kubegov.lib.images
import data.kubegov.lib.workload
import rego.v1

warn contains {"msg": msg, "path": sprintf("%s.image", [c.path])} if {
	some c in workload.containers
	image := c.container.image
	not images.explicit_registry(image)
	msg := sprintf("container `%s` uses image `%s` without a registry: it is pulled from `docker.io/%s`", [c.name, image, images.repository(image)])
}
