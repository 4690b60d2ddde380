# METADATA
# title: No host network
# description: Pods must not share the node's network namespace.
# custom:
#   id: fixture-no-host-network
#   severity: high
#   category: demo
package fixture.no_host_network

import rego.v1

violation contains {"msg": data.fixture.message} if {
	input.review.object.kind == "Pod"
	input.review.object.spec.hostNetwork == true
}
