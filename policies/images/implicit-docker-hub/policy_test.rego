package kubegov.images.implicit_docker_hub_test

import data.kubegov.images.implicit_docker_hub as policy
import rego.v1

pod(image) := {"review": {"object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": image}]}}}}

test_short_name_warned if {
	vs := policy.warn with input as pod("nginx:1.27")
	count(vs) == 1
	some v in vs
	v.msg == "container `a` uses image `nginx:1.27` without a registry: it is pulled from `docker.io/library/nginx`"
}

test_org_name_warned if {
	count(policy.warn) == 1 with input as pod("bitnami/redis:7.2")
}

test_explicit_registry_allowed if {
	count(policy.warn) == 0 with input as pod("docker.io/library/nginx:1.27")
	count(policy.warn) == 0 with input as pod("localhost:5000/app:1")
	count(policy.warn) == 0 with input as pod("localhost/app:1")
}
