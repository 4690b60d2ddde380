# METADATA
# title: Long-lived service account token in a Secret
# description: |
#   A Secret holding a service account token never expires and is valid until
#   the Secret is deleted. A Secret of type `kubernetes.io/service-account-token`
#   asks the control plane to create such a token (a warning: use the
#   TokenRequest API or projected volumes instead); a Secret of another type
#   (`Opaque`) holding a `token` key with a JWT, or carrying the
#   `kubernetes.io/service-account.name` annotation, is a token copied by hand,
#   out of the control plane's sight (a violation).
# related_resources:
# - ref: https://kubernetes.io/docs/concepts/configuration/secret/#serviceaccount-token-secrets
# - ref: https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#legacy-serviceaccount-token-cleaner
# custom:
#   id: service-account-token-secret
#   severity: medium
#   category: secrets
#   kinds:
#   - apiGroups: [""]
#     kinds: [Secret]
#   controls:
#     cis: ["5.1.6"]
#     nsa: ["secrets"]
#   remediation: "Delete the Secret; give workloads short-lived tokens through projected service account token volumes or the TokenRequest API."
package kubegov.secrets.service_account_token_secret

import rego.v1

secret := input.review.object

type := object.get(secret, "type", "Opaque")

warn contains {"msg": msg, "path": "type"} if {
	type == "kubernetes.io/service-account-token"
	sa := object.get(secret, ["metadata", "annotations", "kubernetes.io/service-account.name"], "")
	msg := sprintf("secret `%s` requests a long-lived token for service account `%s`", [secret.metadata.name, sa])
}

violation contains {"msg": msg, "path": "metadata.annotations[\"kubernetes.io/service-account.name\"]"} if {
	type != "kubernetes.io/service-account-token"
	sa := secret.metadata.annotations["kubernetes.io/service-account.name"]
	msg := sprintf("secret `%s` of type `%s` is annotated as a token of service account `%s`", [secret.metadata.name, type, sa])
}

violation contains {"msg": msg, "path": sprintf("%s.token", [field])} if {
	type != "kubernetes.io/service-account-token"
	some field in ["data", "stringData"]
	value := secret[field].token
	jwt(field, value)
	msg := sprintf("secret `%s` of type `%s` holds a JSON web token in `%s.token`", [secret.metadata.name, type, field])
}

jwt("stringData", v) if startswith(v, "eyJ")

# `eyJ` base64-encoded
jwt("data", v) if startswith(v, "ZXlK")
