//! YAML 1.2 (and therefore JSON) reading with source locations.
//!
//! A stream is split into documents before parsing, so a syntax error in one
//! document never hides the others. Each document becomes a `serde_json::Value`
//! plus a [`Locations`] index from field paths (`spec.containers[0].image`) to
//! the line and column where that field is written.

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag};
use serde_json::{Map, Number, Value};

use crate::limits::Limits;

/// Line (1-based) and column (1-based) of a place in a source text.
pub(crate) type Pos = (u32, u32);

pub(crate) use crate::locations::Locations;

/// Strip the last segment of a path: `a.b[0]` → `a.b`, `a.b` → `a`, `a` → ``.
pub(crate) fn parent_path(p: &str) -> &str {
    let bytes = p.as_bytes();
    let mut depth = 0i32;
    let mut i = bytes.len();
    while i > 0 {
        i -= 1;
        match bytes.get(i) {
            Some(b']') => depth += 1,
            Some(b'[') => {
                depth -= 1;
                if depth == 0 {
                    return p.get(..i).unwrap_or("");
                }
            }
            Some(b'.') if depth == 0 => return p.get(..i).unwrap_or(""),
            _ => {}
        }
    }
    ""
}

/// Append a mapping key to a path, quoting keys that are not plain identifiers.
pub(crate) fn push_key(path: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'$');
    let mut out = String::with_capacity(path.len() + key.len() + 5);
    out.push_str(path);
    if plain {
        if !path.is_empty() {
            out.push('.');
        }
        out.push_str(key);
    } else {
        out.push('[');
        out.push_str(&serde_json::to_string(key).unwrap_or_default());
        out.push(']');
    }
    out
}

/// Append a sequence index to a path.
pub(crate) fn push_index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// One document of a stream.
#[derive(Debug)]
pub(crate) struct Document {
    /// Index of the document in its stream (0-based).
    pub index: usize,
    /// Where the document's content starts.
    pub pos: Pos,
    /// The parsed content; `Value::Null` for an empty document.
    pub result: Result<(Value, Locations), SyntaxError>,
}

/// A syntax error at a place.
#[derive(Debug, Clone)]
pub(crate) struct SyntaxError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// Split `text` into YAML documents and parse each on its own.
pub(crate) fn parse_stream(text: &str, limits: &Limits) -> Vec<Document> {
    let mut docs = Vec::new();
    for (index, (start_line, chunk)) in split_documents(text).into_iter().enumerate() {
        let result = parse_document(chunk, start_line, limits);
        let pos = match &result {
            Ok(Some((_, locs, pos))) => {
                let _ = locs;
                *pos
            }
            _ => (start_line + 1, 1),
        };
        match result {
            Ok(None) => {}
            Ok(Some((value, locs, _))) => docs.push(Document {
                index,
                pos,
                result: Ok((value, locs)),
            }),
            Err(e) => docs.push(Document {
                index,
                pos,
                result: Err(e),
            }),
        }
    }
    docs
}

/// Split a stream at `---` lines (as kubectl does), keeping the 0-based line of
/// each chunk's first line. Chunks that hold only comments and blanks are kept
/// too: they parse to nothing and are dropped then.
fn split_documents(text: &str) -> Vec<(u32, &str)> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut start_line = 0u32;
    let mut offset = 0usize;
    for (line_no, line) in (0u32..).zip(text.split_inclusive('\n')) {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        let is_sep = trimmed == "---"
            || trimmed.starts_with("--- ")
            || trimmed.starts_with("---\t")
            || trimmed == "..."
            || trimmed.starts_with("... ");
        if is_sep {
            if let Some(chunk) = text.get(start..offset) {
                out.push((start_line, chunk));
            }
            // `--- value` keeps the content after the marker in the next document
            if trimmed.starts_with("---") && trimmed.len() > 3 {
                start = offset;
                start_line = line_no;
            } else {
                start = offset + line.len();
                start_line = line_no + 1;
            }
        }
        offset += line.len();
    }
    if let Some(chunk) = text.get(start..) {
        out.push((start_line, chunk));
    }
    out
}

