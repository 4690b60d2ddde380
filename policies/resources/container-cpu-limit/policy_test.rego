package kubegov.resources.container_cpu_limit_test

import data.kubegov.resources.container_cpu_limit as policy
import rego.v1

pod(resources) := {"review": {"object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": "x:1", "resources": resources}], "ephemeralContainers": [{"name": "debug", "image": "busybox:1"}]}}}}

test_missing_limit_warned if {
	vs := policy.warn with input as pod({"limits": {"memory": "64Mi"}})
	count(vs) == 1
	some v in vs
	v.path == "spec.containers[0].resources.limits.cpu"
}

test_limit_set_allowed if {
	count(policy.warn) == 0 with input as pod({"limits": {"cpu": "500m"}})
}

test_no_resources_warned if {
	count(policy.warn) == 1 with input as pod({})
}
