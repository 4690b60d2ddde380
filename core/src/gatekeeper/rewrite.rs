//! Source rewrites that make regorus give OPA's answers on Rego v0 written
//! for Gatekeeper.
//!
//! Each rewrite works on tokens (strings, raw strings and comments are never
//! touched), only inserts or replaces text on one line (line numbers in error
//! messages stay right; [`Rewritten::original_column`] maps their columns
//! back), and is a no-op on Rego that does not need it:
//!
//! - **several bodies in a row** (`r { a } { b }`): OPA reads them as
//!   `r { a }` and `r { b }`; the head is repeated before each further body;
//! - **a line starting with `(`**: OPA ends an expression at the end of a
//!   line, regorus reads `x\n(y)` as the call `x(y)`; a `;` is put after the
//!   previous line's last token when that line ends an expression inside a
//!   body;
//! - **`sprintf` with fewer arguments than verbs**: Go prints `%!v(MISSING)`
//!   for each missing argument, regorus fails; the format is passed through
//!   [`SPRINTF_FORMAT`], an extension that turns each verb without an
//!   argument into that literal text;
//! - **`not f(x, ref)` with an undefined `ref`**: OPA evaluates the argument
//!   before the negation (an undefined argument fails the body), regorus
//!   makes the call undefined and the `not` succeed; a reference argument
//!   (`input...`, `data...`) is bound first with `:=`.

/// The extension that rewrites a `sprintf` format for its arguments.
pub(crate) const SPRINTF_FORMAT: &str = "kubegov_sprintf_format";

/// The variable prefix used for hoisted `not` arguments.
const HOIST_PREFIX: &str = "__kubegov_arg";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Ident,
    Str,
    Num,
    Open(u8),
    Close(u8),
    Newline,
    Punct,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Tok,
    start: usize,
    end: usize,
}

fn tokenize(src: &str) -> Vec<Token> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0usize;
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    while i < b.len() {
        let c = at(i);
        let start = i;
        let kind = match c {
            b'\n' => {
                i += 1;
                Tok::Newline
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'#' => {
                while i < b.len() && at(i) != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' => {
                i += 1;
                while i < b.len() && at(i) != b'"' && at(i) != b'\n' {
                    if at(i) == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
                Tok::Str
            }
            b'`' => {
                i += 1;
                while i < b.len() && at(i) != b'`' {
                    i += 1;
                }
                i += 1;
                Tok::Str
            }
            b'(' | b'[' | b'{' => {
                i += 1;
                Tok::Open(c)
            }
            b')' | b']' | b'}' => {
                i += 1;
                Tok::Close(c)
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while at(i).is_ascii_alphanumeric() || at(i) == b'_' {
                    i += 1;
                }
                Tok::Ident
            }
            c if c.is_ascii_digit() => {
                while at(i).is_ascii_alphanumeric() || at(i) == b'.' {
                    i += 1;
                }
                Tok::Num
            }
            _ => {
                // one character at a time, except a UTF-8 sequence as a whole
                i += 1;
                while i < b.len() && (at(i) & 0xC0) == 0x80 {
                    i += 1;
                }
                Tok::Punct
            }
        };
        out.push(Token {
            kind,
            start,
            end: i.min(b.len()),
        });
    }
    out
}

/// One edit: replace `start..end` by `text`.
#[derive(Debug, Clone)]
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

/// Text inserted by the rewrite on one line, to map a column of the
/// rewritten line back to the original one (columns count characters, from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shift {
    line: u32,
    /// Column of the edit in the original line and in the rewritten one.
    orig_at: u32,
    at: u32,
    /// Characters replaced and inserted.
    removed: u32,
    len: u32,
}

/// A rewritten source: the same lines as the original, with text inserted
/// or replaced within lines; `original_column` maps positions back.
#[derive(Debug, Clone)]
pub(crate) struct Rewritten {
    pub(crate) text: String,
    shifts: Vec<Shift>,
}

