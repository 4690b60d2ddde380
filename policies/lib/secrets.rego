# Shared helpers for secrets hygiene: names and values that look like
# credentials.
package kubegov.lib.secrets

import rego.v1

# Variable or key names that announce a credential (PASSWORD, DB_PASSWD,
# API_KEY, apiKey, ACCESS_TOKEN, CLIENT_SECRET, PRIVATE_KEY, credentials...).
name_pattern := `(?i)(passw(or)?d|passwd|pwd$|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth[_-]?key)`

# Names that match the pattern but hold no secret.
benign_name_pattern := `(?i)(_file|_path|_url|_uri|_endpoint|_ref|_name|_id|_ttl|_timeout|_expir\w*|_length|_header|_type)$`

secret_looking_name(name) if {
	regex.match(name_pattern, name)
	not regex.match(benign_name_pattern, name)
}

# Values that are credentials whatever their name: {"kind", "pattern"}.
value_patterns := [
	{"kind": "AWS access key id", "pattern": `\b(AKIA|ASIA)[0-9A-Z]{16}\b`},
	{"kind": "private key", "pattern": `-----BEGIN ([A-Z]+ )?PRIVATE KEY-----`},
	{"kind": "GitHub token", "pattern": `\bgh[pousr]_[A-Za-z0-9]{36,}\b`},
	{"kind": "Slack token", "pattern": `\bxox[abposr]-[A-Za-z0-9-]{10,}`},
	{"kind": "Google API key", "pattern": `\bAIza[0-9A-Za-z_-]{35}\b`},
	{"kind": "Stripe secret key", "pattern": `\b(sk|rk)_live_[0-9A-Za-z]{16,}`},
	{"kind": "JSON web token", "pattern": `\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`},
	{"kind": "URL with a password", "pattern": `[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@`},
]

# The kinds of credential `value` looks like (an empty set for none).
value_kinds(value) := {p.kind |
	is_string(value)
	some p in value_patterns
	regex.match(p.pattern, value)
}

# Values that are clearly not literal secrets: empty, or a reference to be
# expanded (`$(OTHER_VAR)`, `${VAR}`), or a placeholder.
placeholder(value) if value == ""

placeholder(value) if regex.match(`^\$[({][A-Za-z_][A-Za-z0-9_]*[)}]$`, value)

placeholder(value) if regex.match(`(?i)^(changeme|change-me|<[^>]*>|xxx+|\*+|none|null|false|true|redacted)$`, value)
