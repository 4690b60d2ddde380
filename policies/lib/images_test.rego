package kubegov.lib.images_test

import data.kubegov.lib.images
import rego.v1

test_parse_short if {
	images.parse("nginx") == {"registry": "docker.io", "repository": "library/nginx", "tag": "", "digest": "", "explicit_registry": false}
}

test_parse_full if {
	images.parse("Registry.Example.com:5000/team/app:1.2@sha256:abc") == {"registry": "registry.example.com:5000", "repository": "team/app", "tag": "1.2", "digest": "sha256:abc", "explicit_registry": true}
}

test_parse_org if {
	images.parse("bitnami/redis:7") == {"registry": "docker.io", "repository": "bitnami/redis", "tag": "7", "digest": "", "explicit_registry": false}
}

test_localhost if {
	images.registry("localhost/app") == "localhost"
}

test_allowed_exact if {
	images.allowed("registry.example.com/team/app:1", ["registry.example.com"])
	not images.allowed("registy.example.com/team/app:1", ["registry.example.com"])
	not images.allowed("registry.example.com.evil.io/team/app:1", ["registry.example.com"])
	not images.allowed("registry.example.comx/team/app:1", ["registry.example.com"])
	not images.allowed("registry.example.com:5000/team/app:1", ["registry.example.com"])
	not images.allowed("evil.io/registry.example.com/app:1", ["registry.example.com"])
	images.allowed("nginx:1", ["docker.io"])
	images.allowed("index.docker.io/library/nginx:1", ["docker.io"])
}

test_allowed_prefix if {
	images.allowed("ghcr.io/my-org/app:1", ["ghcr.io/my-org"])
	not images.allowed("ghcr.io/my-org-evil/app:1", ["ghcr.io/my-org"])
	images.allowed("nginx:1", ["docker.io/library"])
}
