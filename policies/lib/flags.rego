# Shared helpers for command-line flags of control-plane components and the
# kubelet (static pods, DaemonSets): which containers run a binary, and the
# value and exact field path of each `--flag=value` / `--flag value` they pass,
# in `command` or `args`.
package kubegov.lib.flags

import data.kubegov.lib.workload
import rego.v1

# The arguments of a container in order, each with its field path; an element
# holding several words (`sh -c "kube-apiserver --a=b"`) is split on spaces.
tokens(c) := [t |
	some e in array.concat(
		[{"arg": a, "path": sprintf("%s.command[%d]", [c.path, i])} | some i, a in object.get(c.container, "command", [])],
		[{"arg": a, "path": sprintf("%s.args[%d]", [c.path, i])} | some i, a in object.get(c.container, "args", [])],
	)
	is_string(e.arg)
	some w in split(trim_space(e.arg), " ")
	w != ""
	t := {"arg": w, "path": e.path}
]

# The base name of an executable path (`/usr/local/bin/kube-apiserver`).
basename(s) := parts[count(parts) - 1] if parts := split(s, "/")

# Every container (workload.containers entry) that runs `binary`.
containers(binary) := {c |
	some c in workload.containers
	some t in tokens(c)
	not startswith(t.arg, "-")
	basename(t.arg) == binary
}

# The flags of a container: [{"name", "value", "path"}], in order. A flag without
# `=` takes the next word as its value unless that word is another flag; a flag
# alone is "true". Single-dash flags (`-v`) count too.
entries(c) := [e |
	toks := tokens(c)
	some i, t in toks
	startswith(t.arg, "-")
	e := entry(toks, i, t)
]

entry(_, _, t) := {"name": name, "value": value, "path": t.path} if {
	contains(t.arg, "=")
	i := indexof(t.arg, "=")
	name := trim_left(substring(t.arg, 0, i), "-")
	value := substring(t.arg, i + 1, -1)
}

entry(toks, i, t) := {"name": trim_left(t.arg, "-"), "value": toks[i + 1].arg, "path": t.path} if {
	not contains(t.arg, "=")
	count(toks) > i + 1
	not startswith(toks[i + 1].arg, "-")
}

entry(toks, i, t) := {"name": trim_left(t.arg, "-"), "value": "true", "path": t.path} if {
	not contains(t.arg, "=")
	not next_is_value(toks, i)
}

next_is_value(toks, i) if {
	count(toks) > i + 1
	not startswith(toks[i + 1].arg, "-")
}

# True when the container passes flag `name`.
has(c, name) if {
	some e in entries(c)
	e.name == name
}

# The value of flag `name` (the last occurrence wins, as with the Go flag package).
value(c, name) := vals[count(vals) - 1] if {
	vals := [e.value | some e in entries(c); e.name == name]
	count(vals) > 0
}

# The field path of flag `name` (its last occurrence).
path(c, name) := paths[count(paths) - 1] if {
	paths := [e.path | some e in entries(c); e.name == name]
	count(paths) > 0
}

# The comma-separated values of flag `name`, trimmed (empty when unset).
list(c, name) := [trim_space(v) | some v in split(value(c, name), ","); trim_space(v) != ""] if has(c, name)

list(c, name) := [] if not has(c, name)

# Where to point for a flag that is absent: the container's args when it has
# some (flags usually go there), else its command, else the container.
missing_path(c) := sprintf("%s.args", [c.path]) if c.container.args

missing_path(c) := sprintf("%s.command", [c.path]) if {
	not c.container.args
	c.container.command
}

missing_path(c) := c.path if {
	not c.container.command
	not c.container.args
}

# The path of a flag when set, else where it would be added.
path_or_missing(c, name) := path(c, name) if has(c, name)

path_or_missing(c, name) := missing_path(c) if not has(c, name)

# A flag value read as a boolean (Go's strconv.ParseBool spellings).
is_true(v) if lower(v) in {"true", "t", "1"}

is_false(v) if lower(v) in {"false", "f", "0"}

# Feature gates passed with `--feature-gates=A=true,B=false`: name → "true"/"false".
feature_gates(c) := {k: v |
	some item in list(c, "feature-gates")
	kv := split(item, "=")
	count(kv) == 2
	k := trim_space(kv[0])
	v := lower(trim_space(kv[1]))
}

# TLS cipher suites the CIS Kubernetes Benchmark accepts as strong.
strong_ciphers := {
	"TLS_AES_128_GCM_SHA256",
	"TLS_AES_256_GCM_SHA384",
	"TLS_CHACHA20_POLY1305_SHA256",
	"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
	"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
	"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
	"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
	"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
	"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
	"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
	"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
}
