package kubegov.lib.selectors_index_test

import data.kubegov.lib.selectors
import data.kubegov.lib.selectors_index
import data.kubegov.network.ingress_duplicate_host_path as ingress
import data.kubegov.network.service_selects_nothing as service
import data.kubegov.reliability.replica_count as replicas
import rego.v1

workload(kind, name, labels) := {"apiVersion": "apps/v1", "kind": kind, "metadata": {"name": name, "namespace": "shop"}, "spec": {"template": {"metadata": {"labels": labels}}}}

inv := {
	"namespace": {"shop": {"apps/v1": {
		"Deployment": {"web": workload("Deployment", "web", {"app": "web", "tier": "front"})},
		"StatefulSet": {"db": workload("StatefulSet", "db", {"app": "db", "tier": "back"})},
		"DaemonSet": {"agent": workload("DaemonSet", "agent", {"app": "agent", "tier": "front"})},
	}}},
	"cluster": {"v1": {"Pod": {"bare": {"kind": "Pod", "metadata": {"name": "bare", "labels": {"app": "bare"}}}}}},
}

w(kind, name, labels) := {"kind": kind, "name": name, "labels": labels}

test_workloads_by_namespace_and_label if {
	idx := selectors_index.inventory_index with data.inventory as inv
	count(idx.workloads.shop) == 3
	idx.workloads[""] == {w("Pod", "bare", {"app": "bare"})}
	idx.by_label.shop.tier.front == {w("Deployment", "web", {"app": "web", "tier": "front"}), w("DaemonSet", "agent", {"app": "agent", "tier": "front"})}
}

test_empty_inventory_gives_an_empty_index if {
	idx := selectors_index.inventory_index with data.inventory as {"namespace": {}}
	idx == {"workloads": {}, "by_label": {}}
}

test_candidates_are_those_with_the_rarest_pair if {
	cs := selectors.candidates("shop", {"tier": "front", "app": "web"}) with data.inventory as inv
	cs == {w("Deployment", "web", {"app": "web", "tier": "front"})}
}

test_candidates_without_pairs_are_every_workload if {
	count(selectors.candidates("shop", {})) == 3 with data.inventory as inv
	count(selectors.candidates("shop", ["x"])) == 3 with data.inventory as inv
	count(selectors.candidates("elsewhere", {})) == 0 with data.inventory as inv
}

test_has_object if {
	selectors.has_object("shop", "StatefulSet", "db") with data.inventory as inv
	not selectors.has_object("shop", "StatefulSet", "web") with data.inventory as inv
	selectors.has_object("", "Pod", "bare") with data.inventory as inv
}

# The policies read the index kubegov supplies, not the inventory: with an
# index built from `inv` and an empty inventory, the Service finds its
# workload.
test_service_reads_the_supplied_index if {
	idx := selectors_index.inventory_index with data.inventory as inv
	svc := {"review": {"object": {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s", "namespace": "shop"}, "spec": {"selector": {"app": "db"}}}}}
	count(service.violation) == 1 with input as svc with data.inventory as {"namespace": {}}
	count(service.violation) == 0 with input as svc with data.inventory as {"namespace": {}} with data.kubegov_index as {"kubegov.lib.selectors_index": idx}
}

test_replica_count_reads_the_supplied_index if {
	hpa := {"kind": "HorizontalPodAutoscaler", "metadata": {"name": "h", "namespace": "shop"}, "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": 3}}
	idx := replicas.inventory_index with data.inventory as {"namespace": {"shop": {"autoscaling/v2": {"HorizontalPodAutoscaler": {"h": hpa}}}}}
	deployment := {"review": {"object": workload("Deployment", "web", {})}, "parameters": {"minReplicas": 2}}
	count(replicas.violation) == 1 with input as deployment with data.inventory as {"namespace": {}}
	count(replicas.violation) == 0 with input as deployment with data.inventory as {"namespace": {}} with data.kubegov_index as {"kubegov.reliability.replica_count": idx}
}

ing(ns, name) := {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": name, "namespace": ns}, "spec": {"rules": [{"host": "h", "http": {"paths": [{"path": "/"}]}}]}}

test_ingress_reads_the_supplied_index if {
	idx := ingress.inventory_index with data.inventory as {"namespace": {"a": {"networking.k8s.io/v1": {"Ingress": {"x": ing("a", "x")}}}}}
	idx == {"": {"h": {"/": {{"namespace": "a", "name": "x"}}}}}
	count(ingress.violation) == 0 with input as {"review": {"object": ing("b", "y")}} with data.inventory as {"namespace": {}}
	count(ingress.violation) == 1 with input as {"review": {"object": ing("b", "y")}} with data.inventory as {"namespace": {}} with data.kubegov_index as {"kubegov.network.ingress_duplicate_host_path": idx}
}
