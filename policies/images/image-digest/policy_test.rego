package kubegov.images.image_digest_test

import data.kubegov.images.image_digest as policy
import rego.v1

pod(image, enforcement) := {"review": {"object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": image}]}}}, "parameters": {"enforcement": enforcement}}

digest := "sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31"

test_tag_only_warns_by_default if {
	count(policy.warn) == 1 with input as pod("nginx:1.27", "warn")
	count(policy.violation) == 0 with input as pod("nginx:1.27", "warn")
}

test_tag_only_denied_when_enforced if {
	count(policy.violation) == 1 with input as pod("nginx:1.27", "deny")
	count(policy.warn) == 0 with input as pod("nginx:1.27", "deny")
}

test_digest_allowed if {
	count(policy.violation) == 0 with input as pod(concat("@", ["nginx:1.27", digest]), "deny")
	count(policy.warn) == 0 with input as pod(concat("@", ["registry.example.com:5000/app", digest]), "warn")
}
