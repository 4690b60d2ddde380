//! A deterministic generator of realistic Kubernetes manifests for benchmarks:
//! every workload kind with varied security contexts, Services, Ingresses,
//! NetworkPolicies, RBAC objects, ConfigMaps, Secrets and Namespaces, about a
//! third of them violating something, spread over multi-document files.

use std::fmt::Write as _;
use std::path::Path;

/// SplitMix64: small, fast, and the same sequence on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
    /// True with probability `p` percent.
    pub fn chance(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items
            .get(self.below(items.len() as u64) as usize)
            .copied()
            .unwrap_or("")
    }
}

const WORKLOADS: [&str; 8] = [
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "Job",
    "CronJob",
    "Pod",
    "ReplicationController",
];
const IMAGES: [&str; 6] = [
    "registry.example.com/shop/api:1.4.2",
    "registry.example.com/shop/web:2.0.1",
    "nginx:1.27.2",
    "postgres:16.4",
    "redis@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31",
    "busybox:1.36",
];

fn container(r: &mut Rng, name: &str, bad: bool, indent: &str) -> String {
    let mut s = String::new();
    let image = if bad && r.chance(30) {
        "nginx:latest"
    } else {
        r.pick(&IMAGES)
    };
    let _ = writeln!(s, "{indent}- name: {name}\n{indent}  image: {image}");
    let _ = writeln!(
        s,
        "{indent}  ports:\n{indent}  - containerPort: {}",
        8000 + r.below(100)
    );
    if !bad || r.chance(50) {
        let _ = writeln!(s, "{indent}  resources:\n{indent}    requests: {{cpu: 100m, memory: 128Mi}}\n{indent}    limits: {{memory: 256Mi}}");
    }
    let _ = writeln!(
        s,
        "{indent}  readinessProbe:\n{indent}    httpGet: {{path: /healthz, port: 8080}}"
    );
    let _ = writeln!(s, "{indent}  securityContext:");
    if bad {
        match r.below(4) {
            0 => {
                let _ = writeln!(s, "{indent}    privileged: true");
            }
            1 => {
                let _ = writeln!(s, "{indent}    allowPrivilegeEscalation: true\n{indent}    capabilities: {{add: [NET_ADMIN, SYS_ADMIN]}}");
            }
            2 => {
                let _ = writeln!(
                    s,
                    "{indent}    runAsUser: 0\n{indent}    runAsNonRoot: false"
                );
            }
            _ => {
                let _ = writeln!(s, "{indent}    readOnlyRootFilesystem: false");
            }
        }
    } else {
        let _ = writeln!(
            s,
            "{indent}    allowPrivilegeEscalation: false\n{indent}    readOnlyRootFilesystem: true\n{indent}    runAsNonRoot: true\n{indent}    runAsUser: 10001\n{indent}    capabilities: {{drop: [ALL]}}\n{indent}    seccompProfile: {{type: RuntimeDefault}}"
        );
    }
    s
}

fn pod_spec(r: &mut Rng, app: &str, bad: bool, indent: &str) -> String {
    let mut s = String::new();
    if bad && r.chance(25) {
        let _ = writeln!(s, "{indent}hostNetwork: true");
    }
    let _ = writeln!(s, "{indent}automountServiceAccountToken: false");
    let _ = writeln!(s, "{indent}securityContext:\n{indent}  runAsNonRoot: true\n{indent}  seccompProfile: {{type: RuntimeDefault}}");
    if r.chance(30) {
        let _ = writeln!(s, "{indent}initContainers:");
        s.push_str(&container(r, "init", false, indent));
    }
    let _ = writeln!(s, "{indent}containers:");
    s.push_str(&container(r, app, bad, indent));
    if r.chance(40) {
        let sidecar_bad = bad && r.chance(50);
        s.push_str(&container(r, "sidecar", sidecar_bad, indent));
    }
    if bad && r.chance(20) {
        let _ = writeln!(s, "{indent}volumes:\n{indent}- name: host\n{indent}  hostPath: {{path: /var/run/docker.sock}}");
    }
    s
}

fn metadata(name: &str, ns: Option<&str>, app: &str) -> String {
    let mut s = format!("metadata:\n  name: {name}\n");
    if let Some(ns) = ns {
        let _ = writeln!(s, "  namespace: {ns}");
    }
    let _ = writeln!(
        s,
        "  labels:\n    app: {app}\n    team: team-{}",
        app.len() % 7
    );
    s
}