type Parsed = Option<(Value, Locations, Pos)>;

fn parse_document(chunk: &str, line_offset: u32, limits: &Limits) -> Result<Parsed, SyntaxError> {
    if chunk.len() > limits.max_document_bytes {
        return Err(SyntaxError {
            line: line_offset + 1,
            column: 1,
            message: format!(
                "document is {} bytes, over the limit of {} bytes",
                chunk.len(),
                limits.max_document_bytes
            ),
        });
    }
    // The parser is third-party code: a panic in it becomes a syntax error
    // of this document rather than a crash.
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let mut b = Builder::new(line_offset, limits);
        b.run(chunk).map(|()| b.finish())
    }));
    match outcome {
        Ok(r) => r,
        Err(_) => Err(SyntaxError {
            line: line_offset + 1,
            column: 1,
            message: "the YAML parser failed on this document".into(),
        }),
    }
}

enum Frame {
    Map {
        map: Map<String, Value>,
        path: String,
        key: Option<String>,
        explicit: HashSet<String>,
        anchor: usize,
    },
    Seq {
        items: Vec<Value>,
        path: String,
        anchor: usize,
    },
}

struct Builder<'l> {
    stack: Vec<Frame>,
    root: Option<Value>,
    root_pos: Pos,
    /// (path, position) of every key and sequence item, in document order.
    locs: Vec<(String, Pos)>,
    anchors: HashMap<usize, Value>,
    line_offset: u32,
    nodes: usize,
    limits: &'l Limits,
}

fn err_at(span: &Span, line_offset: u32, message: impl Into<String>) -> SyntaxError {
    SyntaxError {
        line: span.start.line() as u32 + line_offset,
        column: span.start.col() as u32 + 1,
        message: message.into(),
    }
}

impl<'l> Builder<'l> {
    fn new(line_offset: u32, limits: &'l Limits) -> Self {
        Builder {
            stack: Vec::new(),
            root: None,
            root_pos: (line_offset + 1, 1),
            locs: Vec::new(),
            anchors: HashMap::new(),
            line_offset,
            nodes: 0,
            limits,
        }
    }

    fn finish(self) -> Parsed {
        let locs = Locations::from_entries(self.locs);
        self.root.map(|v| (v, locs, self.root_pos))
    }

    fn pos(&self, span: &Span) -> Pos {
        (
            span.start.line() as u32 + self.line_offset,
            span.start.col() as u32 + 1,
        )
    }

