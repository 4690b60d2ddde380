# METADATA
# title: Probes and lifecycle handlers targeting another host
# description: |
#   The `host` field of an httpGet or tcpSocket probe or lifecycle handler makes
#   the kubelet connect to an arbitrary address from the node, which can reach
#   services the pod itself could not (server-side request forgery). Pod Security
#   Standards (baseline, since Kubernetes 1.34) require `host` to be unset or
#   empty in liveness, readiness and startup probes and in postStart and preStop
#   handlers.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: host-probes-lifecycle
#   severity: medium
#   category: workload
#   kinds:
#   - apiGroups: ["", "apps", "batch"]
#     kinds: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#   controls:
#     pss: baseline
#     psa: hostProbesAndHostLifecycle
#   remediation: "Remove the `host` field: probes and handlers then target the pod IP."
package kubegov.workload.host_probes_lifecycle

import data.kubegov.lib.workload
import rego.v1

probes := ["livenessProbe", "readinessProbe", "startupProbe"]

handlers := ["httpGet", "tcpSocket"]

# {"handler": the probe or lifecycle handler, "path": its field path}
targets(c) := {t |
	some p in probes
	h := c.container[p]
	t := {"handler": h, "path": sprintf("%s.%s", [c.path, p])}
} | {t |
	some l in ["postStart", "preStop"]
	h := c.container.lifecycle[l]
	t := {"handler": h, "path": sprintf("%s.lifecycle.%s", [c.path, l])}
}

violation contains {"msg": msg, "path": path} if {
	some c in workload.containers
	some t in targets(c)
	some kind in handlers
	host := object.get(t.handler, [kind, "host"], "")
	host != ""
	msg := sprintf("container `%s` sets `%s.host` to `%s`", [c.name, kind, host])
	path := sprintf("%s.%s.host", [t.path, kind])
}
