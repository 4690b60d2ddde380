//! Kubernetes objects to evaluate, read from YAML/JSON text, files,
//! directories, stdin or values, each remembering where it came from.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use regorus::Value as RValue;
use serde_json::Value;

use crate::error::InputError;
use crate::limits::Limits;
use crate::report::{ObjectRef, ReportError, SourceRef};
use crate::yaml::{self, Locations};

/// How an object reached kubegov, for the `input.review` fields.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Review {
    pub operation: String,
    pub old_object: Option<Value>,
    pub user_info: Option<Value>,
    pub uid: Option<Value>,
    pub dry_run: Option<Value>,
}

impl Default for Review {
    fn default() -> Self {
        Review {
            operation: "CREATE".into(),
            old_object: None,
            user_info: None,
            uid: None,
            dry_run: None,
        }
    }
}

/// The review of an object read from a manifest (not an AdmissionReview),
/// shared by all of them.
fn plain_review() -> Arc<Review> {
    static PLAIN: std::sync::OnceLock<Arc<Review>> = std::sync::OnceLock::new();
    PLAIN.get_or_init(|| Arc::new(Review::default())).clone()
}

/// One Kubernetes object and where it was read.
///
/// The object is kept as the policy engine's value only: it is what every
/// evaluation reads, and it takes half the memory of its JSON form (a check
/// keeps every object of the set until the report is written).
#[derive(Debug, Clone)]
pub struct Object {
    pub(crate) value: RValue,
    pub(crate) source: SourceRef,
    pub(crate) locations: Option<Arc<Locations>>,
    /// Path of the object inside its document (`items[3]` in a List).
    pub(crate) base_path: String,
    /// Shared by the objects of manifests (150 bytes each otherwise).
    pub(crate) review: Arc<Review>,
}

impl Object {
    /// The object as JSON (built on each call; keys in sorted order).
    pub fn value(&self) -> Value {
        serde_json::to_value(&self.value).unwrap_or(Value::Null)
    }

    /// Where it was read.
    pub fn source(&self) -> &SourceRef {
        &self.source
    }

    /// Its identity (apiVersion, kind, namespace, name).
    pub fn object_ref(&self) -> ObjectRef {
        ref_from(|p| str_at(&self.value, p))
    }

    /// The line and column of a field path of this object
    /// (`spec.containers[0].image`), or of its nearest written ancestor.
    pub fn locate(&self, path: &str) -> Option<(u32, u32)> {
        let locs = self.locations.as_ref()?;
        let full = if self.base_path.is_empty() {
            path.to_string()
        } else if path.is_empty() {
            self.base_path.clone()
        } else if path.starts_with('[') {
            format!("{}{path}", self.base_path)
        } else {
            format!("{}.{path}", self.base_path)
        };
        locs.resolve(&full)
    }
}

/// The mapping keys and short string values met while reading one text,
/// shared by all its objects: Kubernetes objects repeat the same few dozen
/// keys and many values (namespaces, labels, images, `TCP`), and each engine
/// string is a reference-counted allocation. In the benchmark corpus a
/// file's string values are a quarter distinct.
#[derive(Default)]
struct SharedStrings(HashSet<regorus::Rc<str>>);

/// String values up to this length are shared (longer ones, certificates
/// and scripts, rarely repeat).
const SHARED_VALUE_MAX: usize = 64;

impl SharedStrings {
    fn shared(&mut self, k: String) -> RValue {
        if let Some(shared) = self.0.get(k.as_str()) {
            return RValue::String(shared.clone());
        }
        let rc: regorus::Rc<str> = regorus::Rc::from(k);
        self.0.insert(rc.clone());
        RValue::String(rc)
    }

