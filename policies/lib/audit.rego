# Shared helpers for the API server's audit policy file (audit.k8s.io
# Policy): which rule decides the level of a request, with the API server's
# own matching (first matching rule wins; a rule without `resources` matches
# every resource request; `*`, `resource/*` and `*/subresource` in resources).
package kubegov.lib.audit

import rego.v1

rules := object.get(input.review.object, "rules", [])

rank := {"None": 0, "Metadata": 1, "Request": 2, "RequestResponse": 3}

level(rule) := object.get(rule, "level", "None")

# True when the rule applies to every user, verb and namespace (it decides the
# level of every request it matches).
unconditional(rule) if {
	every f in ["users", "userGroups", "verbs", "namespaces"] {
		count(object.get(rule, f, [])) == 0
	}
}

# True when the rule can match a request on `resource` (`pods/exec` for a
# subresource) of API group `group` ("" is the core group).
matches(rule, group, resource) if {
	count(object.get(rule, "nonResourceURLs", [])) == 0
	count(object.get(rule, "resources", [])) == 0
}

matches(rule, group, resource) if {
	count(object.get(rule, "nonResourceURLs", [])) == 0
	some gr in object.get(rule, "resources", [])
	object.get(gr, "group", "") == group
	group_resource_matches(gr, resource)
}

group_resource_matches(gr, _) if count(object.get(gr, "resources", [])) == 0

group_resource_matches(gr, resource) if {
	some r in object.get(gr, "resources", [])
	entry_matches(r, resource)
}

entry_matches(entry, resource) if entry in {"*", resource}

entry_matches(entry, resource) if {
	parts := split(resource, "/")
	count(parts) == 2
	entry in {concat("/", [parts[0], "*"]), concat("/", ["*", parts[1]])}
}

# The index of the first rule that decides the level of every request on the
# resource (an unconditional matching rule); undefined when none does.
deciding_rule(group, resource) := min(idx) if {
	idx := {i | some i, r in rules; matches(r, group, resource); unconditional(r)}
	count(idx) > 0
}

# True when the policy file has a rule matching every request.
catch_all(rule) if {
	unconditional(rule)
	every f in ["resources", "nonResourceURLs"] {
		count(object.get(rule, f, [])) == 0
	}
}
