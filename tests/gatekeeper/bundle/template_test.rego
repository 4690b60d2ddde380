# Unit tests of template.yaml's Rego (package k8srequiredlabels), run by
# `kubegov test` with the template's rego and libs; one fails on purpose.
package k8srequiredlabels

review(labels) = {"object": {"kind": "Pod", "metadata": {"name": "p", "labels": labels}}}

test_missing_label_is_a_violation {
  params := {"labels": [{"key": "owner"}]}
  count(violation) == 1 with input as {"review": review({}), "parameters": params}
}

# uses lib.helpers.label_value, from the template's libs
test_label_not_matching_the_regex_is_a_violation {
  params := {"labels": [{"key": "owner", "allowedRegex": "^team-"}]}
  count(violation) == 1 with input as {"review": review({"owner": "bob"}), "parameters": params}
}

# fails on purpose: a pod with the label has no violation
test_fails_on_purpose_labelled_pod_is_a_violation {
  params := {"labels": [{"key": "owner"}]}
  count(violation) == 1 with input as {"review": review({"owner": "team-a"}), "parameters": params}
}
