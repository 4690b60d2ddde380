//! Import aliases written out in full before the RVM compiles a bundle.
//!
//! regorus 0.14.1 compiles `workload.containers`, where `workload` comes
//! from `import data.kubegov.lib.workload`, as a lookup of the whole
//! package followed by a field access: at every such reference the VM
//! evaluates every rule of the package and rebuilds it as an object (a
//! third of the library's evaluation time went there). Written as
//! `data.kubegov.lib.workload.containers`, the same reference compiles to a
//! call of that one rule. The interpreter has the same cost (it evaluates
//! every rule of a package a reference names whole), so the library's
//! smaller interpreters ([`crate::subset`]) get the rewritten text too.
//!
//! This module rewrites modules' text that way for those engines only: the
//! engine holding every module (tests, fallback, user bundles) keeps the
//! source as written. The rewrite never changes a line's number; a runtime
//! error of a rewritten line may quote it rewritten.
//!
//! The rewrite is conservative: an alias is left alone in a module where
//! it is ever used otherwise than as the root of a dotted reference
//! (`workload[x]`, a variable or argument of that name, a rule head), or
//! where its package may define a rule of that name, since regorus prefers
//! such a rule to the import. A module the lexer cannot read is left as it
//! is. A test checks on every sample of the library that the fast path's
//! reports are those of the interpreter.

use std::collections::{HashMap, HashSet};

use regorus::unstable::{Lexer, Token, TokenKind};
use regorus::Source;

use crate::bundle::{BundleFile, FileKind};

/// A module's tokens, each with whether it opens its line at nesting depth
/// zero (where rule heads, `package` and `import` stand).
struct Tokens {
    tokens: Vec<(Token, bool)>,
}

impl Tokens {
    fn read(path: &str, text: &str) -> Option<Tokens> {
        let source = Source::from_contents(path.to_string(), text.to_string()).ok()?;
        let mut lexer = Lexer::new(&source);
        let mut tokens: Vec<(Token, bool)> = Vec::new();
        let mut depth = 0i64;
        let mut last_line = 0;
        loop {
            let t = lexer.next_token().ok()?;
            if matches!(t.0, TokenKind::Eof) {
                break;
            }
            let head = depth == 0 && (tokens.is_empty() || t.1.line > last_line);
            last_line = t.1.line;
            if matches!(t.0, TokenKind::Symbol) {
                match t.1.text() {
                    "{" | "[" | "(" => depth += 1,
                    "}" | "]" | ")" => depth -= 1,
                    _ => {}
                }
            }
            tokens.push((t, head));
        }
        Some(Tokens { tokens })
    }

    fn text(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |(t, _)| t.1.text())
    }

    fn is_ident(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|(t, _)| matches!(t.0, TokenKind::Ident))
    }

    fn is_head(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|(_, h)| *h)
    }

    /// The dotted name starting at token `i` (`a.b.c`) and the index after it.
    fn dotted(&self, mut i: usize) -> (Vec<&str>, usize) {
        let mut parts = Vec::new();
        while self.is_ident(i) {
            parts.push(self.text(i));
            if self.text(i + 1) == "." && self.is_ident(i + 2) {
                i += 2;
            } else {
                i += 1;
                break;
            }
        }
        (parts, i)
    }

    /// The module's package (`kubegov.lib.workload`).
    fn package(&self) -> Option<String> {
        (0..self.tokens.len())
            .find(|i| self.is_head(*i) && self.text(*i) == "package")
            .map(|i| self.dotted(i + 1).0.join("."))
    }

    /// The names that may head a rule of the module: the first name of
    /// every line at depth zero (after `default`).
    fn rule_names(&self) -> impl Iterator<Item = &str> {
        (0..self.tokens.len())
            .filter(|i| self.is_head(*i) && self.is_ident(*i))
            .map(|i| {
                if self.text(i) == "default" {
                    self.text(i + 1)
                } else {
                    self.text(i)
                }
            })
    }

    /// `import data.a.b[ as c]` statements: alias → (full path, the token
    /// range of the statement).
    fn imports(&self) -> Vec<(String, String, std::ops::Range<usize>)> {
        let mut out = Vec::new();
        for i in 0..self.tokens.len() {
            if !(self.is_head(i) && self.text(i) == "import" && self.text(i + 1) == "data") {
                continue;
            }
            let (path, mut end) = self.dotted(i + 1);
            // `data.x["y"]` and the like: not a plain path
            if path.len() < 2 || matches!(self.text(end), "[" | ".") {
                continue;
            }
            let mut alias = path.last().map(|s| s.to_string()).unwrap_or_default();
            if self.text(end) == "as" && self.is_ident(end + 1) {
                alias = self.text(end + 1).to_string();
                end += 2;
            }
            out.push((alias, path.join("."), i..end));
        }
        out
    }
}

