package kubegov.images.image_pull_policy_test

import data.kubegov.images.image_pull_policy as policy
import rego.v1

pod(image, pull, always) := {"review": {"object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [object.union({"name": "a", "image": image}, pull)]}}}, "parameters": {"requireAlways": always}}

test_latest_if_not_present_denied if {
	vs := policy.violation with input as pod("nginx:latest", {"imagePullPolicy": "IfNotPresent"}, false)
	count(vs) == 1
	some v in vs
	v.path == "spec.containers[0].imagePullPolicy"
}

test_untagged_never_denied if {
	count(policy.violation) == 1 with input as pod("registry.example.com:5000/app", {"imagePullPolicy": "Never"}, false)
}

test_latest_default_policy_allowed if {
	count(policy.violation) == 0 with input as pod("nginx:latest", {}, false)
}

test_pinned_tag_allowed if {
	count(policy.violation) == 0 with input as pod("nginx:1.27", {"imagePullPolicy": "IfNotPresent"}, false)
}

test_require_always if {
	count(policy.violation) == 1 with input as pod("nginx:1.27", {"imagePullPolicy": "IfNotPresent"}, true)
	count(policy.violation) == 1 with input as pod("nginx:1.27", {}, true)
	count(policy.violation) == 0 with input as pod("nginx:1.27", {"imagePullPolicy": "Always"}, true)
	count(policy.violation) == 0 with input as pod("nginx@sha256:abc", {}, true)
}
