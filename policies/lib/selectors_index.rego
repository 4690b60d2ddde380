# An index of the inventory for the referential policies (`lib/selectors.rego`
# reads it), so that they look objects up instead of scanning the inventory
# once per object under review, which is quadratic in the number of objects.
#
# kubegov evaluates `inventory_index` once per evaluation and supplies its
# value as `data.kubegov_index["kubegov.lib.selectors_index"]`; without it
# (the Rego tests, Gatekeeper) each query builds the index itself, with the
# same result. It must not depend on `input`. The rules live in a package of
# their own because regorus evaluates every rule of a package referred to
# through an import (`selectors.namespace`): here they are only evaluated
# when the index is needed.
package kubegov.lib.selectors_index

import rego.v1

# (Rules of lib/selectors.rego are named by their full path, not through an
# import, for the same reason.)
label_paths := data.kubegov.lib.selectors.label_paths

# Every scope of the inventory by namespace, as `scope(ns)` sees it ("" is
# the cluster scope).
scopes[ns] := s if {
	some ns, s in object.get(data.inventory, "namespace", {})
	ns != ""
}

scopes[""] := object.get(data.inventory, "cluster", {})

# The workloads of every namespace (as `workloads(ns)`), and those with each
# label, by namespace, label key and label value.
workloads_by_namespace[ns] contains w if {
	some ns, s in scopes
	some api_version, kind, name
	o := s[api_version][kind][name]
	label_paths[kind]
	w := {"kind": kind, "name": name, "labels": object.get(o, label_paths[kind], {})}
}

workloads_by_label[ns][k][v] contains w if {
	some ns, ws in workloads_by_namespace
	some w in ws
	some k, v in w.labels
}

# What kubegov supplies (see the top of this file).
# (Copied by comprehensions: a multi-value rule without values is undefined,
# not empty.)
inventory_index := {
	"workloads": {ns: ws | some ns, ws in workloads_by_namespace},
	"by_label": {ns: m | some ns, m in workloads_by_label},
}

