package kubegov.workload.privileged_containers_test

import data.kubegov.workload.privileged_containers as policy
import rego.v1

pod(sc) := {"review": {"object": {
	"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
	"spec": {"containers": [{"name": "app", "image": "nginx:1.27", "securityContext": sc}]},
}}}

test_privileged_is_denied if {
	some v in policy.violation with input as pod({"privileged": true})
	v.path == "spec.containers[0].securityContext.privileged"
}

test_unprivileged_is_allowed if {
	count(policy.violation) == 0 with input as pod({"privileged": false})
}

test_unset_is_allowed if {
	count(policy.violation) == 0 with input as pod({})
}

test_init_container_in_deployment if {
	d := {"review": {"object": {
		"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
		"spec": {"template": {"spec": {
			"containers": [{"name": "app", "image": "a"}],
			"initContainers": [{"name": "init", "image": "b", "securityContext": {"privileged": true}}],
		}}},
	}}}
	some v in policy.violation with input as d
	v.path == "spec.template.spec.initContainers[0].securityContext.privileged"
}