/// One object as YAML. `i` makes names unique; about a third violate something.
pub fn object(r: &mut Rng, i: usize, namespaces: usize) -> String {
    let ns_name = format!("ns-{}", i % namespaces.max(1));
    let ns = ns_name.as_str();
    let app = format!("app-{i}");
    let bad = r.chance(33);
    let roll = r.below(100);
    if roll < 55 {
        let kind = r.pick(&WORKLOADS);
        let (api, spec) = match kind {
            "Pod" => ("v1", format!("spec:\n{}", pod_spec(r, &app, bad, "  "))),
            "CronJob" => (
                "batch/v1",
                format!(
                    "spec:\n  schedule: \"*/5 * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n          labels: {{app: {app}}}\n        spec:\n          restartPolicy: OnFailure\n{}",
                    pod_spec(r, &app, bad, "          ")
                ),
            ),
            "Job" => (
                "batch/v1",
                format!("spec:\n  template:\n    metadata:\n      labels: {{app: {app}}}\n    spec:\n      restartPolicy: Never\n{}", pod_spec(r, &app, bad, "      ")),
            ),
            "ReplicationController" => (
                "v1",
                format!("spec:\n  replicas: 2\n  selector: {{app: {app}}}\n  template:\n    metadata:\n      labels: {{app: {app}}}\n    spec:\n{}", pod_spec(r, &app, bad, "      ")),
            ),
            _ => (
                "apps/v1",
                format!(
                    "spec:\n  replicas: {}\n  selector:\n    matchLabels: {{app: {app}}}\n  template:\n    metadata:\n      labels: {{app: {app}}}\n    spec:\n{}",
                    1 + r.below(3),
                    pod_spec(r, &app, bad, "      ")
                ),
            ),
        };
        return format!(
            "apiVersion: {api}\nkind: {kind}\n{}{spec}",
            metadata(&app, Some(ns), &app)
        );
    }
    match roll {
        55..=66 => {
            let ty = if bad { r.pick(&["NodePort", "LoadBalancer"]) } else { "ClusterIP" };
            format!("apiVersion: v1\nkind: Service\n{}spec:\n  type: {ty}\n  selector: {{app: app-{}}}\n  ports:\n  - port: 80\n    targetPort: 8080\n", metadata(&app, Some(ns), &app), i.saturating_sub(1))
        }
        67..=71 => {
            let tls = if bad { String::new() } else { format!("  tls:\n  - hosts: [{app}.example.com]\n    secretName: {app}-tls\n") };
            format!("apiVersion: networking.k8s.io/v1\nkind: Ingress\n{}spec:\n{tls}  rules:\n  - host: {app}.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service: {{name: {app}, port: {{number: 80}}}}\n", metadata(&app, Some(ns), &app))
        }
        72..=76 => format!("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n{}spec:\n  podSelector: {{}}\n  policyTypes: [Ingress, Egress]\n", metadata(&format!("deny-{i}"), Some(ns), &app)),
        77..=82 => {
            let (verbs, res) = if bad { ("[\"*\"]", "[\"*\"]") } else { ("[get, list, watch]", "[configmaps, services]") };
            let (kind, nsm) = if r.chance(50) { ("Role", Some(ns)) } else { ("ClusterRole", None) };
            format!("apiVersion: rbac.authorization.k8s.io/v1\nkind: {kind}\n{}rules:\n- apiGroups: [\"\"]\n  resources: {res}\n  verbs: {verbs}\n", metadata(&app, nsm, &app))
        }
        83..=86 => {
            let role = if bad { "cluster-admin" } else { "view" };
            format!("apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n{}roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: {role}\nsubjects:\n- kind: ServiceAccount\n  name: {app}\n  namespace: {ns}\n", metadata(&app, Some(ns), &app))
        }
        87..=92 => {
            let extra = if bad { "  DB_PASSWORD: hunter2\n" } else { "" };
            format!("apiVersion: v1\nkind: ConfigMap\n{}data:\n  LOG_LEVEL: info\n  FEATURE_FLAGS: \"a,b,c\"\n{extra}", metadata(&app, Some(ns), &app))
        }
        93..=96 => format!("apiVersion: v1\nkind: Secret\n{}type: Opaque\ndata:\n  token: c2VjcmV0\n", metadata(&app, Some(ns), &app)),
        _ => format!("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-extra-{i}\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n"),
    }
}

/// `objects` objects in `files` files: (file name, content).
pub fn corpus(seed: u64, objects: usize, files: usize) -> Vec<(String, String)> {
    let mut r = Rng::new(seed);
    let files = files.max(1);
    let namespaces = (objects / 50).max(1);
    let mut out: Vec<(String, String)> = (0..files)
        .map(|f| (format!("manifests-{f:05}.yaml"), String::new()))
        .collect();
    for i in 0..objects {
        let doc = object(&mut r, i, namespaces);
        if let Some((_, text)) = out.get_mut(i % files) {
            if !text.is_empty() {
                text.push_str("---\n");
            }
            text.push_str(&doc);
        }
    }
    out
}

/// Write a corpus under `dir` (created); returns the number of files.
pub fn write_corpus(dir: &Path, seed: u64, objects: usize, files: usize) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let c = corpus(seed, objects, files);
    for (name, text) in &c {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(c.len())
}

/// One object of each workload kind, as YAML.
pub fn one_of_each_workload() -> Vec<(String, String)> {
    let mut r = Rng::new(7);
    let mut out = Vec::new();
    let mut i = 0;
    while out.len() < WORKLOADS.len() && i < 10_000 {
        let doc = object(&mut r, i, 1);
        i += 1;
        for k in WORKLOADS {
            if doc.contains(&format!("\nkind: {k}\n"))
                && !out.iter().any(|(kk, _): &(String, String)| kk == k)
            {
                out.push((k.to_string(), doc.clone()));
            }
        }
    }
    out
}
