# Shared helpers for RBAC policies: what a Role/ClusterRole rule grants, with
# Kubernetes' own matching (`*` in verbs, apiGroups and resources; `*/sub` for
# a subresource of any resource), and the subjects of bindings.
package kubegov.lib.rbac

import rego.v1

object := input.review.object

# True for the roles and bindings Kubernetes itself creates at bootstrap
# (label `kubernetes.io/bootstrapping: rbac-defaults`): a cluster dump always
# holds them and they are not the user's to change.
builtin if object.metadata.labels["kubernetes.io/bootstrapping"] == "rbac-defaults"

# Every rule of the Role or ClusterRole under review: {"rule", "path"}.
rules contains {"rule": r, "path": sprintf("rules[%d]", [i])} if {
	not builtin
	some i, r in object.get(object, "rules", [])
}

# True when `rule` applies to API group `group` ("" is the core group).
group_matches(rule, group) if {
	some g in object.get(rule, "apiGroups", [])
	g in {group, "*"}
}

# True when one entry of the rule's resources matches `resource`
# (`pods`, or `pods/exec` for a subresource).
resource_matches(rule, resource) if {
	some r in object.get(rule, "resources", [])
	resource_entry_matches(r, resource)
}

resource_entry_matches(entry, resource) if entry in {"*", resource}

resource_entry_matches(entry, resource) if {
	parts := split(resource, "/")
	count(parts) == 2
	entry == concat("/", ["*", parts[1]])
}

# True when one of `verbs` (a set) or `*` is among the rule's verbs.
has_verb(rule, verbs) if {
	some v in object.get(rule, "verbs", [])
	v in (verbs | {"*"})
}

# The index of the first entry of `rule.resources` that matches `resource`
# (only call it when `resource_matches(rule, resource)`).
resource_index(rule, resource) := min({i |
	some i, r in object.get(rule, "resources", [])
	resource_entry_matches(r, resource)
})

# The index of the first entry of `rule.verbs` that is one of `verbs` or `*`
# (only call it when `has_verb(rule, verbs)`).
verb_index(rule, verbs) := min({i |
	some i, v in object.get(rule, "verbs", [])
	v in (verbs | {"*"})
})

# True when `rule` grants one of `verbs` on `resource` in `group`.
grants(rule, verbs, group, resource) if {
	group_matches(rule, group)
	resource_matches(rule, resource)
	has_verb(rule, verbs)
}

# Every subject of the binding under review: {"subject", "path"}.
subjects contains {"subject": s, "path": sprintf("subjects[%d]", [i])} if {
	not builtin
	some i, s in object.get(object, "subjects", [])
}

kind_words := {
	"Role": "role",
	"ClusterRole": "cluster role",
	"RoleBinding": "role binding",
	"ClusterRoleBinding": "cluster role binding",
}

# The object under review in words, for messages: cluster role `name`.
describe := sprintf("%s `%s`", [object.get(kind_words, object.kind, lower(object.kind)), object.get(object, ["metadata", "name"], "")])

# `a`, `b`, `c`
quoted(xs) := concat(", ", [sprintf("`%s`", [x]) | some x in xs])

# What `rule` grants among `targets` (a list of {"group", "resource",
# "verbs" (a set)}): a list of {"verbs" (sorted), "resource"}.
grants_of(rule, targets) := [{"verbs": vs, "resource": t.resource} |
	some t in targets
	group_matches(rule, t.group)
	resource_matches(rule, t.resource)
	vs := sort([v | some v in t.verbs; has_verb(rule, {v})])
	count(vs) > 0
]

# `get`, `list` on `secrets`; `create` on `pods`, `deployments`
describe_grants(gs) := concat("; ", [sprintf("%s on %s", [quoted(vs), quoted([g.resource | some g in gs; g.verbs == vs])]) |
	some vs in {g.verbs | some g in gs}
])
