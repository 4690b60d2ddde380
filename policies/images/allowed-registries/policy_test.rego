package kubegov.images.allowed_registries_test

import data.kubegov.images.allowed_registries as policy
import rego.v1

pod(images, registries) := {"review": {"object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": sprintf("c%d", [i]), "image": img} | some i, img in images]}}}, "parameters": {"registries": registries}}

test_allowed_registry_passes if {
	count(policy.violation) == 0 with input as pod(["registry.example.com/team/app:1.0", "REGISTRY.example.com/x:2"], ["registry.example.com"])
}

test_misspelt_and_lookalike_hosts_denied if {
	imgs := ["registy.example.com/team/app:1.0", "registry.example.com.evil.io/team/app:1.0", "registry.example.comx/app:1", "registry.example.com:5000/app:1", "nginx:1.27"]
	vs := policy.violation with input as pod(imgs, ["registry.example.com"])
	count(vs) == 5
}

test_message_and_path if {
	vs := policy.violation with input as pod(["registy.example.com/team/app:1.0"], ["registry.example.com"])
	some v in vs
	v.path == "spec.containers[0].image"
	v.msg == "container `c0` uses image `registy.example.com/team/app:1.0` from registry `registy.example.com`, which is not allowed (allowed: `registry.example.com`)"
}

test_not_configured_reports_nothing if {
	count(policy.violation) == 0 with input as pod(["evil.io/x:1"], [])
}

test_repository_prefix if {
	count(policy.violation) == 1 with input as pod(["ghcr.io/my-org/app:1", "ghcr.io/other/app:1"], ["ghcr.io/my-org"])
}