    fn run(&mut self, chunk: &str) -> Result<(), SyntaxError> {
        let mut parser = Parser::new_from_str(chunk);
        let mut docs = 0;
        while let Some(next) = parser.next_event() {
            let (ev, span) = next.map_err(|e| self.scan_error(&e))?;
            match ev {
                Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
                Event::DocumentStart(_) => {
                    docs += 1;
                    if docs > 1 {
                        return Err(err_at(
                            &span,
                            self.line_offset,
                            "a second document starts here without a `---` line of its own",
                        ));
                    }
                }
                Event::Alias(id) => {
                    let v = self.anchors.get(&id).cloned().ok_or_else(|| {
                        err_at(&span, self.line_offset, "alias to an unknown anchor")
                    })?;
                    self.count(&span, count_nodes(&v))?;
                    self.add_node(v, &span)?;
                }
                Event::Scalar(text, style, anchor, tag) => {
                    self.count(&span, 1)?;
                    if text.len() > self.limits.max_scalar_bytes {
                        return Err(err_at(
                            &span,
                            self.line_offset,
                            format!(
                                "scalar of {} bytes is over the limit of {} bytes",
                                text.len(),
                                self.limits.max_scalar_bytes
                            ),
                        ));
                    }
                    // A scalar in key position is a key, whatever it looks like.
                    if let Some(Frame::Map { key: None, .. }) = self.stack.last() {
                        let key = text.into_owned();
                        let pos = self.pos(&span);
                        let loc_path = match self.stack.last() {
                            Some(Frame::Map { path, .. }) => push_key(path, &key),
                            _ => String::new(),
                        };
                        if let Some(Frame::Map {
                            map,
                            key: k,
                            explicit,
                            ..
                        }) = self.stack.last_mut()
                        {
                            if key != "<<" {
                                if explicit.contains(&key) {
                                    return Err(err_at(
                                        &span,
                                        self.line_offset,
                                        format!("duplicate key `{key}`"),
                                    ));
                                }
                                explicit.insert(key.clone());
                                // an explicit key overrides a merged one
                                map.remove(&key);
                            }
                            *k = Some(key);
                        }
                        self.locs.push((loc_path, pos));
                        continue;
                    }
                    let v = resolve_scalar(&text, style, tag.as_deref());
                    if anchor > 0 {
                        self.anchors.insert(anchor, v.clone());
                    }
                    self.add_node(v, &span)?;
                }
                Event::SequenceStart(anchor, _) => {
                    self.count(&span, 1)?;
                    let path = self.child_path(&span)?;
                    self.stack.push(Frame::Seq {
                        items: Vec::new(),
                        path,
                        anchor,
                    });
                }
                Event::MappingStart(anchor, _) => {
                    self.count(&span, 1)?;
                    let path = self.child_path(&span)?;
                    self.stack.push(Frame::Map {
                        map: Map::new(),
                        path,
                        key: None,
                        explicit: HashSet::new(),
                        anchor,
                    });
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let (v, anchor) = match self.stack.pop() {
                        // Collections grow by doubling while they are read: give
                        // back the slack, as every object is kept until the report.
                        Some(Frame::Seq {
                            mut items, anchor, ..
                        }) => {
                            items.shrink_to_fit();
                            (Value::Array(items), anchor)
                        }
                        Some(Frame::Map { map, anchor, .. }) => {
                            (Value::Object(map.into_iter().collect()), anchor)
                        }
                        None => return Err(err_at(&span, self.line_offset, "unbalanced YAML")),
                    };
                    if anchor > 0 {
                        self.anchors.insert(anchor, v.clone());
                    }
                    self.attach(v, &span)?;
                }
            }
        }
        Ok(())
    }

    fn scan_error(&self, e: &ScanError) -> SyntaxError {
        SyntaxError {
            line: e.marker().line() as u32 + self.line_offset,
            column: e.marker().col() as u32 + 1,
            message: e.info().to_string(),
        }
    }

