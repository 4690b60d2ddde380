# Shared helpers for container image references, parsed as the container
# runtimes do: `[registry/]repository[:tag][@digest]`, where the first path
# component is a registry host only if it contains `.` or `:` or is
# `localhost`; otherwise the image comes from Docker Hub (`docker.io`, with
# `library/` for single-name images). Registry hosts are compared exactly
# (lower-cased): `registy.example.com`, `registry.example.com.evil.io` and
# `registry.example.comx` are not `registry.example.com`.
package kubegov.lib.images

import rego.v1

# The reference without its digest.
name_of(ref) := substring(ref, 0, indexof(ref, "@")) if contains(ref, "@")

name_of(ref) := ref if not contains(ref, "@")

# The digest (`sha256:...`), or "".
digest_of(ref) := substring(ref, indexof(ref, "@") + 1, -1) if contains(ref, "@")

digest_of(ref) := "" if not contains(ref, "@")

host_like(c) if contains(c, ".")

host_like(c) if contains(c, ":")

host_like(c) if c == "localhost"

# True when the reference names its registry (`ghcr.io/org/app`).
explicit_registry(ref) if {
	parts := split(name_of(ref), "/")
	count(parts) > 1
	host_like(parts[0])
}

# The registry host (with its port, if any), lower-cased; `docker.io` for
# Docker Hub, whichever alias the reference uses.
registry(ref) := normalize_host(lower(split(name_of(ref), "/")[0])) if explicit_registry(ref)

registry(ref) := "docker.io" if not explicit_registry(ref)

normalize_host(h) := "docker.io" if h in {"index.docker.io", "registry-1.docker.io"}

normalize_host(h) := h if not h in {"index.docker.io", "registry-1.docker.io"}

# The repository path with its tag, without the registry.
remainder(ref) := concat("/", array.slice(parts, 1, count(parts))) if {
	explicit_registry(ref)
	parts := split(name_of(ref), "/")
}

remainder(ref) := name_of(ref) if not explicit_registry(ref)

# The tag, or "" when the reference has none.
tag(ref) := t if {
	parts := split(remainder(ref), "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	t := substring(last, indexof(last, ":") + 1, -1)
} else := ""

# The repository path, without registry and tag (`library/nginx` for `nginx`).
repository(ref) := docker_library(ref, untagged(ref))

untagged(ref) := trim_suffix(remainder(ref), concat("", [":", tag(ref)])) if tag(ref) != ""

untagged(ref) := remainder(ref) if tag(ref) == ""

docker_library(ref, repo) := concat("/", ["library", repo]) if {
	registry(ref) == "docker.io"
	not contains(repo, "/")
} else := repo

# Everything at once: {"registry", "repository", "tag", "digest", "explicit_registry"}.
parse(ref) := {
	"registry": registry(ref),
	"repository": repository(ref),
	"tag": tag(ref),
	"digest": digest_of(ref),
	"explicit_registry": explicit_registry_bool(ref),
}

explicit_registry_bool(ref) := true if explicit_registry(ref) else := false

# True when the reference can point at different images over time: no digest
# and no tag or the `latest` tag.
mutable_tag(ref) if {
	digest_of(ref) == ""
	tag(ref) in {"", "latest"}
}

# True when `ref` comes from one of `entries`: a registry host
# (`registry.example.com`, `registry.example.com:5000`, `docker.io`) matched
# exactly, or a host and repository prefix (`ghcr.io/my-org`) matched at a
# path boundary.
allowed(ref, entries) if {
	some e in entries
	entry_matches(lower(e), ref)
}

entry_matches(e, ref) if {
	not contains(e, "/")
	normalize_host(e) == registry(ref)
}

entry_matches(e, ref) if {
	contains(e, "/")
	host := substring(e, 0, indexof(e, "/"))
	prefix := trim_suffix(substring(e, indexof(e, "/") + 1, -1), "/")
	normalize_host(host) == registry(ref)
	path_prefix(prefix, repository(ref))
}

path_prefix(prefix, repo) if prefix == repo

path_prefix(prefix, repo) if startswith(repo, concat("", [prefix, "/"]))