    /// The engine's value of a JSON value, with its keys shared.
    fn engine_value(&mut self, v: Value) -> RValue {
        match v {
            Value::Object(m) => RValue::from(
                m.into_iter()
                    .map(|(k, v)| (self.shared(k), self.engine_value(v)))
                    .collect::<BTreeMap<RValue, RValue>>(),
            ),
            Value::Array(a) => RValue::from(
                a.into_iter()
                    .map(|v| self.engine_value(v))
                    .collect::<Vec<RValue>>(),
            ),
            Value::String(s) if s.len() <= SHARED_VALUE_MAX => self.shared(s),
            Value::String(s) => RValue::String(regorus::Rc::from(s)),
            other => RValue::from(other),
        }
    }
}

/// The string at `path` in an engine value.
pub(crate) fn str_at<'a>(v: &'a RValue, path: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for k in path {
        cur = match cur {
            RValue::Object(m) => m.get(&RValue::from(*k))?,
            _ => return None,
        };
    }
    match cur {
        RValue::String(s) => Some(s),
        _ => None,
    }
}

/// The identity of a JSON object.
pub(crate) fn object_ref(v: &Value) -> ObjectRef {
    ref_from(|p| {
        let mut cur = v;
        for k in p {
            cur = cur.get(k)?;
        }
        cur.as_str()
    })
}

/// An object's identity from a lookup of the string at a path.
fn ref_from<'a>(s: impl Fn(&[&str]) -> Option<&'a str>) -> ObjectRef {
    let s = |p: &[&str]| s(p).map(str::to_string);
    ObjectRef {
        api_version: s(&["apiVersion"]).unwrap_or_default(),
        kind: s(&["kind"]).unwrap_or_default(),
        namespace: s(&["metadata", "namespace"]).filter(|n| !n.is_empty()),
        name: s(&["metadata", "name"])
            .or_else(|| s(&["metadata", "generateName"]))
            .unwrap_or_default(),
    }
}

/// A set of objects to evaluate, with the documents that could not be read.
///
/// ```
/// let objects = kubegov::Objects::from_text(
///     "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\nkind: [\n",
///     Some("pods.yaml"),
/// );
/// assert_eq!(objects.len(), 1);
/// assert_eq!(objects.errors()[0].document, 1);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Objects {
    pub(crate) objects: Vec<Object>,
    pub(crate) errors: Vec<ReportError>,
    pub(crate) documents: usize,
    pub(crate) limits: Limits,
}

impl Objects {
    /// An empty set.
    pub fn new() -> Self {
        Objects::default()
    }

    /// An empty set that applies these limits to what is added to it.
    pub fn with_limits(limits: Limits) -> Self {
        Objects {
            limits,
            ..Objects::default()
        }
    }

    /// Read YAML or JSON text (one or many documents, Lists, AdmissionReviews).
    pub fn from_text(text: &str, file: Option<&str>) -> Self {
        let mut o = Objects::new();
        o.add_text(text, file);
        o
    }

    /// Read a file or a directory (recursively: `.yaml`, `.yml`, `.json`).
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self, InputError> {
        let mut o = Objects::new();
        o.add_path(path)?;
        Ok(o)
    }

    /// Read one object, a list of objects, a `List` or an `AdmissionReview` given as a value.
    pub fn from_value(value: Value) -> Self {
        let mut o = Objects::new();
        o.add_value(value, None);
        o
    }

    /// Read a string that is either YAML/JSON text or the path of a file or
    /// directory, as bindings receive it. Text is recognised by a newline or
    /// a leading `{`, `[` or `apiVersion`/`kind`; anything else must be an
    /// existing path.
    pub fn from_text_or_path(s: &str) -> Result<Self, InputError> {
        let t = s.trim_start();
        let looks_like_text = s.contains('\n')
            || t.starts_with('{')
            || t.starts_with('[')
            || t.starts_with("apiVersion:")
            || t.starts_with("kind:")
            || t.starts_with("---");
        if looks_like_text || t.is_empty() {
            return Ok(Objects::from_text(s, None));
        }
        if Path::new(s).exists() {
            return Objects::from_path(s);
        }
        Err(InputError::Invalid {
            message: format!("`{s}` is neither YAML/JSON text nor an existing file or directory"),
        })
    }

