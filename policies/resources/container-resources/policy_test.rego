package kubegov.resources.container_resources_test

import data.kubegov.resources.container_resources as policy
import rego.v1

pod(resources) := {"review": {"object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": "x:1", "resources": resources}]}}}}

test_none_set_three_findings if {
	count(policy.violation) == 3 with input as pod({})
}

test_all_set_allowed if {
	count(policy.violation) == 0 with input as pod({"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"memory": "64Mi"}})
}

test_missing_limit_located if {
	some v in policy.violation with input as pod({"requests": {"cpu": "100m", "memory": "64Mi"}})
	v.path == "spec.containers[0].resources.limits.memory"
}
