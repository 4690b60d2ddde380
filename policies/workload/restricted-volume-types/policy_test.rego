package kubegov.workload.restricted_volume_types_test

import data.kubegov.workload.restricted_volume_types as policy
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

test_nfs_is_denied if {
	paths(pod({"containers": [{"name": "a"}], "volumes": [{"name": "s", "secret": {"secretName": "s"}}, {"name": "n", "nfs": {"server": "x", "path": "/"}}]})) == {"spec.volumes[1].nfs"}
}

test_allowed_types if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a"}], "volumes": [
		{"name": "a", "configMap": {"name": "c"}}, {"name": "b", "emptyDir": {}},
		{"name": "c", "persistentVolumeClaim": {"claimName": "x"}}, {"name": "d", "projected": {"sources": []}},
		{"name": "e", "csi": {"driver": "x"}}, {"name": "f", "downwardAPI": {}}, {"name": "g", "ephemeral": {}},
	]})
}

test_no_source_is_denied if {
	paths(pod({"containers": [{"name": "a"}], "volumes": [{"name": "x"}]})) == {"spec.volumes[0]"}
}

test_host_path_left_to_baseline if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a"}], "volumes": [{"name": "h", "hostPath": {"path": "/"}}]})
}

test_git_repo_in_deployment if {
	paths(deployment({"containers": [{"name": "a"}], "volumes": [{"name": "g", "gitRepo": {"repository": "r"}}]})) == {"spec.template.spec.volumes[0].gitRepo"}
}