impl Rewritten {
    /// A source kept as it is.
    pub(crate) fn unchanged(src: &str) -> Rewritten {
        Rewritten {
            text: src.to_string(),
            shifts: Vec::new(),
        }
    }

    /// The column in the original source of column `col` of line `line` of
    /// the rewritten one (lines are the same): a column inside inserted text
    /// is the original text's column the edit was made at.
    pub(crate) fn original_column(&self, line: u32, col: u32) -> u32 {
        let mut delta = 0i64;
        for s in self.shifts.iter().filter(|s| s.line == line) {
            if col < s.at {
                break;
            }
            if col < s.at.saturating_add(s.len) {
                return s.orig_at;
            }
            delta =
                i64::from(s.at) + i64::from(s.len) - i64::from(s.orig_at) - i64::from(s.removed);
        }
        u32::try_from((i64::from(col) - delta).max(1)).unwrap_or(col)
    }
}

fn chars(s: &str) -> u32 {
    u32::try_from(s.chars().count()).unwrap_or(u32::MAX)
}

fn apply(src: &str, mut edits: Vec<Edit>) -> Rewritten {
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(src.len() + edits.len() * 16);
    let mut shifts = Vec::new();
    let mut pos = 0usize;
    // the line being written, and how many characters longer it is so far
    let (mut line, mut line_start, mut grown) = (1u32, 0usize, 0i64);
    for e in edits {
        if e.start < pos {
            continue; // overlapping edit: keep the first
        }
        let replaced = src.get(e.start..e.end).unwrap_or("");
        // lines are kept: an edit that would add or remove one is not made
        if e.text.contains('\n') || replaced.contains('\n') {
            continue;
        }
        let before = src.get(pos..e.start).unwrap_or("");
        out.push_str(before);
        let newlines = before.matches('\n').count();
        if newlines > 0 {
            line = line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
            line_start = src
                .get(..e.start)
                .and_then(|s| s.rfind('\n'))
                .map_or(0, |p| p + 1);
            grown = 0;
        }
        let orig_at = chars(src.get(line_start..e.start).unwrap_or("")).saturating_add(1);
        let at = u32::try_from((i64::from(orig_at) + grown).max(1)).unwrap_or(orig_at);
        let (removed, len) = (chars(replaced), chars(&e.text));
        shifts.push(Shift {
            line,
            orig_at,
            at,
            removed,
            len,
        });
        grown += i64::from(len) - i64::from(removed);
        out.push_str(&e.text);
        pos = e.end;
    }
    out.push_str(src.get(pos..).unwrap_or(""));
    Rewritten { text: out, shifts }
}

fn text<'a>(src: &'a str, t: &Token) -> &'a str {
    src.get(t.start..t.end).unwrap_or("")
}

/// Rewrite a Rego v0 module so that regorus gives OPA's answers.
pub(crate) fn rewrite(src: &str) -> String {
    rewrite_mapped(src).text
}

/// As [`rewrite`], with the map of the rewritten columns to the original
/// ones (the lines are the same).
pub(crate) fn rewrite_mapped(src: &str) -> Rewritten {
    let toks = tokenize(src);
    let mut edits = Vec::new();
    multi_bodies(src, &toks, &mut edits);
    paren_lines(src, &toks, &mut edits);
    sprintf_calls(src, &toks, &mut edits);
    negated_calls(src, &toks, &mut edits);
    if edits.is_empty() {
        return Rewritten::unchanged(src);
    }
    apply(src, edits)
}

