# Shared helpers for referential policies: label selector matching and the
# workloads of a namespace found in `data.inventory` (the objects evaluated
# together), each with the labels of its pods.
package kubegov.lib.selectors

import rego.v1

# True when `labels` match a LabelSelector (`matchLabels` and
# `matchExpressions`). An empty selector matches everything.
matches(selector, labels) if {
	every k, v in object.get(selector, "matchLabels", {}) {
		labels[k] == v
	}
	every e in object.get(selector, "matchExpressions", []) {
		expression_matches(e, labels)
	}
}

expression_matches(e, labels) if {
	e.operator == "In"
	labels[e.key] in e.values
}

expression_matches(e, labels) if {
	e.operator == "NotIn"
	not labels[e.key] in e.values
}

expression_matches(e, labels) if {
	e.operator == "Exists"
	labels[e.key]
}

expression_matches(e, labels) if {
	e.operator == "DoesNotExist"
	not labels[e.key]
}

# True when `labels` hold every pair of a plain map selector (a Service's
# `spec.selector`).
map_matches(selector, labels) if {
	every k, v in selector {
		labels[k] == v
	}
}

# Where the pod template's labels sit in each workload kind.
label_paths := {
	"Pod": ["metadata", "labels"],
	"Deployment": ["spec", "template", "metadata", "labels"],
	"StatefulSet": ["spec", "template", "metadata", "labels"],
	"DaemonSet": ["spec", "template", "metadata", "labels"],
	"ReplicaSet": ["spec", "template", "metadata", "labels"],
	"ReplicationController": ["spec", "template", "metadata", "labels"],
	"Job": ["spec", "template", "metadata", "labels"],
	"CronJob": ["spec", "jobTemplate", "spec", "template", "metadata", "labels"],
}

# The inventory's objects of namespace `ns` by apiVersion, kind and name; ""
# stands for objects written without a namespace (kept with the
# cluster-scoped ones).
scope(ns) := object.get(data.inventory, ["namespace", ns], {}) if ns != ""

scope("") := object.get(data.inventory, "cluster", {})

# The namespace of the object under review ("" when it has none).
namespace := object.get(input.review.object, ["metadata", "namespace"], "")

# The workloads of namespace `ns` in the inventory: {"kind", "name", "labels"}
# (the labels of their pods).
workloads(ns) := {w |
	some api_version, kind, name
	o := scope(ns)[api_version][kind][name]
	label_paths[kind]
	w := {"kind": kind, "name": name, "labels": object.get(o, label_paths[kind], {})}
}

# The objects of `kind` in namespace `ns` of the inventory, whatever their
# apiVersion: {"api_version", "name", "object"}.
objects_of(ns, kind) := {o |
	some api_version, name
	obj := scope(ns)[api_version][kind][name]
	o := {"api_version": api_version, "name": name, "object": obj}
}