    fn count(&mut self, span: &Span, n: usize) -> Result<(), SyntaxError> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > self.limits.max_nodes {
            return Err(err_at(
                span,
                self.line_offset,
                format!(
                    "document expands to more than {} nodes (alias bomb?)",
                    self.limits.max_nodes
                ),
            ));
        }
        Ok(())
    }

    /// Path of a collection about to start, recording its position; checks depth.
    fn child_path(&mut self, span: &Span) -> Result<String, SyntaxError> {
        if self.stack.len() >= self.limits.max_depth {
            return Err(err_at(
                span,
                self.line_offset,
                format!("nesting deeper than {} levels", self.limits.max_depth),
            ));
        }
        let pos = self.pos(span);
        match self.stack.last() {
            None => {
                self.root_pos = pos;
                Ok(String::new())
            }
            Some(Frame::Map { key: None, .. }) => Err(err_at(
                span,
                self.line_offset,
                "mapping keys must be scalars; complex keys are not supported",
            )),
            Some(Frame::Map {
                path, key: Some(k), ..
            }) => Ok(push_key(path, k)),
            Some(Frame::Seq { items, path, .. }) => {
                let p = push_index(path, items.len());
                self.locs.push((p.clone(), pos));
                Ok(p)
            }
        }
    }

    /// A scalar or alias value: record its position when it is a sequence item.
    fn add_node(&mut self, v: Value, span: &Span) -> Result<(), SyntaxError> {
        let pos = self.pos(span);
        match self.stack.last() {
            None => self.root_pos = pos,
            Some(Frame::Seq { items, path, .. }) => {
                let p = push_index(path, items.len());
                self.locs.push((p, pos));
            }
            Some(Frame::Map { key: None, .. }) => {
                return Err(err_at(
                    span,
                    self.line_offset,
                    "mapping keys must be scalars; complex keys are not supported",
                ))
            }
            Some(Frame::Map { .. }) => {}
        }
        self.attach(v, span)
    }

    fn attach(&mut self, v: Value, span: &Span) -> Result<(), SyntaxError> {
        match self.stack.last_mut() {
            None => {
                self.root = Some(v);
                Ok(())
            }
            Some(Frame::Seq { items, .. }) => {
                items.push(v);
                Ok(())
            }
            Some(Frame::Map { map, key, .. }) => match key.take() {
                Some(k) if k == "<<" => {
                    merge_into(map, v).map_err(|m| err_at(span, self.line_offset, m))
                }
                Some(k) => {
                    map.insert(k, v);
                    Ok(())
                }
                None => Err(err_at(
                    span,
                    self.line_offset,
                    "mapping keys must be scalars; complex keys are not supported",
                )),
            },
        }
    }
}

/// YAML merge key: copy entries that are not set yet.
fn merge_into(map: &mut Map<String, Value>, v: Value) -> Result<(), String> {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                map.entry(k).or_insert(v);
            }
            Ok(())
        }
        Value::Array(items) => {
            for item in items {
                if !item.is_object() {
                    return Err("a merge key `<<` takes a mapping or a list of mappings".into());
                }
                merge_into(map, item)?;
            }
            Ok(())
        }
        _ => Err("a merge key `<<` takes a mapping or a list of mappings".into()),
    }
}

fn count_nodes(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(count_nodes).sum::<usize>(),
        Value::Object(m) => 1 + m.values().map(count_nodes).sum::<usize>(),
        _ => 1,
    }
}

/// Resolve a scalar by the YAML 1.2 core schema (quoted scalars are strings).
fn resolve_scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    if let Some(tag) = tag {
        if tag.is_yaml_core_schema() || tag.handle == "!!" {
            match tag.suffix.as_str() {
                "str" | "binary" | "timestamp" => return Value::String(text.to_string()),
                "null" => return Value::Null,
                "bool" => {
                    if let Some(b) = parse_bool(text) {
                        return Value::Bool(b);
                    }
                }
                "int" | "float" => {
                    if let Some(n) = parse_number(text) {
                        return n;
                    }
                }
                _ => {}
            }
        }
        if style != ScalarStyle::Plain {
            return Value::String(text.to_string());
        }
    }
    if style != ScalarStyle::Plain {
        return Value::String(text.to_string());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        _ => {}
    }
    if let Some(b) = parse_bool(text) {
        return Value::Bool(b);
    }
    if let Some(n) = parse_number(text) {
        return n;
    }
    Value::String(text.to_string())
}

fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

