# METADATA
# title: Sensitive host paths mounted
# description: |
#   Some host directories hold node credentials, kernel interfaces or other pods'
#   data: the root filesystem, /etc, /proc, /sys, /dev, /boot, /root, /home, the
#   kubelet's and etcd's state, the Kubernetes configuration and the container
#   runtimes' storage. A hostPath volume on one of the `paths` (or below it; `/`
#   only exactly) is reported.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
# custom:
#   id: sensitive-host-paths
#   severity: high
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     nsa: ["pod-security"]
#     mitre: ["T1611", "T1552"]
#   parameters: {"type": "object", "properties": {"paths": {"type": "array", "items": {"type": "string"}, "default": ["/", "/etc", "/proc", "/sys", "/dev", "/boot", "/root", "/home", "/var/lib/kubelet", "/var/lib/etcd", "/etc/kubernetes", "/var/lib/docker", "/var/lib/containerd", "/var/lib/cri-o"]}}}
#   remediation: "Remove the hostPath volume; use a projected, configMap or persistentVolumeClaim volume instead."
package kubegov.workload.sensitive_host_paths

import data.kubegov.lib.workload
import rego.v1

default_paths := [
	"/", "/etc", "/proc", "/sys", "/dev", "/boot", "/root", "/home", "/var/lib/kubelet", "/var/lib/etcd",
	"/etc/kubernetes", "/var/lib/docker", "/var/lib/containerd", "/var/lib/cri-o",
]

sensitive := object.get(object.get(input, "parameters", {}), "paths", default_paths)

clean(p) := "/" if trim_right(p, "/") == ""

clean(p) := trim_right(p, "/") if trim_right(p, "/") != ""

under(host, s) if clean(host) == clean(s)

under(host, s) if {
	clean(s) != "/"
	startswith(clean(host), concat("", [clean(s), "/"]))
}

# The most specific sensitive path a host path falls under.
matches(host) := [s | some s in sensitive; under(host, s)]

violation contains {"msg": msg, "path": path} if {
	some v in workload.volumes
	host := v.volume.hostPath.path
	m := matches(host)
	count(m) > 0
	msg := sprintf("volume `%s` mounts the sensitive host path `%s`", [v.name, host])
	path := sprintf("%s.hostPath.path", [v.path])
}
