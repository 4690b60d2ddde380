# Shared helpers: the pod spec and every container of any workload kind,
# with the field path of each, so that findings point at the exact field.
package kubegov.lib.workload

import rego.v1

object := input.review.object

# Path of the pod spec inside each workload kind.
spec_paths := {
	"Pod": ["spec"],
	"PodTemplate": ["template", "spec"],
	"Deployment": ["spec", "template", "spec"],
	"StatefulSet": ["spec", "template", "spec"],
	"DaemonSet": ["spec", "template", "spec"],
	"ReplicaSet": ["spec", "template", "spec"],
	"ReplicationController": ["spec", "template", "spec"],
	"Job": ["spec", "template", "spec"],
	"CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
}

# The kinds that carry a pod spec.
kinds := {k | some k, _ in spec_paths}

# The field path of the pod spec (`spec.template.spec`).
pod_spec_path := concat(".", spec_paths[object.kind])

# The pod spec of the object under review.
pod_spec := object.get(object, spec_paths[object.kind], null)

# The pod template's metadata (annotations and labels of the pods).
pod_metadata := object.metadata if object.kind == "Pod"

pod_metadata := object.get(object, array.concat(array.slice(spec_paths[object.kind], 0, count(spec_paths[object.kind]) - 1), ["metadata"]), {}) if {
	object.kind != "Pod"
}

# The field path of the pod template's metadata.
pod_metadata_path := "metadata" if object.kind == "Pod"

pod_metadata_path := concat(".", array.concat(array.slice(spec_paths[object.kind], 0, count(spec_paths[object.kind]) - 1), ["metadata"])) if {
	object.kind != "Pod"
}

container_fields := ["containers", "initContainers", "ephemeralContainers"]

# Every container: {"container", "path" (its field path), "field" (containers,
# initContainers or ephemeralContainers), "name"}.
containers contains {"container": c, "path": sprintf("%s.%s[%d]", [pod_spec_path, field, i]), "field": field, "name": object.get(c, "name", "")} if {
	spec := pod_spec
	some field in container_fields
	some i, c in object.get(spec, field, [])
}
