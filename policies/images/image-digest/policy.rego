# METADATA
# title: Image not pinned by digest
# description: |
#   A tag can be moved to another image at any time; only a digest
#   (`image@sha256:...`) names immutable content, so that what was scanned and
#   approved is what runs. The `enforcement` parameter makes a missing digest
#   a warning (`warn`, the default) or a violation (`deny`).
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/containers/images/#image-names
# custom:
#   id: image-digest
#   severity: medium
#   category: images
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     nsa: ["supply-chain"]
#   parameters: {"type": "object", "properties": {"enforcement": {"type": "string", "enum": ["warn", "deny"], "default": "warn", "description": "report a missing digest as a warning or as a violation"}}}
#   remediation: "Reference the image by digest (`registry.example.com/app:1.4@sha256:...`); tools such as crane or kbld resolve tags to digests."
package kubegov.images.image_digest

import data.kubegov.lib.images
import data.kubegov.lib.workload
import rego.v1

enforcement := object.get(input, ["parameters", "enforcement"], "warn")

findings contains {"msg": msg, "path": sprintf("%s.image", [c.path])} if {
	some c in workload.containers
	image := c.container.image
	images.digest_of(image) == ""
	msg := sprintf("container `%s` uses image `%s` without a digest", [c.name, image])
}

violation contains f if {
	enforcement == "deny"
	some f in findings
}

warn contains f if {
	enforcement != "deny"
	some f in findings
}