fn parse_number(text: &str) -> Option<Value> {
    let first = text.bytes().next()?;
    if !(first.is_ascii_digit() || first == b'-' || first == b'+' || first == b'.') {
        return None;
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok().map(Value::from);
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return i64::from_str_radix(oct, 8).ok().map(Value::from);
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(i) = text.parse::<i64>() {
            return Some(Value::from(i));
        }
        if let Ok(u) = text.parse::<u64>() {
            return Some(Value::from(u));
        }
    }
    if is_float(digits) {
        let f: f64 = text.parse().ok()?;
        return Number::from_f64(f).map(Value::Number);
    }
    None
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` — infinities and NaN stay strings,
/// as JSON cannot carry them.
fn is_float(s: &str) -> bool {
    let (mantissa, exp) = match s.find(['e', 'E']) {
        Some(i) => (s.get(..i).unwrap_or(""), s.get(i + 1..)),
        None => (s, None),
    };
    if let Some(exp) = exp {
        let e = exp.strip_prefix(['-', '+']).unwrap_or(exp);
        if e.is_empty() || !e.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    let mut parts = mantissa.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    let int_ok = int.bytes().all(|b| b.is_ascii_digit());
    match frac {
        None => !int.is_empty() && int_ok,
        Some(f) => {
            int_ok && f.bytes().all(|b| b.is_ascii_digit()) && !(int.is_empty() && f.is_empty())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (Value, Locations) {
        let docs = parse_stream(text, &Limits::default());
        assert_eq!(docs.len(), 1, "{docs:?}");
        docs.into_iter().next().unwrap().result.unwrap()
    }

    #[test]
    fn scalars_follow_yaml_1_2_core_schema() {
        let (v, _) =
            one("a: yes\nb: true\nc: 010\nd: 0x1F\ne: 1.5\nf: ~\ng: '1'\nh: .inf\ni: 1e3\nj: -7\n");
        assert_eq!(
            v,
            serde_json::json!({"a":"yes","b":true,"c":10,"d":31,"e":1.5,"f":null,"g":"1","h":".inf","i":1000.0,"j":-7})
        );
    }

    #[test]
    fn nested_paths_resolve_to_lines() {
        let text = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x\n  - name: b\n    securityContext:\n      privileged: true\n";
        let (_, locs) = one(text);
        assert_eq!(
            locs.resolve("spec.containers[1].securityContext.privileged"),
            Some((9, 7))
        );
        assert_eq!(locs.resolve("spec.containers[1]"), Some((7, 5)));
        // a field that is not written resolves to its nearest written ancestor
        assert_eq!(
            locs.resolve("spec.containers[0].securityContext.runAsNonRoot"),
            Some((5, 5))
        );
    }

    #[test]
    fn documents_are_isolated() {
        let text = "a: 1\n---\nb: [1, 2\n---\n# only a comment\n---\nc: 3\n";
        let docs = parse_stream(text, &Limits::default());
        assert_eq!(docs.len(), 3);
        assert!(docs[0].result.is_ok());
        let e = docs[1].result.as_ref().unwrap_err();
        assert!(e.line >= 3, "{e:?}");
        assert_eq!(docs[2].index, 3);
        assert_eq!(docs[2].pos, (7, 1));
    }

    #[test]
    fn quoted_keys_get_bracket_paths() {
        assert_eq!(
            push_key("metadata.annotations", "kubegov.io/exempt"),
            "metadata.annotations[\"kubegov.io/exempt\"]"
        );
        assert_eq!(
            parent_path("metadata.annotations[\"a.b\"]"),
            "metadata.annotations"
        );
        assert_eq!(parent_path("a[0]"), "a");
    }

    #[test]
    fn anchors_merge_and_limits() {
        let (v, _) = one("base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n");
        assert_eq!(v["d"], serde_json::json!({"x":1,"y":3}));
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
        let docs = parse_stream(bomb, &Limits::default());
        assert!(docs[0]
            .result
            .as_ref()
            .unwrap_err()
            .message
            .contains("alias bomb"));
        let deep = "[".repeat(100_000);
        let docs = parse_stream(&deep, &Limits::default());
        assert!(docs[0].result.is_err());
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let docs = parse_stream("a: 1\nb: 2\na: 3\n", &Limits::default());
        let e = docs[0].result.as_ref().unwrap_err();
        assert_eq!((e.line, e.column), (3, 1));
        assert!(e.message.contains("duplicate key `a`"));
    }
}