    /// The objects, in input order.
    pub fn iter(&self) -> impl Iterator<Item = &Object> {
        self.objects.iter()
    }

    /// Number of objects.
    pub fn len(&self) -> usize {
        self.objects.len()
    }

    /// Whether there are no objects.
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// Documents that could not be read.
    pub fn errors(&self) -> &[ReportError] {
        &self.errors
    }

    /// Number of non-empty documents read, each item of a `List` counting as
    /// one: always `len() + errors().len()`, so nothing is lost silently.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// Add the objects of another set.
    pub fn extend(&mut self, other: Objects) {
        self.objects.extend(other.objects);
        self.errors.extend(other.errors);
        self.documents += other.documents;
    }

    /// Add YAML or JSON text.
    pub fn add_text(&mut self, text: &str, file: Option<&str>) {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut keys = SharedStrings::default();
        for doc in yaml::parse_stream(text, &self.limits) {
            self.documents += 1;
            match doc.result {
                Err(e) => self.errors.push(ReportError {
                    file: file.map(str::to_string),
                    line: e.line,
                    column: e.column,
                    document: doc.index,
                    code: "input.syntax".into(),
                    policy: None,
                    message: e.message,
                }),
                Ok((value, locs)) => {
                    let src = SourceRef {
                        file: file.map(str::to_string),
                        line: doc.pos.0,
                        column: doc.pos.1,
                        document: doc.index,
                    };
                    self.add_document(value, src, Some(Arc::new(locs)), &mut keys);
                }
            }
        }
    }

    /// Add a value (an object, an array of objects, a List, an AdmissionReview).
    pub fn add_value(&mut self, value: Value, file: Option<&str>) {
        let mut keys = SharedStrings::default();
        match value {
            Value::Array(items) => {
                for (i, item) in items.into_iter().enumerate() {
                    self.documents += 1;
                    let src = SourceRef {
                        file: file.map(str::to_string),
                        line: 0,
                        column: 0,
                        document: i,
                    };
                    self.add_document(item, src, None, &mut keys);
                }
            }
            v => {
                self.documents += 1;
                let src = SourceRef {
                    file: file.map(str::to_string),
                    ..SourceRef::default()
                };
                self.add_document(v, src, None, &mut keys);
            }
        }
    }