/// Index of the next token that is not a newline, from `i` on.
fn next_sig(toks: &[Token], mut i: usize) -> Option<usize> {
    while let Some(t) = toks.get(i) {
        if t.kind != Tok::Newline {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Index of the token closing the one opened at `i`.
fn closing(toks: &[Token], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (j, t) in toks.iter().enumerate().skip(i) {
        match t.kind {
            Tok::Open(_) => depth += 1,
            Tok::Close(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
    }
    None
}

fn line_start(src: &str, pos: usize) -> usize {
    src.get(..pos)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |p| p + 1)
}

/// `r { a } { b }` → `r { a } r { b }`.
///
/// A brace after `=`, `:=` or `contains` opens the rule's value (an object or
/// set literal, `f(x) = {"a": x} { body }`), not a body.
fn multi_bodies(src: &str, toks: &[Token], edits: &mut Vec<Edit>) {
    let mut depth = 0usize;
    let mut head: Option<String> = None;
    // the top-level brace open is a value, not a body
    let mut in_value = false;
    let mut i = 0usize;
    while let Some(t) = toks.get(i) {
        match t.kind {
            Tok::Open(c) => {
                if depth == 0 && c == b'{' {
                    let prev = toks
                        .get(..i)
                        .and_then(|s| s.iter().rev().find(|p| p.kind != Tok::Newline));
                    in_value = prev.is_some_and(|p| matches!(text(src, p), "=" | "contains"));
                    // the head: this line up to the brace, unless the brace
                    // opens a value (the body's brace sets it) or the line
                    // continues a previous rule (`} else ... {`)
                    let ls = line_start(src, t.start);
                    let h = src.get(ls..t.start).unwrap_or("").trim();
                    if in_value {
                        head = None;
                    } else if !h.is_empty() && !h.starts_with('}') && !h.starts_with("else") {
                        head = Some(h.to_string());
                    }
                }
                depth += 1;
            }
            Tok::Close(c) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && in_value {
                    in_value = false;
                } else if depth == 0 && c == b'}' {
                    if let (Some(n), Some(h)) = (next_sig(toks, i + 1), head.as_ref()) {
                        if let Some(nt) = toks.get(n) {
                            if nt.kind == Tok::Open(b'{') {
                                edits.push(Edit {
                                    start: nt.start,
                                    end: nt.start,
                                    text: format!("{h} "),
                                });
                            }
                        }
                    }
                }
            }
            Tok::Newline if depth == 0 => {}
            _ => {}
        }
        i += 1;
    }
}

/// Whether a token can end an expression.
fn ends_expression(src: &str, t: &Token) -> bool {
    match t.kind {
        Tok::Ident => !matches!(
            text(src, t),
            "not" | "some" | "in" | "with" | "as" | "else" | "if" | "contains" | "every"
        ),
        Tok::Str | Tok::Num | Tok::Close(_) => true,
        _ => false,
    }
}

/// A line starting with `(` inside a body: end the previous line's expression.
fn paren_lines(src: &str, toks: &[Token], edits: &mut Vec<Edit>) {
    let mut stack: Vec<u8> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            Tok::Open(c) => {
                if c == b'(' && stack.last() == Some(&b'{') && i > 0 {
                    let prev_nl = toks.get(i - 1).is_some_and(|p| p.kind == Tok::Newline);
                    if prev_nl {
                        // the last token before the newline(s)
                        let prev = toks
                            .get(..i)
                            .and_then(|s| s.iter().rev().find(|p| p.kind != Tok::Newline));
                        if let Some(p) = prev {
                            if ends_expression(src, p) && p.kind != Tok::Open(b'{') {
                                edits.push(Edit {
                                    start: p.end,
                                    end: p.end,
                                    text: ";".into(),
                                });
                            }
                        }
                    }
                }
                stack.push(c);
            }
            Tok::Close(_) => {
                stack.pop();
            }
            _ => {}
        }
    }
}

/// Split the tokens between `open` and `close` (exclusive) at top-level commas.
fn split_args(src: &str, toks: &[Token], open: usize, close: usize) -> Vec<(usize, usize)> {
    let mut args = Vec::new();
    let mut depth = 0usize;
    let mut first = open + 1;
    for j in open + 1..close {
        let Some(t) = toks.get(j) else { break };
        match t.kind {
            Tok::Open(_) => depth += 1,
            Tok::Close(_) => depth = depth.saturating_sub(1),
            Tok::Punct if depth == 0 && text(src, t) == "," => {
                args.push((first, j));
                first = j + 1;
            }
            _ => {}
        }
    }
    if first < close {
        args.push((first, close));
    }
    // drop leading/trailing newlines of each argument
    args.into_iter()
        .filter_map(|(a, b)| {
            let mut a = a;
            let mut b = b;
            while a < b && toks.get(a).is_some_and(|t| t.kind == Tok::Newline) {
                a += 1;
            }
            while b > a && toks.get(b - 1).is_some_and(|t| t.kind == Tok::Newline) {
                b -= 1;
            }
            (a < b).then_some((a, b))
        })
        .collect()
}

fn span_text<'a>(
    src: &'a str,
    toks: &[Token],
    a: usize,
    b: usize,
) -> Option<(usize, usize, &'a str)> {
    let s = toks.get(a)?.start;
    let e = toks.get(b.checked_sub(1)?)?.end;
    Some((s, e, src.get(s..e)?))
}

