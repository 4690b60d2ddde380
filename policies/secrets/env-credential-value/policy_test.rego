package kubegov.secrets.env_credential_value_test

import data.kubegov.secrets.env_credential_value as policy
import rego.v1

pod(container) := {"review": {"object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [object.union({"name": "a", "image": "x:1"}, container)]}}}}

test_aws_key_denied if {
	vs := policy.violation with input as pod({"env": [{"name": "X", "value": "AKIAIOSFODNN7EXAMPLE"}]})
	count(vs) == 1
	some v in vs
	v.msg == "container `a` sets `X` to a value that looks like a credential (AWS access key id)"
}

test_private_key_and_url_denied if {
	env := [
		{"name": "TLS", "value": "-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----"},
		{"name": "DATABASE_URL", "value": "postgres://shop:hunter2@db:5432/shop"},
	]
	count(policy.violation) == 2 with input as pod({"env": env})
}

test_argument_denied if {
	vs := policy.violation with input as pod({"args": ["--verbose", "--token=ghp_abcdefghijklmnopqrstuvwxyz0123456789AB"]})
	count(vs) == 1
	some v in vs
	v.path == "spec.containers[0].args[1]"
}

test_ordinary_values_allowed if {
	env := [{"name": "DATABASE_URL", "value": "postgres://db:5432/shop"}, {"name": "REGION", "value": "eu-west-1"}]
	count(policy.violation) == 0 with input as pod({"env": env, "args": ["--port=8080"]})
}