/// The module's text with the references through its imports' aliases
/// written out, or `None` when nothing changes. `defined` holds the names
/// that may head a rule of the module's package.
fn expand_module(t: &Tokens, text: &str, defined: &HashSet<&str>) -> Option<String> {
    let imports = t.imports();
    // (byte range of the alias, full path), in text order
    let mut edits: Vec<(usize, usize, &str)> = Vec::new();
    for (alias, full, statement) in &imports {
        if defined.contains(alias.as_str())
            || imports.iter().filter(|(a, _, _)| a == alias).count() > 1
        {
            continue;
        }
        let mut uses = Vec::new();
        let mut safe = true;
        for i in 0..t.tokens.len() {
            if statement.contains(&i) || !t.is_ident(i) || t.text(i) != alias {
                continue;
            }
            // a field of something else (`x.workload`)
            if i > 0 && t.text(i - 1) == "." {
                continue;
            }
            if t.text(i + 1) == "." && t.is_ident(i + 2) && !t.is_head(i) {
                uses.push(i);
            } else {
                safe = false;
                break;
            }
        }
        if !safe {
            continue;
        }
        for i in uses {
            if let Some((tok, _)) = t.tokens.get(i) {
                let (start, end) = (tok.1.start as usize, tok.1.end as usize);
                edits.push((start, end, full.as_str()));
            }
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_unstable_by_key(|e| e.0);
    let mut out = String::with_capacity(text.len() + edits.len() * 24);
    let mut at = 0;
    for (start, end, full) in edits {
        out.push_str(text.get(at..start)?);
        out.push_str(full);
        at = end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

/// These files (of one engine) with each Rego module's import-alias
/// references written out in full (see the module's documentation).
pub(crate) fn expand<'a>(files: impl IntoIterator<Item = &'a BundleFile>) -> Vec<BundleFile> {
    let files: Vec<&BundleFile> = files.into_iter().collect();
    let read: Vec<Option<Tokens>> = files
        .iter()
        .map(|f| {
            if f.kind() == FileKind::Module {
                Tokens::read(&f.path, &f.content)
            } else {
                None
            }
        })
        .collect();
    // the names that may head a rule, by package, over all modules
    let mut defined: HashMap<String, HashSet<&str>> = HashMap::new();
    for t in read.iter().flatten() {
        if let Some(p) = t.package() {
            defined.entry(p).or_default().extend(t.rule_names());
        }
    }
    let none = HashSet::new();
    files
        .iter()
        .zip(&read)
        .map(|(f, t)| {
            let expanded = t.as_ref().and_then(|t| {
                let names = t.package().and_then(|p| defined.get(&p)).unwrap_or(&none);
                expand_module(t, &f.content, names)
            });
            match expanded {
                Some(content) => BundleFile {
                    content,
                    ..(*f).clone()
                },
                None => (*f).clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn module(path: &str, content: &str) -> BundleFile {
        BundleFile {
            path: path.into(),
            content: content.into(),
            rego_v0: false,
        }
    }

    fn expand_one(content: &str) -> String {
        expand(&[module("p.rego", content)]).remove(0).content
    }

    #[test]
    fn writes_references_through_an_alias_in_full() {
        let src = "package p\n\nimport data.lib.w\nimport data.lib.rbac as r\n\ndeny contains msg if {\n\tsome c in w.containers\n\tr.wide(c)\n\tmsg := sprintf(\"w.containers %v\", [w.name]) # w.x\n}\n";
        let out = expand_one(src);
        assert_eq!(
            out,
            "package p\n\nimport data.lib.w\nimport data.lib.rbac as r\n\ndeny contains msg if {\n\tsome c in data.lib.w.containers\n\tdata.lib.rbac.wide(c)\n\tmsg := sprintf(\"w.containers %v\", [data.lib.w.name]) # w.x\n}\n"
        );
        // line numbers are kept
        assert_eq!(out.lines().count(), src.lines().count());
    }

    #[test]
    fn leaves_an_alias_used_otherwise() {
        for src in [
            // indexed: the package is wanted as an object
            "package p\nimport data.lib.w\nx := w[\"a\"]\ny := w.b\n",
            // shadowed by an argument
            "package p\nimport data.lib.w\nf(w) := w.b\n",
            // shadowed by a local variable
            "package p\nimport data.lib.w\nx if {\n\tsome w in input.ws\n\tw.b\n}\n",
            // a rule of the package heads with the alias
            "package p\nimport data.lib.w\nw.b := 1\nx := w.b\n",
            // the import is of a bracketed path
            "package p\nimport data.lib[\"w\"]\nx := w.b\n",
            // not a data import
            "package p\nimport input.w\nx := w.b\n",
        ] {
            assert_eq!(expand_one(src), src, "{src}");
        }
    }

    #[test]
    fn leaves_an_alias_another_module_of_the_package_defines() {
        let files = [
            module("a.rego", "package p\nimport data.lib.w\nx := w.b\n"),
            module("b.rego", "package p\nw := {\"b\": 2}\n"),
            module("c.rego", "package q\nimport data.lib.w\nx := w.b\n"),
        ];
        let out = expand(&files);
        assert_eq!(out[0].content, files[0].content);
        assert_eq!(
            out[2].content,
            "package q\nimport data.lib.w\nx := data.lib.w.b\n"
        );
    }

    #[test]
    fn leaves_what_the_lexer_cannot_read_and_other_files() {
        let files = [
            module("a.rego", "package p\nimport data.lib.w\nx := \"w.b\n"),
            module("data.json", "{\"w\": 1}"),
        ];
        assert_eq!(expand(&files), files.to_vec());
    }

    #[test]
    fn the_library_references_its_packages_in_full() {
        let files: Vec<BundleFile> = crate::embedded::FILES
            .iter()
            .map(|(p, c)| module(p, c))
            .collect();
        let out = expand(&files);
        let changed = files.iter().zip(&out).filter(|(a, b)| a != b).count();
        // most policies import a library package
        assert!(changed > 50, "{changed}");
        // and what is written stays a module regorus reads
        let mut engine = regorus::Engine::new();
        for f in out.iter().filter(|f| f.kind() == FileKind::Module) {
            engine
                .add_policy(f.path.clone(), f.content.clone())
                .unwrap();
        }
    }

    #[test]
    fn the_librarys_fast_path_looks_up_no_package_whole() {
        use regorus::rvm::instructions::LiteralOrRegister;
        let bundle = crate::Bundle::embedded().unwrap();
        assert!(bundle.fast_path_policies() > 0);
        let plan = bundle.inner.rvm.get().and_then(Option::as_ref).unwrap();
        let program = plan.program();
        let packages: HashSet<String> = crate::embedded::FILES
            .iter()
            .filter_map(|(_, c)| crate::metadata::read_header(c))
            .map(|h| h.package)
            .collect();
        let lookups = &program.instruction_data.virtual_data_document_lookup_params;
        for params in lookups {
            let path: Vec<String> = params
                .path_components
                .iter()
                .map(|c| match c {
                    LiteralOrRegister::Literal(i) => program.literals[usize::from(*i)]
                        .as_string()
                        .map(|s| s.to_string())
                        .unwrap_or_default(),
                    LiteralOrRegister::Register(_) => "?".into(),
                })
                .collect();
            let path = path.join(".");
            // written through an import, `workload.containers` looked up
            // `data.kubegov.lib.workload` whole (95 times before the rewrite)
            assert!(!packages.contains(&path), "{path}");
        }
    }
}
