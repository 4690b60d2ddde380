# METADATA
# title: Service of type LoadBalancer
# description: |
#   A LoadBalancer Service usually gets a public address from the cloud
#   provider. That is sometimes the intent, but each one is an entry point that
#   bypasses the ingress controller's TLS, authentication and logging, so it
#   is reported as a warning to review. `loadBalancerSourceRanges` restricts
#   who can reach it; a Service with source ranges set is not reported.
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer
# custom:
#   id: service-load-balancer
#   severity: low
#   category: network
#   kinds:
#   - apiGroups: [""]
#     kinds: [Service]
#   controls:
#     nsa: ["network-separation"]
#     mitre: ["T1133"]
#   remediation: "Expose the application through the Ingress controller, make the load balancer internal, or restrict `spec.loadBalancerSourceRanges`."
package kubegov.network.service_load_balancer

import rego.v1

warn contains {"msg": msg, "path": "spec.type"} if {
	svc := input.review.object
	svc.spec.type == "LoadBalancer"
	count(object.get(svc.spec, "loadBalancerSourceRanges", [])) == 0
	msg := sprintf("service `%s` is of type `LoadBalancer` without `loadBalancerSourceRanges`", [svc.metadata.name])
}
