package kubegov.rbac.csr_approval_test

import data.kubegov.rbac.csr_approval as policy
import rego.v1

role(rules) := {"review": {"object": {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "r"}, "rules": rules}}}

test_explicit_grant_denied if {
	vs := policy.violation with input as role([{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get"]}, {"apiGroups": ["certificates.k8s.io"], "resources": ["certificatesigningrequests/approval"], "verbs": ["update"]}])
	count(vs) == 1
	some v in vs
	v.path == "rules[1].resources[0]"
}

test_wildcards_denied if {
	count(policy.violation) == 1 with input as role([{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}])
}

test_unrelated_rules_allowed if {
	count(policy.violation) == 0 with input as role([{"apiGroups": ["certificates.k8s.io"], "resources": ["certificatesigningrequests"], "verbs": ["create", "get"]}])
}

test_builtin_roles_exempt if {
	inp := {"review": {"object": {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "r", "labels": {"kubernetes.io/bootstrapping": "rbac-defaults"}}, "rules": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]}}}
	count(policy.violation) == 0 with input as inp
}
