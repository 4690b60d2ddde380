package kubegov.reliability.pdb_blocks_eviction_test

import data.kubegov.reliability.pdb_blocks_eviction as policy
import rego.v1

pdb(spec) := {"review": {"object": {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "p"}, "spec": spec}}}

test_max_unavailable_zero_denied if {
	count(policy.violation) == 1 with input as pdb({"maxUnavailable": 0})
	count(policy.violation) == 1 with input as pdb({"maxUnavailable": "0%"})
}

test_min_available_all_denied if {
	vs := policy.violation with input as pdb({"minAvailable": "100%"})
	count(vs) == 1
	some v in vs
	v.msg == "pod disruption budget `p` sets `minAvailable: 100%`: no pod can ever be evicted"
}

test_room_for_disruption_allowed if {
	count(policy.violation) == 0 with input as pdb({"maxUnavailable": 1})
	count(policy.violation) == 0 with input as pdb({"minAvailable": "50%"})
	count(policy.violation) == 0 with input as pdb({"minAvailable": 2})
}
