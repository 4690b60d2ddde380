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

# The index of the inventory built by lib/selectors_index.rego: supplied
# by kubegov, computed by this query without it.
index := v if {
	v := data.kubegov_index["kubegov.lib.selectors_index"]
} else := data.kubegov.lib.selectors_index.inventory_index

# The workloads of namespace `ns` whose labels set `k` to `v`.
labelled(ns, k, v) := object.get(index.by_label, [ns, k, v], set())

# The workloads of namespace `ns` that may match a selector requiring the
# label pairs `pairs` (a selector's `matchLabels`, or a Service's map): a
# superset of the matching ones, to check with `matches`/`map_matches`.
# Those with the rarest of the pairs; every workload of `ns` when `pairs` is
# not a non-empty object.
candidates(ns, pairs) := ws if {
	is_object(pairs)
	count(pairs) > 0
	sizes := {[count(labelled(ns, k, v)), k] | some k, v in pairs}
	rarest := min(sizes)[1]
	ws := labelled(ns, rarest, pairs[rarest])
} else := object.get(index.workloads, ns, set())

# True when namespace `ns` of the inventory holds an object of `kind` named
# `name` (of any apiVersion): a lookup, not a scan.
has_object(ns, kind, name) if {
	some api_version
	_ = scope(ns)[api_version][kind][name]
}

# The objects of `kind` in namespace `ns` of the inventory, whatever their
# apiVersion: {"api_version", "name", "object"}.
objects_of(ns, kind) := {o |
	some api_version, name
	obj := scope(ns)[api_version][kind][name]
	o := {"api_version": api_version, "name": name, "object": obj}
}
