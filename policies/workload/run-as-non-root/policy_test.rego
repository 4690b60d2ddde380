package kubegov.workload.run_as_non_root_test

import data.kubegov.workload.run_as_non_root as policy
import rego.v1

pod(spec) := {"review": {"object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": spec}}}

test_pod_level_true_allowed if {
	count(policy.violation) == 0 with input as pod({"securityContext": {"runAsNonRoot": true}, "containers": [{"name": "a"}]})
}

test_container_false_overrides_pod if {
	count(policy.violation) == 1 with input as pod({"securityContext": {"runAsNonRoot": true}, "containers": [{"name": "a", "securityContext": {"runAsNonRoot": false}}]})
}

test_unset_everywhere_denied if {
	count(policy.violation) == 1 with input as pod({"containers": [{"name": "a"}]})
}

test_every_container_true_allowed if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a", "securityContext": {"runAsNonRoot": true}}]})
}

test_pod_false_fails_even_if_containers_true if {
	count(policy.violation) == 1 with input as pod({"securityContext": {"runAsNonRoot": false}, "containers": [{"name": "a", "securityContext": {"runAsNonRoot": true}}]})
}

test_windows_is_not_exempt if {
	count(policy.violation) == 1 with input as pod({"os": {"name": "windows"}, "containers": [{"name": "a"}]})
}

test_ephemeral_container_must_set_it if {
	some v in policy.violation with input as pod({"containers": [{"name": "a", "securityContext": {"runAsNonRoot": true}}], "ephemeralContainers": [{"name": "e"}]})
	v.path == "spec.ephemeralContainers[0].securityContext.runAsNonRoot"
}
