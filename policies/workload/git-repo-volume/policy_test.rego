package kubegov.workload.git_repo_volume_test

import data.kubegov.workload.git_repo_volume as policy
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

test_git_repo_is_denied if {
	paths(pod({"containers": [{"name": "a"}], "volumes": [{"name": "g", "gitRepo": {"repository": "https://x/y.git"}}]})) == {"spec.volumes[0].gitRepo"}
}

test_other_volumes_are_allowed if {
	count(policy.violation) == 0 with input as pod({"containers": [{"name": "a"}], "volumes": [{"name": "e", "emptyDir": {}}]})
}

test_cronjob if {
	paths(cronjob({"containers": [{"name": "a"}], "volumes": [{"name": "e", "emptyDir": {}}, {"name": "g", "gitRepo": {"repository": "r"}}]})) == {"spec.jobTemplate.spec.template.spec.volumes[1].gitRepo"}
}
