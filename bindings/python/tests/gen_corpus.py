"""A deterministic corpus of mixed Kubernetes objects, for benchmarks and
thread tests: ``python gen_corpus.py DEST [--files 500] [--per-file 20]``
writes DEST/fNNN.yaml, each a multi-document YAML stream (10,000 objects by
default). The same arguments always give the same bytes."""

from __future__ import annotations

import argparse
import random
from pathlib import Path

REGISTRIES = ["registry.example.com", "docker.io", "ghcr.io", "quay.io", "registy.example.com"]
IMAGES = ["nginx", "redis", "postgres", "app", "worker", "envoy"]
TAGS = ["1.27", "7.2", "16", "latest", "", "v2.3.1@sha256:" + "ab" * 32]
NAMESPACES = ["default", "shop", "payments", "monitoring", "kube-system", "ops"]
WORKLOAD_KINDS = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"]


def _container(rng: random.Random, i: int) -> str:
    tag = rng.choice(TAGS)
    image = f"{rng.choice(REGISTRIES)}/{rng.choice(IMAGES)}" + (f":{tag}" if tag and not tag.startswith("v2") else "")
    if tag.startswith("v2"):
        image += ":" + tag
    lines = [f"- name: c{i}", f"  image: {image}"]
    if rng.random() < 0.6:
        lines += ["  resources:", "    requests: {cpu: 100m, memory: 128Mi}"]
        if rng.random() < 0.7:
            lines += ["    limits: {cpu: 500m, memory: 256Mi}"]
    sc = []
    if rng.random() < 0.1:
        sc.append("privileged: true")
    if rng.random() < 0.5:
        sc.append(f"allowPrivilegeEscalation: {rng.choice(['false', 'true'])}")
    if rng.random() < 0.5:
        sc.append("runAsNonRoot: true")
    if rng.random() < 0.3:
        sc.append("readOnlyRootFilesystem: true")
    if sc:
        lines += ["  securityContext:"] + [f"    {s}" for s in sc]
    if rng.random() < 0.5:
        lines += ["  ports:", f"  - containerPort: {rng.choice([80, 443, 8080, 9090])}"]
    return "\n".join(lines)


def _pod_spec(rng: random.Random, indent: str) -> str:
    lines = []
    if rng.random() < 0.1:
        lines.append("hostNetwork: true")
    if rng.random() < 0.05:
        lines.append("hostPID: true")
    if rng.random() < 0.3:
        lines.append("serviceAccountName: app")
    lines.append("containers:")
    for i in range(rng.choice([1, 1, 2, 3])):
        lines += _container(rng, i).splitlines()
    if rng.random() < 0.2:
        lines.append("initContainers:")
        lines += _container(rng, 9).splitlines()
    return "\n".join(indent + line for line in lines)


def _meta(rng: random.Random, kind: str, n: int, namespaced: bool = True) -> str:
    lines = ["metadata:", f"  name: {kind.lower()}-{n}"]
    if namespaced:
        lines.append(f"  namespace: {rng.choice(NAMESPACES)}")
    if rng.random() < 0.7:
        lines.append(f"  labels: {{app: a{n % 50}, team: t{n % 7}}}")
    return "\n".join(lines)


def make_object(rng: random.Random, n: int) -> str:
    r = rng.random()
    if r < 0.6:
        kind = rng.choice(WORKLOAD_KINDS)
        api = {"Pod": "v1", "Job": "batch/v1", "CronJob": "batch/v1"}.get(kind, "apps/v1")
        head = f"apiVersion: {api}\nkind: {kind}\n{_meta(rng, kind, n)}\n"
        if kind == "Pod":
            return head + "spec:\n" + _pod_spec(rng, "  ")
        if kind == "CronJob":
            return (
                head
                + "spec:\n  schedule: '*/5 * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
                + _pod_spec(rng, "          ")
            )
        replicas = f"  replicas: {rng.choice([1, 2, 3])}\n" if kind in ("Deployment", "StatefulSet") else ""
        return head + "spec:\n" + replicas + "  template:\n    metadata: {labels: {app: x}}\n    spec:\n" + _pod_spec(rng, "      ")
    if r < 0.72:
        t = rng.choice(["ClusterIP", "NodePort", "LoadBalancer"])
        return (
            f"apiVersion: v1\nkind: Service\n{_meta(rng, 'Service', n)}\n"
            f"spec:\n  type: {t}\n  selector: {{app: a{n % 50}}}\n  ports:\n  - port: 80\n    targetPort: 8080\n"
        ).rstrip()
    if r < 0.82:
        return (
            f"apiVersion: v1\nkind: ConfigMap\n{_meta(rng, 'ConfigMap', n)}\n"
            f"data:\n  key: value-{n}\n  enabled: 'yes'\n"
        ).rstrip()
    if r < 0.9:
        verbs = rng.choice(['["get", "list"]', '["*"]', '["get", "watch", "list"]'])
        res = rng.choice(['["pods"]', '["secrets"]', '["*"]', '["pods/exec"]'])
        return (
            f"apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n{_meta(rng, 'Role', n)}\n"
            f"rules:\n- apiGroups: [\"\"]\n  resources: {res}\n  verbs: {verbs}"
        )
    if r < 0.95:
        return (
            f"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n{_meta(rng, 'ClusterRoleBinding', n, False)}\n"
            f"roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: {rng.choice(['view', 'cluster-admin', 'edit'])}}}\n"
            f"subjects:\n- kind: ServiceAccount\n  name: sa-{n}\n  namespace: default"
        )
    return (
        f"apiVersion: networking.k8s.io/v1\nkind: Ingress\n{_meta(rng, 'Ingress', n)}\n"
        "spec:\n  rules:\n  - host: shop.example.com\n    http:\n      paths:\n      - path: /\n"
        "        pathType: Prefix\n        backend: {service: {name: web, port: {number: 80}}}"
    )


def stream(count: int, seed: int = 7, start: int = 0) -> str:
    """`count` objects as one multi-document YAML text."""
    rng = random.Random(seed * 1_000_003 + start)
    return "\n---\n".join(make_object(rng, start + i) for i in range(count)) + "\n"


def generate(dest: Path, files: int = 500, per_file: int = 20, seed: int = 7) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for f in range(files):
        (dest / f"f{f:04d}.yaml").write_text(stream(per_file, seed, f * per_file), encoding="utf-8")
    return dest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dest", type=Path)
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--per-file", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    generate(a.dest, a.files, a.per_file, a.seed)
    print(f"wrote {a.files * a.per_file} objects in {a.files} files to {a.dest}")


if __name__ == "__main__":
    main()
