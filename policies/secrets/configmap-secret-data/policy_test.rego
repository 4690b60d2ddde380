package kubegov.secrets.configmap_secret_data_test

import data.kubegov.secrets.configmap_secret_data as policy
import rego.v1

cm(data) := {"review": {"object": {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"}, "data": data}}}

test_password_key_denied if {
	vs := policy.violation with input as cm({"log_level": "info", "db.password": "hunter2"})
	count(vs) == 1
	some v in vs
	v.path == "data[\"db.password\"]"
}

test_private_key_value_denied if {
	vs := policy.violation with input as cm({"tls.key": "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"})
	count(vs) == 1
	some v in vs
	v.msg == "config map `cfg` holds a value that looks like a credential (private key) in key `tls.key`"
}

test_ordinary_config_allowed if {
	count(policy.violation) == 0 with input as cm({"log_level": "info", "token_ttl": "3600", "password_file": "/run/secrets/pw", "app.properties": "secret.name=db\nport=8080\n"})
}
