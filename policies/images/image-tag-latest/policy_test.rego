package kubegov.images.image_tag_latest_test

import data.kubegov.images.image_tag_latest as policy
import rego.v1

pod(image) := {"review": {"object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": image}]}}}}

test_latest_denied if {
	count(policy.violation) == 1 with input as pod("nginx:latest")
}

test_untagged_denied if {
	count(policy.violation) == 1 with input as pod("registry.example.com:5000/team/nginx")
}

test_tagged_allowed if {
	count(policy.violation) == 0 with input as pod("registry.example.com:5000/team/nginx:1.27")
}

test_digest_allowed if {
	count(policy.violation) == 0 with input as pod("nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31")
}

test_registry_port_is_not_a_tag if {
	count(policy.violation) == 1 with input as pod("localhost:5000/nginx")
}

test_tag_and_digest_allowed if {
	count(policy.violation) == 0 with input as pod("nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31")
}