/// `sprintf(F, A)` → `sprintf(kubegov_sprintf_format(F, A), A)`.
fn sprintf_calls(src: &str, toks: &[Token], edits: &mut Vec<Edit>) {
    for (i, t) in toks.iter().enumerate() {
        if t.kind != Tok::Ident || text(src, t) != "sprintf" {
            continue;
        }
        // not a field (`x.sprintf`) and followed directly by `(`
        if i > 0 && toks.get(i - 1).is_some_and(|p| text(src, p) == ".") {
            continue;
        }
        let Some(open) = toks.get(i + 1) else {
            continue;
        };
        if open.kind != Tok::Open(b'(') || open.start != t.end {
            continue;
        }
        let Some(close) = closing(toks, i + 1) else {
            continue;
        };
        let args = split_args(src, toks, i + 1, close);
        let (Some(&(fa, fb)), Some(&(aa, ab)), 2) = (args.first(), args.get(1), args.len()) else {
            continue;
        };
        let (Some((fs, fe, _)), Some((_, _, atext))) =
            (span_text(src, toks, fa, fb), span_text(src, toks, aa, ab))
        else {
            continue;
        };
        // keep edits on one line: a multi-line argument list is left alone
        if atext.contains('\n') || src.get(fs..fe).is_some_and(|f| f.contains('\n')) {
            continue;
        }
        edits.push(Edit {
            start: fs,
            end: fs,
            text: format!("{SPRINTF_FORMAT}("),
        });
        edits.push(Edit {
            start: fe,
            end: fe,
            text: format!(", {atext})"),
        });
    }
}

/// Whether tokens `a..b` are one plain reference rooted at `input` or
/// `data` with constant parts only (`input.review.object.spec`, `data.x["k"]`).
fn is_plain_ref(src: &str, toks: &[Token], a: usize, b: usize) -> bool {
    let Some(first) = toks.get(a) else {
        return false;
    };
    if first.kind != Tok::Ident || !matches!(text(src, first), "input" | "data") || b - a < 3 {
        return false;
    }
    let mut j = a + 1;
    while j < b {
        let Some(t) = toks.get(j) else { return false };
        match (t.kind, text(src, t)) {
            (Tok::Punct, ".") => {
                if toks.get(j + 1).map(|n| n.kind) != Some(Tok::Ident) {
                    return false;
                }
                j += 2;
            }
            (Tok::Open(b'['), _) => {
                let ok = toks
                    .get(j + 1)
                    .is_some_and(|n| matches!(n.kind, Tok::Str | Tok::Num))
                    && toks.get(j + 2).map(|n| n.kind) == Some(Tok::Close(b']'));
                if !ok {
                    return false;
                }
                j += 3;
            }
            _ => return false,
        }
    }
    true
}

