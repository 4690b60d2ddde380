package kubegov.audit.audit_catch_all_rule_test

import data.kubegov.audit.audit_catch_all_rule as policy
import rego.v1

pol(rules) := {"review": {"object": {"apiVersion": "audit.k8s.io/v1", "kind": "Policy", "rules": rules}}}

test_catch_all_allowed if {
	count(policy.violation) == 0 with input as pol([{"level": "Metadata", "resources": [{"group": "", "resources": ["secrets"]}]}, {"level": "Metadata"}])
}

test_missing_denied if {
	vs := policy.violation with input as pol([{"level": "Metadata", "resources": [{"group": ""}]}, {"level": "Request", "verbs": ["create"]}])
	count(vs) == 1
	some v in vs
	v.path == "rules"
}

test_catch_all_none_denied if {
	vs := policy.violation with input as pol([{"level": "None"}])
	count(vs) == 1
	some v in vs
	v.path == "rules[0].level"
}
