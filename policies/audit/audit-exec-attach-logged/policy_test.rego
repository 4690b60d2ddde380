package kubegov.audit.audit_exec_attach_logged_test

import data.kubegov.audit.audit_exec_attach_logged as policy
import rego.v1

pol(rules) := {"review": {"object": {"apiVersion": "audit.k8s.io/v1", "kind": "Policy", "rules": rules}}}

test_catch_all_metadata_allowed if {
	count(policy.violation) == 0 with input as pol([{"level": "Metadata"}])
}

test_pods_wildcard_subresource_allowed if {
	count(policy.violation) == 0 with input as pol([{"level": "Request", "resources": [{"group": "", "resources": ["pods/*"]}]}])
}

test_pods_alone_does_not_cover_subresources if {
	count(policy.violation) == 3 with input as pol([{"level": "Metadata", "resources": [{"group": "", "resources": ["pods"]}]}])
}

test_dropped_denied if {
	vs := policy.violation with input as pol([{"level": "None", "resources": [{"group": "", "resources": ["pods/exec"]}]}, {"level": "Metadata"}])
	count(vs) == 1
	some v in vs
	v.path == "rules[0].level"
}

test_user_specific_rule_does_not_decide if {
	count(policy.violation) == 3 with input as pol([{"level": "Metadata", "users": ["alice"]}])
}
