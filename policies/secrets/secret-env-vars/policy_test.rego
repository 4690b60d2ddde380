package kubegov.secrets.secret_env_vars_test

import data.kubegov.secrets.secret_env_vars as policy
import rego.v1

pod(container) := {"review": {"object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [object.union({"name": "a", "image": "x:1"}, container)]}}}}

test_secret_key_ref_warned if {
	vs := policy.warn with input as pod({"env": [{"name": "PW", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}}]})
	count(vs) == 1
	some v in vs
	v.path == "spec.containers[0].env[0].valueFrom.secretKeyRef"
}

test_env_from_warned if {
	count(policy.warn) == 1 with input as pod({"envFrom": [{"configMapRef": {"name": "cfg"}}, {"secretRef": {"name": "db"}}]})
}

test_files_and_config_maps_allowed if {
	inp := pod({"env": [{"name": "A", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "a"}}}], "volumeMounts": [{"name": "db", "mountPath": "/run/secrets/db"}]})
	count(policy.warn) == 0 with input as inp
}
