package kubegov.rbac.rbac_wildcards_test

import data.kubegov.rbac.rbac_wildcards as policy
import rego.v1

role(rules) := {"review": {"object": {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "r", "namespace": "a"}, "rules": rules}}}

test_every_wildcard_reported if {
	vs := policy.violation with input as role([{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}])
	count(vs) == 3
	{v.path | some v in vs} == {"rules[0].apiGroups[0]", "rules[0].resources[0]", "rules[0].verbs[0]"}
}

test_wildcard_verb_located if {
	vs := policy.violation with input as role([{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}, {"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "*"]}])
	count(vs) == 1
	some v in vs
	v.path == "rules[1].verbs[1]"
}

test_non_resource_urls if {
	count(policy.violation) == 1 with input as role([{"nonResourceURLs": ["*"], "verbs": ["get"]}])
}

test_explicit_lists_allowed if {
	count(policy.violation) == 0 with input as role([{"apiGroups": ["apps"], "resources": ["deployments", "deployments/scale"], "verbs": ["get", "list"]}])
}

test_subresource_wildcard_is_not_a_full_wildcard if {
	count(policy.violation) == 0 with input as role([{"apiGroups": ["apps"], "resources": ["*/scale"], "verbs": ["get"]}])
}
