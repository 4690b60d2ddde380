//! Exceptions: annotations on objects and entries of an exceptions file turn
//! findings into `exempted` ones, auditable in the report.
//!
//! - Annotation: `kubegov.io/exempt: "<policy-id>[,<policy-id>...]"` (globs
//!   allowed) with a required `kubegov.io/exempt-reason`; without a reason the
//!   annotation is ignored and a notice says so.
//! - File entries: a policy id glob, a match on kind/namespace/name globs, a
//!   required reason, an optional expiry date and owner. An expired entry
//!   exempts nothing and adds a notice naming it; an entry that covered no
//!   finding is reported as unused.

use crate::config::Exception;
use crate::glob;
use crate::objects::Object;
use crate::report::{ExceptionRef, Finding, Notice, Status};

/// The annotation listing exempted policy ids.
pub const EXEMPT_ANNOTATION: &str = "kubegov.io/exempt";
/// The annotation giving the reason, required with [`EXEMPT_ANNOTATION`].
pub const EXEMPT_REASON_ANNOTATION: &str = "kubegov.io/exempt-reason";

fn days_to_date(days: i64) -> String {
    // civil_from_days (Howard Hinnant)
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    format!("{:04}-{:02}-{:02}", if m <= 2 { y + 1 } else { y }, m, d)
}

fn annotation<'a>(v: &'a regorus::Value, key: &str) -> Option<&'a str> {
    crate::objects::str_at(v, &["metadata", "annotations", key])
}

/// Apply the annotation exemptions of `object` to its findings; returns notices.
pub(crate) fn apply_annotations(object: &Object, findings: &mut [Finding]) -> Vec<Notice> {
    let Some(list) = annotation(&object.value, EXEMPT_ANNOTATION) else {
        return Vec::new();
    };
    let reason = annotation(&object.value, EXEMPT_REASON_ANNOTATION)
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let path = format!(
        "metadata.annotations[{}]",
        serde_json::to_string(EXEMPT_ANNOTATION).unwrap_or_default()
    );
    let (line, column) = object
        .locate(&path)
        .unwrap_or((object.source.line, object.source.column));
    let Some(reason) = reason else {
        return vec![Notice {
            code: "exception.missing_reason".into(),
            message: format!(
                "{} on {} is ignored: add `{EXEMPT_REASON_ANNOTATION}` saying why",
                EXEMPT_ANNOTATION,
                object.object_ref()
            ),
            file: object.source.file.clone(),
            line,
            column,
        }];
    };
    let ids: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    for f in findings
        .iter_mut()
        .filter(|f| f.status == Status::Violation)
    {
        if ids.iter().any(|p| glob::matches(p, &f.policy.id)) {
            f.status = Status::Exempted;
            f.exception = Some(Box::new(ExceptionRef {
                source: format!(
                    "annotation {EXEMPT_ANNOTATION} at {}:{line}",
                    object.source.file.as_deref().unwrap_or("<input>")
                ),
                reason: reason.to_string(),
                owner: None,
                expires: None,
            }));
        }
    }
    Vec::new()
}

fn covers(e: &Exception, f: &Finding) -> bool {
    let m = &e.spec.match_;
    let opt = |p: &Option<String>, v: &str| p.as_deref().is_none_or(|p| glob::matches(p, v));
    glob::matches(&e.spec.policy, &f.policy.id)
        && opt(&m.kind, &f.object.kind)
        && opt(&m.api_version, &f.object.api_version)
        && opt(&m.name, &f.object.name)
        && opt(&m.namespace, f.object.namespace.as_deref().unwrap_or(""))
}

/// Apply the file exceptions to all findings; returns notices for expired
/// and unused entries.
pub(crate) fn apply_file(
    exceptions: &[Exception],
    today: i64,
    findings: &mut [Finding],
) -> Vec<Notice> {
    let mut notices = Vec::new();
    for e in exceptions {
        let name = format!("exception for `{}` at {}", e.spec.policy, e.location);
        if let Some(day) = e.expires_day.filter(|d| *d < today) {
            notices.push(Notice {
                code: "exception.expired".into(),
                message: format!(
                    "{name} expired on {}; it no longer exempts anything",
                    days_to_date(day)
                ),
                file: e.location.file.clone(),
                line: e.location.line,
                column: e.location.column,
            });
            continue;
        }
        let mut used = false;
        for f in findings
            .iter_mut()
            .filter(|f| f.status == Status::Violation)
        {
            if covers(e, f) {
                used = true;
                f.status = Status::Exempted;
                f.exception = Some(Box::new(ExceptionRef {
                    source: e.location.to_string(),
                    reason: e.spec.reason.clone(),
                    owner: e.spec.owner.clone(),
                    expires: e.spec.expires.clone(),
                }));
            }
        }
        if !used {
            notices.push(Notice {
                code: "exception.unused".into(),
                message: format!("{name} matched no finding; remove it if it is no longer needed"),
                file: e.location.file.clone(),
                line: e.location.line,
                column: e.location.column,
            });
        }
    }
    notices
}

#[cfg(test)]
mod tests {
    use super::days_to_date;

    #[test]
    fn dates_round_trip() {
        for d in ["1970-01-01", "2000-02-29", "2026-11-28", "2100-12-31"] {
            assert_eq!(days_to_date(crate::config::parse_date(d).unwrap()), d);
        }
    }
}
