package kubegov.reliability.priority_class_name_test

import data.kubegov.reliability.priority_class_name as policy
import rego.v1

deployment(spec) := {"review": {"object": {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "spec": {"template": {"spec": spec}}}}}

test_missing_warned if {
	vs := policy.warn with input as deployment({"containers": []})
	count(vs) == 1
	some v in vs
	v.path == "spec.template.spec.priorityClassName"
}

test_set_allowed if {
	count(policy.warn) == 0 with input as deployment({"priorityClassName": "business-critical", "containers": []})
}

test_empty_warned if {
	count(policy.warn) == 1 with input as deployment({"priorityClassName": "", "containers": []})
}
