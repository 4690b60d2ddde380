package kubegov.secrets.service_account_token_secret_test

import data.kubegov.secrets.service_account_token_secret as policy
import rego.v1

secret(s) := {"review": {"object": object.union({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}}, s)}}

test_legacy_token_secret_warned if {
	inp := secret({"type": "kubernetes.io/service-account-token", "metadata": {"name": "s", "annotations": {"kubernetes.io/service-account.name": "ci"}}})
	count(policy.warn) == 1 with input as inp
	count(policy.violation) == 0 with input as inp
}

test_opaque_token_denied if {
	inp := secret({"type": "Opaque", "data": {"token": base64.encode("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"), "ca.crt": "LS0t"}})
	vs := policy.violation with input as inp
	count(vs) == 1
	some v in vs
	v.path == "data.token"
}

test_annotated_opaque_denied if {
	inp := secret({"metadata": {"name": "s", "annotations": {"kubernetes.io/service-account.name": "ci"}}, "stringData": {"token": "eyJhbGciOi.x.y"}})
	count(policy.violation) == 2 with input as inp
}

test_ordinary_secret_allowed if {
	inp := secret({"type": "Opaque", "stringData": {"token": "not-a-jwt", "password": "x"}})
	count(policy.violation) == 0 with input as inp
	count(policy.warn) == 0 with input as inp
}
