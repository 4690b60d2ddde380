# METADATA
# title: Container runtime socket mounted
# description: |
#   Mounting the Docker, containerd or CRI-O socket (or the directory holding it)
#   gives the pod full control of every container on the node, and root on the
#   node. The `sockets` parameter lists the paths refused; a hostPath equal to one
#   of them or to a parent directory of one is reported.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
# custom:
#   id: container-runtime-socket
#   severity: critical
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     nsa: ["pod-security"]
#     mitre: ["T1610", "T1611"]
#   parameters: {"type": "object", "properties": {"sockets": {"type": "array", "items": {"type": "string"}, "default": ["/var/run/docker.sock", "/run/docker.sock", "/var/run/containerd/containerd.sock", "/run/containerd/containerd.sock", "/var/run/crio/crio.sock", "/run/crio/crio.sock", "/var/run/cri-dockerd.sock", "/run/cri-dockerd.sock", "/var/run/dockershim.sock"]}}}
#   remediation: "Remove the hostPath volume of the runtime socket; build images with a rootless builder instead."
package kubegov.workload.container_runtime_socket

import data.kubegov.lib.workload
import rego.v1

default_sockets := [
	"/var/run/docker.sock", "/run/docker.sock", "/var/run/containerd/containerd.sock", "/run/containerd/containerd.sock",
	"/var/run/crio/crio.sock", "/run/crio/crio.sock", "/var/run/cri-dockerd.sock", "/run/cri-dockerd.sock", "/var/run/dockershim.sock",
]

sockets := object.get(object.get(input, "parameters", {}), "sockets", default_sockets)

# A path without its trailing slashes ("/" stays "/").
clean(p) := "/" if trim_right(p, "/") == ""

clean(p) := trim_right(p, "/") if trim_right(p, "/") != ""

exposes(host, sock) if clean(host) == sock

exposes(host, sock) if {
	h := clean(host)
	startswith(sock, concat("", [trim_right(h, "/"), "/"]))
}

violation contains {"msg": msg, "path": path} if {
	some v in workload.volumes
	host := v.volume.hostPath.path
	some sock in sockets
	exposes(host, sock)
	msg := sprintf("volume `%s` mounts `%s`, exposing the container runtime socket `%s`", [v.name, host, sock])
	path := sprintf("%s.hostPath.path", [v.path])
}