    /// Add a file or a directory (recursively; `.yaml`, `.yml`, `.json`;
    /// hidden entries skipped; sorted by path).
    pub fn add_path(&mut self, path: impl AsRef<Path>) -> Result<(), InputError> {
        let path = path.as_ref();
        let meta = std::fs::metadata(path).map_err(|source| InputError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        if meta.is_file() {
            self.add_file(path, &path.to_string_lossy());
            return Ok(());
        }
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        {
            let entry = entry.map_err(|e| InputError::Io {
                path: e.path().unwrap_or(path).to_path_buf(),
                source: e.into(),
            })?;
            if entry.file_type().is_file() && is_manifest_name(&entry.file_name().to_string_lossy())
            {
                files.push(entry.into_path());
            }
        }
        // Read and parse files in parallel, then keep them in path order.
        use rayon::prelude::*;
        let limits = self.limits.clone();
        let parts: Vec<Objects> = files
            .par_iter()
            .map(|f| {
                let mut o = Objects::with_limits(limits.clone());
                o.add_file(f, &f.to_string_lossy());
                o
            })
            .collect();
        for p in parts {
            self.extend(p);
        }
        Ok(())
    }

    /// Read one file; a file that cannot be read becomes an error entry.
    fn add_file(&mut self, path: &Path, shown: &str) {
        match read_text(path, self.limits.max_file_bytes) {
            Ok(text) => self.add_text(&text, Some(shown)),
            Err(message) => {
                self.documents += 1;
                self.errors.push(ReportError {
                    file: Some(shown.to_string()),
                    line: 0,
                    column: 0,
                    document: 0,
                    code: "input.unreadable".into(),
                    policy: None,
                    message,
                });
            }
        }
    }

    /// Turn one parsed document into objects: a plain object, the items of a
    /// `List`, or the object of an `AdmissionReview`.
    fn add_document(
        &mut self,
        mut value: Value,
        src: SourceRef,
        locs: Option<Arc<Locations>>,
        keys: &mut SharedStrings,
    ) {
        let err = |this: &mut Self, code: &str, message: String, src: &SourceRef| {
            this.errors.push(ReportError {
                file: src.file.clone(),
                line: src.line,
                column: src.column,
                document: src.document,
                code: code.into(),
                policy: None,
                message,
            });
        };
        if value.is_null() {
            // an empty document (only comments) is not an object and not an error
            self.documents -= 1;
            return;
        }
        if !value.is_object() {
            err(
                self,
                "input.not_an_object",
                "document is not a Kubernetes object: expected a mapping with `apiVersion` and `kind`".into(),
                &src,
            );
            return;
        }
        let kind = value
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let api_version = value
            .get("apiVersion")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        if kind == "AdmissionReview" {
            self.add_review(value, src, locs, keys);
            return;
        }
        if kind.ends_with("List") && value.get("items").is_some_and(Value::is_array) {
            let item_kind = kind.trim_end_matches("List").to_string();
            let Some(Value::Array(items)) = value.as_object_mut().and_then(|m| m.remove("items"))
            else {
                return;
            };
            // each item of a List counts as a document of its own
            self.documents = (self.documents + items.len()).saturating_sub(1);
            for (i, mut item) in items.into_iter().enumerate() {
                let base = format!("items[{i}]");
                let mut isrc = src.clone();
                if let Some((l, c)) = locs.as_ref().and_then(|l| l.resolve(&base)) {
                    isrc.line = l;
                    isrc.column = c;
                }
                if let Value::Object(m) = &mut item {
                    // typed lists (PodList) leave kind and apiVersion off their items
                    if !m.contains_key("kind") && !item_kind.is_empty() {
                        m.insert("kind".into(), Value::String(item_kind.clone()));
                    }
                    if !m.contains_key("apiVersion") && !api_version.is_empty() {
                        m.insert("apiVersion".into(), Value::String(api_version.clone()));
                    }
                }
                self.push_object(item, isrc, locs.clone(), base, plain_review(), keys);
            }
            return;
        }
        self.push_object(value, src, locs, String::new(), plain_review(), keys);
    }

    fn add_review(
        &mut self,
        value: Value,
        src: SourceRef,
        locs: Option<Arc<Locations>>,
        keys: &mut SharedStrings,
    ) {
        let Some(req) = value.get("request").filter(|r| r.is_object()) else {
            self.errors.push(ReportError {
                file: src.file.clone(),
                line: src.line,
                column: src.column,
                document: src.document,
                code: "input.invalid_review".into(),
                policy: None,
                message: "AdmissionReview has no `request`".into(),
            });
            return;
        };
        let get = |k: &str| req.get(k).filter(|v| !v.is_null()).cloned();
        let operation = get("operation")
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| "CREATE".into());
        let (object, base) = match (get("object"), get("oldObject")) {
            (Some(o), _) => (o, "request.object"),
            (None, Some(o)) => (o, "request.oldObject"),
            (None, None) => {
                self.errors.push(ReportError {
                    file: src.file.clone(),
                    line: src.line,
                    column: src.column,
                    document: src.document,
                    code: "input.invalid_review".into(),
                    policy: None,
                    message: "AdmissionReview request has neither `object` nor `oldObject`".into(),
                });
                return;
            }
        };
        let review = Arc::new(Review {
            operation,
            old_object: get("oldObject"),
            user_info: get("userInfo"),
            uid: get("uid"),
            dry_run: get("dryRun"),
        });
        let mut osrc = src.clone();
        if let Some((l, c)) = locs.as_ref().and_then(|l| l.resolve(base)) {
            osrc.line = l;
            osrc.column = c;
        }
        self.push_object(object, osrc, locs, base.to_string(), review, keys);
    }