/// `not f(x, input.a.b)` → `__kubegov_arg0 := input.a.b; not f(x, __kubegov_arg0)`.
fn negated_calls(src: &str, toks: &[Token], edits: &mut Vec<Edit>) {
    let mut counter = 0usize;
    let mut stack: Vec<u8> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            Tok::Open(c) => stack.push(c),
            Tok::Close(_) => {
                stack.pop();
            }
            _ => {}
        }
        // `not` as the first token of a line inside a body
        if t.kind != Tok::Ident || text(src, t) != "not" || stack.last() != Some(&b'{') {
            continue;
        }
        if i > 0 && !toks.get(i - 1).is_some_and(|p| p.kind == Tok::Newline) {
            continue;
        }
        // a call: name(.name)* followed by `(`
        let mut j = i + 1;
        while let Some(n) = toks.get(j) {
            if n.kind == Tok::Ident || (n.kind == Tok::Punct && text(src, n) == ".") {
                j += 1;
            } else {
                break;
            }
        }
        if j == i + 1 || toks.get(j).map(|n| n.kind) != Some(Tok::Open(b'(')) {
            continue;
        }
        let Some(close) = closing(toks, j) else {
            continue;
        };
        // the call must be the whole expression
        if !toks.get(close + 1).is_none_or(|n| n.kind == Tok::Newline) {
            continue;
        }
        let mut prefix = String::new();
        for (a, b) in split_args(src, toks, j, close) {
            if !is_plain_ref(src, toks, a, b) {
                continue;
            }
            let Some((s, e, arg)) = span_text(src, toks, a, b) else {
                continue;
            };
            let var = format!("{HOIST_PREFIX}{counter}");
            counter += 1;
            prefix.push_str(&format!("{var} := {arg}; "));
            edits.push(Edit {
                start: s,
                end: e,
                text: var,
            });
        }
        if !prefix.is_empty() {
            edits.push(Edit {
                start: t.start,
                end: t.start,
                text: prefix,
            });
        }
    }
}

