package kubegov.secrets.env_literal_secret_test

import data.kubegov.secrets.env_literal_secret as policy
import rego.v1

pod(env) := {"review": {"object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": "x:1", "env": env}]}}}}

test_literal_password_denied if {
	vs := policy.violation with input as pod([{"name": "LOG_LEVEL", "value": "debug"}, {"name": "DB_PASSWORD", "value": "hunter2"}])
	count(vs) == 1
	some v in vs
	v.path == "spec.containers[0].env[1].value"
}

test_names_detected if {
	env := [{"name": n, "value": "s3cr3t-value"} | some n in ["API_KEY", "apiKey", "GITHUB_TOKEN", "CLIENT_SECRET", "AWS_SECRET_ACCESS_KEY", "db_passwd", "PRIVATE_KEY", "SMTP_CREDENTIALS"]]
	count(policy.violation) == 8 with input as pod(env)
}

test_references_and_benign_names_allowed if {
	env := [
		{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
		{"name": "DB_PASSWORD_FILE", "value": "/run/secrets/db"},
		{"name": "TOKEN_URL", "value": "https://auth.example.com/token"},
		{"name": "API_KEY", "value": "$(SHARED_API_KEY)"},
		{"name": "SECRET", "value": ""},
		{"name": "TOKEN_TTL", "value": "3600"},
	]
	count(policy.violation) == 0 with input as pod(env)
}
