# METADATA
# title: Required labels
# description: Every object carries the labels listed in data.settings.required_labels.
# custom:
#   id: required-labels
#   severity: low
#   category: metadata
package vectors.required_labels

import rego.v1

violation contains {"msg": msg, "path": "metadata.labels", "details": {"missing": label}} if {
	some label in data.settings.required_labels
	not input.review.object.metadata.labels[label]
	msg := sprintf("%s `%s` lacks label `%s`", [input.review.object.kind, input.review.object.metadata.name, label])
}

warn contains {"msg": msg} if {
	input.review.operation == "UPDATE"
	msg := sprintf("%s `%s` is being updated by `%s`", [input.review.object.kind, input.review.object.metadata.name, input.review.userInfo.username])
}
