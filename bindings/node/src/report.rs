//! `Report` and the plain objects it hands out. The object types mirror the
//! core's report structs field by field (so napi generates their TypeScript
//! interfaces); their JSON is the report's JSON (checked by the tests).

use std::collections::BTreeMap;
use std::sync::Arc;

use napi::Env;
use napi_derive::napi;

use crate::errors::run;

/// A count as a JavaScript number (saturating: counts never come near it).
pub(crate) fn n(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

/// The policy a finding comes from.
#[napi(object)]
#[derive(Debug)]
pub struct FindingPolicy {
    /// Policy id.
    pub id: String,
    /// Policy title.
    pub title: String,
    /// Severity.
    #[napi(ts_type = "'critical' | 'high' | 'medium' | 'low' | 'info'")]
    pub severity: String,
    /// Category.
    pub category: String,
    /// Compliance controls by framework (`{cis: ["5.2.1"], pss: ["baseline"]}`).
    pub controls: BTreeMap<String, Vec<String>>,
}

/// Identity of a Kubernetes object.
#[napi(object)]
#[derive(Debug)]
pub struct ObjectIdentity {
    /// `apiVersion` (`apps/v1`).
    pub api_version: String,
    /// `kind`.
    pub kind: String,
    /// `metadata.namespace`, if set.
    pub namespace: Option<String>,
    /// `metadata.name`, empty when absent.
    pub name: String,
}

/// Where a finding's field (or object) is written.
#[napi(object)]
#[derive(Debug)]
pub struct Source {
    /// The file, when the input came from a file.
    pub file: Option<String>,
    /// 1-based line, 0 when unknown.
    pub line: u32,
    /// 1-based column, 0 when unknown.
    pub column: u32,
    /// 0-based index of the YAML document in its file.
    pub document: u32,
}

/// The exception that covered a finding.
#[napi(object)]
#[derive(Debug)]
pub struct ExceptionInfo {
    /// Where the exception is declared.
    pub source: String,
    /// Why it was granted.
    pub reason: String,
    /// Who owns it.
    pub owner: Option<String>,
    /// When it expires (`YYYY-MM-DD`).
    pub expires: Option<String>,
}

/// One policy violated by one object.
#[napi(object)]
#[derive(Debug)]
pub struct Finding {
    /// The policy.
    pub policy: FindingPolicy,
    /// What the finding asks of the pipeline.
    #[napi(ts_type = "'deny' | 'warn' | 'dryrun'")]
    pub action: String,
    /// Whether it counts or is exempted.
    #[napi(ts_type = "'violation' | 'exempted'")]
    pub status: String,
    /// The policy's message.
    pub message: String,
    /// The object.
    pub object: ObjectIdentity,
    /// Where the offending field (or the object) is written.
    pub source: Source,
    /// The offending field (`spec.containers[0].securityContext.privileged`).
    pub path: Option<String>,
    /// How to fix it.
    pub remediation: Option<String>,
    /// Extra structured details from the policy.
    #[napi(ts_type = "Record<string, unknown>")]
    pub details: Option<serde_json::Value>,
    /// The exception that covered it, when exempted.
    pub exception: Option<ExceptionInfo>,
}

/// A document that could not be read, or a policy that failed on an object.
#[napi(object)]
#[derive(Debug)]
pub struct ReportError {
    /// File, if any.
    pub file: Option<String>,
    /// 1-based line, 0 when unknown.
    pub line: u32,
    /// 1-based column, 0 when unknown.
    pub column: u32,
    /// 0-based document index in the file.
    pub document: u32,
    /// A stable code (`input.syntax`, `input.not_an_object`, `eval.policy`, ...).
    pub code: String,
    /// The policy that failed, for evaluation errors.
    pub policy: Option<String>,
    /// What went wrong.
    pub message: String,
}

/// An expired or unused exception, an exemption without a reason.
#[napi(object)]
#[derive(Debug)]
pub struct Notice {
    /// A stable code (`exception.expired`, `exception.unused`, ...).
    pub code: String,
    /// What happened and what to do.
    pub message: String,
    /// File, if any.
    pub file: Option<String>,
    /// 1-based line, 0 when unknown.
    pub line: u32,
    /// 1-based column, 0 when unknown.
    pub column: u32,
}

/// Counts over a report.
#[napi(object)]
#[derive(Debug)]
pub struct Summary {
    /// Objects evaluated.
    pub objects: u32,
    /// Findings with status `violation`, by severity, and their `total`.
    pub findings: BTreeMap<String, u32>,
    /// Findings with status `violation` by action (`deny`, `warn`, `dryrun`).
    pub actions: BTreeMap<String, u32>,
    /// Entries in `errors`.
    pub errors: u32,
    /// Findings covered by an exception.
    pub exempted: u32,
}

/// The bundle a report was made with.
#[napi(object)]
#[derive(Debug)]
pub struct BundleInfo {
    /// The bundle's digest.
    pub digest: String,
    /// Number of policies in the bundle.
    pub policies: u32,
}

/// The report as a plain object (`report.toJSON()`), fields in the order of
/// the canonical JSON text.
// Built from the core's JSON value (to keep the key order); this struct gives
// napi the TypeScript interface.
#[allow(dead_code)]
#[napi(object)]
#[derive(Debug)]
pub struct ReportJson {
    /// Version of the report's JSON schema.
    pub schema_version: String,
    /// The bundle used.
    pub bundle: BundleInfo,
    /// Counts.
    pub summary: Summary,
    /// Findings, ordered by file, document, policy id, message.
    pub findings: Vec<Finding>,
    /// Documents that could not be read and policies that failed.
    pub errors: Vec<ReportError>,
    /// Expired and unused exceptions, exemptions without a reason.
    pub notices: Vec<Notice>,
}

fn finding(f: &kubegov::Finding) -> Finding {
    let kubegov::Finding {
        policy,
        action,
        status,
        message,
        object,
        source,
        path,
        remediation,
        details,
        exception,
    } = f;
    Finding {
        policy: FindingPolicy {
            id: policy.id.clone(),
            title: policy.title.clone(),
            severity: policy.severity.as_str().to_string(),
            category: policy.category.clone(),
            controls: policy.controls.clone(),
        },
        action: action.as_str().to_string(),
        status: match status {
            kubegov::Status::Violation => "violation",
            kubegov::Status::Exempted => "exempted",
        }
        .to_string(),
        message: message.clone(),
        object: ObjectIdentity {
            api_version: object.api_version.clone(),
            kind: object.kind.clone(),
            namespace: object.namespace.clone(),
            name: object.name.clone(),
        },
        source: Source {
            file: source.file.clone(),
            line: source.line,
            column: source.column,
            document: n(source.document),
        },
        path: path.clone(),
        remediation: remediation.as_deref().map(str::to_string),
        details: details.as_deref().cloned(),
        exception: exception.as_ref().map(|e| ExceptionInfo {
            source: e.source.clone(),
            reason: e.reason.clone(),
            owner: e.owner.clone(),
            expires: e.expires.clone(),
        }),
    }
}

fn report_error(e: &kubegov::ReportError) -> ReportError {
    ReportError {
        file: e.file.clone(),
        line: e.line,
        column: e.column,
        document: n(e.document),
        code: e.code.clone(),
        policy: e.policy.clone(),
        message: e.message.clone(),
    }
}

fn counts(m: &BTreeMap<String, usize>) -> BTreeMap<String, u32> {
    m.iter().map(|(k, v)| (k.clone(), n(*v))).collect()
}

/// The result of checking objects against a bundle. `JSON.stringify(report)`
/// gives the report's JSON; `toJsonString()` gives the canonical text,
/// byte-identical to the CLI's `kubegov check -f json`.
#[napi]
#[derive(Debug)]
pub struct Report {
    inner: Arc<kubegov::Report>,
    /// The bundle the report was made with (a cheap clone: an `Arc` inside),
    /// whose policies document the rules of `toSarif`.
    bundle: kubegov::Bundle,
}

impl Report {
    pub(crate) fn new(report: kubegov::Report, bundle: kubegov::Bundle) -> Report {
        Report {
            inner: Arc::new(report),
            bundle,
        }
    }
}

/// Options of `Report.toSarif`.
#[napi(object)]
#[derive(Debug, Default)]
pub struct SarifOptions {
    /// List every policy of the bundle as a rule, not only those with findings.
    pub all_rules: Option<bool>,
}

/// Options of `Report.toTable`.
#[napi(object)]
#[derive(Debug, Default)]
pub struct TableOptions {
    /// ANSI colours (default: none).
    pub color: Option<bool>,
}

#[napi]
impl Report {
    /// Findings, ordered by file, document, policy id, message.
    #[napi(getter)]
    pub fn findings(&self) -> Vec<Finding> {
        self.inner.findings().iter().map(finding).collect()
    }

    /// Documents that could not be read and policies that failed.
    #[napi(getter)]
    pub fn errors(&self) -> Vec<ReportError> {
        self.inner.errors().iter().map(report_error).collect()
    }

    /// Expired and unused exceptions, exemptions without a reason.
    #[napi(getter)]
    pub fn notices(&self) -> Vec<Notice> {
        self.inner
            .notices()
            .iter()
            .map(|x| Notice {
                code: x.code.clone(),
                message: x.message.clone(),
                file: x.file.clone(),
                line: x.line,
                column: x.column,
            })
            .collect()
    }

    /// Counts.
    #[napi(getter)]
    pub fn summary(&self) -> Summary {
        let s = self.inner.summary();
        Summary {
            objects: n(s.objects),
            findings: counts(&s.findings),
            actions: counts(&s.actions),
            errors: n(s.errors),
            exempted: n(s.exempted),
        }
    }

    /// The bundle used.
    #[napi(getter)]
    pub fn bundle(&self) -> BundleInfo {
        let b = self.inner.bundle();
        BundleInfo {
            digest: b.digest.clone(),
            policies: n(b.policies),
        }
    }

    /// Whether any finding fails the check (an unexempted `deny` finding).
    #[napi(getter)]
    pub fn has_denials(&self) -> bool {
        self.inner.has_denials()
    }

    /// The report as a plain object (what `JSON.stringify(report)` serializes):
    /// its keys in the order of the canonical text, so that
    /// `JSON.stringify(report, null, 2) === report.toJsonString()`.
    #[napi(js_name = "toJSON", ts_return_type = "ReportJson")]
    pub fn to_json(&self) -> serde_json::Value {
        self.inner.to_value()
    }

    /// The canonical JSON text: byte-identical to `kubegov check -f json`
    /// and to every other binding for the same bundle and input.
    #[napi]
    pub fn to_json_string(&self) -> String {
        self.inner.to_json()
    }

    /// SARIF 2.1.0 (pretty JSON with a final newline) for GitHub code
    /// scanning and other SARIF readers: byte-identical to
    /// `kubegov check -f sarif` for the same bundle and input. Only policies
    /// with findings are rules unless `allRules` is set.
    #[napi]
    pub fn to_sarif(&self, env: Env, options: Option<SarifOptions>) -> napi::Result<String> {
        let all = options.and_then(|o| o.all_rules).unwrap_or(false);
        let options = kubegov::render::SarifOptions::new().with_all_rules(all);
        run(&env, || {
            Ok(kubegov::render::sarif_with(
                &self.inner,
                self.bundle.policies(),
                &options,
            ))
        })
    }

    /// GitHub Actions workflow commands (`::error file=...,line=...::...`),
    /// one per line: byte-identical to `kubegov check -f github`.
    #[napi]
    pub fn to_github(&self, env: Env) -> napi::Result<String> {
        run(&env, || Ok(kubegov::render::github(&self.inner)))
    }

    /// The aligned text table of `kubegov check -f table` (ANSI colours with
    /// `{ color: true }`).
    #[napi]
    pub fn to_table(&self, env: Env, options: Option<TableOptions>) -> napi::Result<String> {
        let color = options.and_then(|o| o.color).unwrap_or(false);
        run(&env, || Ok(kubegov::render::table(&self.inner, color)))
    }
}