    fn push_object(
        &mut self,
        value: Value,
        src: SourceRef,
        locs: Option<Arc<Locations>>,
        base_path: String,
        review: Arc<Review>,
        keys: &mut SharedStrings,
    ) {
        let kind_ok = value
            .get("kind")
            .and_then(Value::as_str)
            .is_some_and(|k| !k.is_empty());
        let api_ok = value
            .get("apiVersion")
            .and_then(Value::as_str)
            .is_some_and(|k| !k.is_empty());
        if !value.is_object() || !kind_ok || !api_ok {
            let missing = if !value.is_object() {
                "is not a mapping".to_string()
            } else if !api_ok {
                "has no `apiVersion`".to_string()
            } else {
                "has no `kind`".to_string()
            };
            self.errors.push(ReportError {
                file: src.file.clone(),
                line: src.line,
                column: src.column,
                document: src.document,
                code: "input.not_an_object".into(),
                policy: None,
                message: format!(
                    "object {missing}: every Kubernetes object needs `apiVersion` and `kind`"
                ),
            });
            return;
        }
        self.objects.push(Object {
            value: keys.engine_value(value),
            source: src,
            locations: locs,
            base_path,
            review,
        });
    }
}

fn is_manifest_name(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json")
}

fn read_text(path: &Path, max: u64) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read file: {e}"))?;
    if meta.len() > max {
        return Err(format!(
            "file is {} bytes, over the limit of {max} bytes",
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read file: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!("file is not UTF-8 text (invalid byte at offset {at})")
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    fn metadata_key(o: &Object) -> regorus::Rc<str> {
        let RValue::Object(m) = &o.value else {
            panic!("not an object")
        };
        m.iter()
            .find_map(|(k, _)| match k {
                RValue::String(s) if s.as_ref() == "metadata" => Some(s.clone()),
                _ => None,
            })
            .unwrap()
    }

    #[test]
    fn objects_of_one_text_share_their_keys() {
        let objects = Objects::from_text(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n",
            None,
        );
        let (a, b) = (&objects.objects[0], &objects.objects[1]);
        assert!(regorus::Rc::ptr_eq(&metadata_key(a), &metadata_key(b)));
        assert_eq!(a.object_ref().name, "a");
        assert_eq!(b.object_ref().name, "b");
    }

    /// The engine string at `key` of an object's top level.
    fn top_string(o: &Object, key: &str) -> regorus::Rc<str> {
        match &o.value[&RValue::from(key)] {
            RValue::String(s) => s.clone(),
            other => panic!("{key}: {other:?}"),
        }
    }

    #[test]
    fn objects_of_one_text_share_their_short_values() {
        let long = "x".repeat(SHARED_VALUE_MAX + 1);
        let text = format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: a}}\nnote: {long}\n---\napiVersion: v1\nkind: Pod\nmetadata: {{name: b}}\nnote: {long}\n"
        );
        let objects = Objects::from_text(&text, None);
        let (a, b) = (&objects.objects[0], &objects.objects[1]);
        assert!(regorus::Rc::ptr_eq(
            &top_string(a, "kind"),
            &top_string(b, "kind")
        ));
        // long values are not looked up
        assert!(!regorus::Rc::ptr_eq(
            &top_string(a, "note"),
            &top_string(b, "note")
        ));
        assert_eq!(top_string(a, "note").as_ref(), long);
        // and equal values stay equal values
        assert_eq!(a.value()["kind"], "Pod");
    }
}