/// Go's `fmt` answer for verbs without an argument: each such verb of
/// `format` becomes the literal `%!v(MISSING)` (escaped for `sprintf`).
pub(crate) fn missing_verbs(format: &str, nargs: usize) -> String {
    let mut out = String::with_capacity(format.len());
    let mut chars = format.chars().peekable();
    let mut used = 0usize;
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = String::from("%");
        // flags, width, precision
        while let Some(&n) = chars.peek() {
            if matches!(n, '+' | '-' | '#' | ' ' | '0'..='9' | '.') {
                spec.push(n);
                chars.next();
            } else {
                break;
            }
        }
        let Some(verb) = chars.next() else {
            out.push_str(&spec);
            break;
        };
        if verb == '%' && spec == "%" {
            out.push_str("%%");
            continue;
        }
        if used < nargs {
            out.push_str(&spec);
            out.push(verb);
        } else {
            out.push_str(&format!("%%!{verb}(MISSING)"));
        }
        used += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewritten_columns_map_back_to_the_original_ones() {
        // several bodies: the head is inserted before the second body
        let src = "r[x] {\n  x := 1\n} { x := 2 }\n";
        let r = rewrite_mapped(src);
        assert_eq!(r.text.lines().count(), src.lines().count());
        let line = r.text.lines().nth(2).unwrap_or("");
        let at = |l: &str, s: &str| l.find(s).map_or(0, |i| i as u32 + 1);
        // `:=` after the inserted `r[x] `, and inside the inserted head
        assert_eq!(
            r.original_column(3, at(line, ":=")),
            at("} { x := 2 }", ":=")
        );
        assert_eq!(
            r.original_column(3, at(line, "r[x]")),
            at("} { x := 2 }", "{")
        );
        // other lines are untouched
        assert_eq!(r.original_column(2, 5), 5);
        // a hoisted `not` argument, and a sprintf
        let src = "r {\n  not f(input.a.b, 1)\n  m := sprintf(\"%v\", [1]); y == 7\n}\n";
        let r = rewrite_mapped(src);
        for (n, marks) in [(2, ["not", "1)"]), (3, ["m :=", "7"])] {
            let orig = src.lines().nth(n - 1).unwrap_or("");
            let line = r.text.lines().nth(n - 1).unwrap_or("");
            assert_ne!(line, orig);
            for m in marks {
                assert_eq!(r.original_column(n as u32, at(line, m)), at(orig, m), "{m}");
            }
        }
        // inside the hoisted variable: the argument's column
        let line = r.text.lines().nth(1).unwrap_or("");
        let orig = src.lines().nth(1).unwrap_or("");
        let var = line.rfind(HOIST_PREFIX).map_or(0, |i| i as u32 + 2);
        assert_eq!(r.original_column(2, var), at(orig, "input"));
    }

    #[test]
    fn several_bodies_get_their_head() {
        let src = "package a\n\nr[x] {\n  x := 1\n} {\n  x := 2\n}\n";
        assert_eq!(
            rewrite(src),
            "package a\n\nr[x] {\n  x := 1\n} r[x] {\n  x := 2\n}\n"
        );
        // else chains and single bodies are left alone
        let src = "package a\nr = 1 { false } else = 2 { true }\ns { true }\n";
        assert_eq!(rewrite(src), src);
    }

    #[test]
    fn an_object_or_set_value_before_the_body_is_not_a_body() {
        // `f(c) = {"a": 1} { body }` is one rule: its value, then its body
        let src = "package a\nf(c) = {\"a\": 1} {\n  not c.x\n}\nr := {1} {\n  input.y\n}\n";
        assert_eq!(rewrite(src), src);
        let src = "package a\nf(c) = {\n  \"a\": 1,\n} {\n  c.x\n}\ns contains {1} if { true }\n";
        assert_eq!(rewrite(src), src);
        // further bodies of such a rule get the whole head, value included
        let src = "package a\nf(c) = {\"a\": 1} {\n  c.x\n} {\n  c.y\n}\n";
        assert_eq!(
            rewrite(src),
            "package a\nf(c) = {\"a\": 1} {\n  c.x\n} f(c) = {\"a\": 1} {\n  c.y\n}\n"
        );
    }

    #[test]
    fn a_line_starting_with_a_paren_ends_the_previous_expression() {
        let src = "package a\nr {\n  x := input.a\n  (x + 1) > 2\n}\n";
        assert_eq!(
            rewrite(src),
            "package a\nr {\n  x := input.a;\n  (x + 1) > 2\n}\n"
        );
        // inside a call or an array the newline is not a separator
        let src = "package a\nr {\n  x := f(1,\n  (2))\n  y := [\n  (1)]\n}\n";
        assert_eq!(rewrite(src), src);
    }

    #[test]
    fn sprintf_formats_go_through_the_extension() {
        let src = "package a\nr = sprintf(\"%v %v\", [1])\n";
        assert_eq!(
            rewrite(src),
            "package a\nr = sprintf(kubegov_sprintf_format(\"%v %v\", [1]), [1])\n"
        );
        assert_eq!(
            missing_verbs("%v and %d, 100%%", 1),
            "%v and %%!d(MISSING), 100%%"
        );
        assert_eq!(missing_verbs("%-5s|%q", 2), "%-5s|%q");
    }

    #[test]
    fn negated_call_arguments_are_bound_first() {
        let src = "package a\nr {\n  not f(1, input.a[\"b\"].c)\n}\n";
        assert_eq!(
            rewrite(src),
            "package a\nr {\n  __kubegov_arg0 := input.a[\"b\"].c; not f(1, __kubegov_arg0)\n}\n"
        );
        // iteration and local variables are not hoisted
        let src = "package a\nr {\n  not f(input.a[_])\n  x := 1\n  not f(x)\n}\n";
        assert_eq!(rewrite(src), src);
    }

    #[test]
    fn strings_and_comments_are_not_touched() {
        let src = "package a\n# r { } { }\nr { x := \"} {\" }\ns = `\n(1)` \n";
        assert_eq!(rewrite(src), src);
    }
}
