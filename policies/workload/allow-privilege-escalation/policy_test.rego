package kubegov.workload.allow_privilege_escalation_test

import data.kubegov.workload.allow_privilege_escalation as policy
import rego.v1

pod(spec) := {"review": {"object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": spec}}}

test_unset_denied if {
	count(policy.violation) == 1 with input as pod({"containers": [{"name": "a"}]})
}

test_true_denied if {
	count(policy.violation) == 1 with input as pod({"containers": [{"name": "a", "securityContext": {"allowPrivilegeEscalation": true}}]})
}

test_false_allowed if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a", "securityContext": {"allowPrivilegeEscalation": false}}]})
}

test_windows_exempt if {
	count(policy.violation) == 0 with input as pod({"os": {"name": "windows"}, "containers": [{"name": "a"}]})
}

test_ephemeral_container_in_deployment if {
	d := {"review": {"object": {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"}, "spec": {"template": {"spec": {
		"containers": [{"name": "a", "securityContext": {"allowPrivilegeEscalation": false}}],
		"ephemeralContainers": [{"name": "dbg"}],
	}}}}}}
	some v in policy.violation with input as d
	v.path == "spec.template.spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation"
}
