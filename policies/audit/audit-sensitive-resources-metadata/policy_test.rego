package kubegov.audit.audit_sensitive_resources_metadata_test

import data.kubegov.audit.audit_sensitive_resources_metadata as policy
import rego.v1

pol(rules) := {"review": {"object": {"apiVersion": "audit.k8s.io/v1", "kind": "Policy", "rules": rules}}}

metadata_rule := {"level": "Metadata", "resources": [{"group": "", "resources": ["secrets", "configmaps"]}, {"group": "authentication.k8s.io", "resources": ["tokenreviews"]}]}

test_catch_all_request_response_denied if {
	vs := policy.violation with input as pol([{"level": "RequestResponse"}])
	count(vs) == 1
	some v in vs
	v.path == "rules[0].level"
	v.msg == "rule 0 logs `configmaps`, `secrets`, `tokenreviews` at level `RequestResponse`: their contents end up in the audit log"
}

test_metadata_first_allowed if {
	count(policy.violation) == 0 with input as pol([metadata_rule, {"level": "RequestResponse"}])
}

test_metadata_after_body_rule_denied if {
	count(policy.violation) == 1 with input as pol([{"level": "Request", "resources": [{"group": "", "resources": ["secrets"]}]}, metadata_rule])
}

test_conditional_metadata_rule_does_not_shield if {
	conditional := object.union(metadata_rule, {"verbs": ["get"]})
	count(policy.violation) == 1 with input as pol([conditional, {"level": "RequestResponse"}])
}

test_other_group_not_matched if {
	count(policy.violation) == 0 with input as pol([metadata_rule, {"level": "RequestResponse", "resources": [{"group": "apps"}]}])
}
