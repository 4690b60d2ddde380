package kubegov.workload.unsafe_sysctls_test

import data.kubegov.workload.unsafe_sysctls as policy
import rego.v1

pod(spec) := {"review": {"kind": {"group": "", "version": "v1", "kind": "Pod"}, "object": {
	"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": spec,
}}}

pod_meta(meta, spec) := {"review": {"kind": {"group": "", "version": "v1", "kind": "Pod"}, "object": {
	"apiVersion": "v1", "kind": "Pod", "metadata": object.union({"name": "p"}, meta), "spec": spec,
}}}

deployment(spec) := {"review": {"kind": {"group": "apps", "version": "v1", "kind": "Deployment"}, "object": {
	"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
	"spec": {"template": {"metadata": {}, "spec": spec}},
}}}

cronjob(spec) := {"review": {"kind": {"group": "batch", "version": "v1", "kind": "CronJob"}, "object": {
	"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "c"},
	"spec": {"schedule": "* * * * *", "jobTemplate": {"spec": {"template": {"spec": spec}}}},
}}}

paths(input_doc) := {v.path | some v in policy.violation with input as input_doc}

test_unsafe_is_denied if {
	paths(pod({"securityContext": {"sysctls": [{"name": "net.ipv4.tcp_syncookies", "value": "1"}, {"name": "kernel.msgmax", "value": "1"}]}, "containers": [{"name": "a"}]})) == {"spec.securityContext.sysctls[1].name"}
}

test_safe_set_of_1_32 if {
	count(policy.violation) == 0 with input as pod({"securityContext": {"sysctls": [{"name": "net.ipv4.tcp_rmem", "value": "4096 87380 16777216"}, {"name": "net.ipv4.tcp_keepalive_time", "value": "60"}, {"name": "net.ipv4.ip_local_reserved_ports", "value": "1"}]}, "containers": [{"name": "a"}]})
}

test_version_parameter if {
	doc := object.union(pod({"securityContext": {"sysctls": [{"name": "net.ipv4.tcp_rmem", "value": "1"}]}, "containers": [{"name": "a"}]}), {"parameters": {"minorVersion": 31}})
	count(policy.violation) == 1 with input as doc
}

test_deployment if {
	paths(deployment({"securityContext": {"sysctls": [{"name": "vm.swappiness", "value": "1"}]}, "containers": [{"name": "a"}]})) == {"spec.template.spec.securityContext.sysctls[0].name"}
}
