package kubegov.reliability.readiness_probe_test

import data.kubegov.reliability.readiness_probe as policy
import rego.v1

deployment(containers, init) := {"review": {"object": {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"}, "spec": {"template": {"spec": {"containers": containers, "initContainers": init}}}}}}

probe := {"httpGet": {"path": "/healthz", "port": 8080}}

test_missing_probe_denied if {
	vs := policy.violation with input as deployment([{"name": "a", "image": "x:1", "readinessProbe": probe}, {"name": "b", "image": "x:1"}], [])
	count(vs) == 1
	some v in vs
	v.path == "spec.template.spec.containers[1].readinessProbe"
}

test_probe_set_allowed if {
	count(policy.violation) == 0 with input as deployment([{"name": "a", "image": "x:1", "readinessProbe": probe}], [])
}

test_init_containers_not_checked if {
	count(policy.violation) == 0 with input as deployment([{"name": "a", "image": "x:1", "readinessProbe": probe}], [{"name": "init", "image": "x:1"}])
}
