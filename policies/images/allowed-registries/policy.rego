# METADATA
# title: Image from a registry that is not allowed
# description: |
#   Images should come only from the registries the organisation trusts (its
#   own, a pull-through mirror). The `registries` parameter lists them: a host
#   (`registry.example.com`, `registry.example.com:5000`, `docker.io`) is
#   compared exactly, so a misspelt or look-alike host
#   (`registy.example.com`, `registry.example.com.evil.io`) is rejected; a
#   host with a path (`ghcr.io/my-org`) also restricts the repository. The
#   default list holds the well-known public registries (Docker Hub,
#   registry.k8s.io, ghcr.io, quay.io, gcr.io, mcr.microsoft.com,
#   public.ecr.aws), which already catches typosquatted hosts; set your own
#   registries in the bundle configuration, or an empty list to switch the
#   check off.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/containers/images/#image-names
# custom:
#   id: allowed-registries
#   severity: high
#   category: images
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     nsa: ["supply-chain"]
#     mitre: ["T1525"]
#   parameters: {"type": "object", "properties": {"registries": {"type": "array", "items": {"type": "string"}, "default": ["docker.io", "registry.k8s.io", "ghcr.io", "quay.io", "gcr.io", "mcr.microsoft.com", "public.ecr.aws"], "description": "allowed registry hosts, or host/repository prefixes; an empty list reports nothing"}}}
#   remediation: "Pull the image from an allowed registry (mirror it there first), or add its registry to the `registries` parameter."
package kubegov.images.allowed_registries

import data.kubegov.lib.images
import data.kubegov.lib.workload
import rego.v1

registries := object.get(input, ["parameters", "registries"], [])

violation contains {"msg": msg, "path": sprintf("%s.image", [c.path])} if {
	count(registries) > 0
	some c in workload.containers
	image := c.container.image
	not images.allowed(image, registries)
	msg := sprintf("container `%s` uses image `%s` from registry `%s`, which is not allowed (allowed: %s)", [c.name, image, images.registry(image), concat(", ", [sprintf("`%s`", [r]) | some r in registries])])
}
