//! Bounds on hostile input and hostile policies.

/// The engine's time-limit setting for these limits (unused on wasm32, which has no clock).
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) fn timer(limits: &Limits) -> regorus::utils::limits::ExecutionTimerConfig {
    regorus::utils::limits::ExecutionTimerConfig {
        limit: limits.max_eval_time,
        check_interval: std::num::NonZeroU32::MIN.saturating_add(63),
    }
}

/// Limits applied while reading objects and evaluating policies.
///
/// The defaults fit any real Kubernetes manifest with a wide margin; inputs past
/// them become errors in the report, and the rest of the input is still evaluated.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest single document, in bytes.
    pub max_document_bytes: usize,
    /// Largest single scalar, in bytes.
    pub max_scalar_bytes: usize,
    /// Deepest nesting of mappings and sequences.
    pub max_depth: usize,
    /// Most nodes a document may expand to, aliases included.
    pub max_nodes: usize,
    /// Largest input file, in bytes.
    pub max_file_bytes: u64,
    /// Most RVM instructions one object's evaluation may execute (all its policies).
    pub max_instructions: u64,
    /// Longest one policy (or one object's aggregate) may run on one object;
    /// past it the evaluation stops with an error naming the policy.
    pub max_eval_time: std::time::Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_document_bytes: 64 << 20,
            max_scalar_bytes: 16 << 20,
            max_depth: 200,
            max_nodes: 1_000_000,
            max_file_bytes: 256 << 20,
            max_instructions: 5_000_000,
            max_eval_time: std::time::Duration::from_secs(5),
        }
    }
}

/// Deepest nesting of `[` and `{` literals a Rego module may have.
///
/// regorus' parser backtracks on nested collection literals in time
/// exponential in their depth (measured on `x := [[[…`: depth 10 0.26 s,
/// 14 4.2 s, 18 49 s; `{"k": {"k": …` 5.5 s at 16), so a hostile module
/// could stall a load for hours. The built-in library's deepest literal (a
/// test input) nests 10 levels.
pub const MAX_REGO_NESTING: usize = 14;

/// The 1-based line and column of the first `[` or `{` of `src` nested
/// deeper than [`MAX_REGO_NESTING`], outside strings and comments.
pub(crate) fn rego_too_deep(src: &str) -> Option<(u32, u32)> {
    let (mut line, mut column) = (1u32, 0u32);
    let mut depth = 0usize;
    let mut chars = src.chars();
    // what the scanner is inside: code, a "string", a `raw string`, a comment
    #[derive(PartialEq)]
    enum In {
        Code,
        Str,
        Raw,
        Comment,
    }
    let mut state = In::Code;
    while let Some(c) = chars.next() {
        if c == '\n' {
            line = line.saturating_add(1);
            column = 0;
            if state == In::Comment {
                state = In::Code;
            }
            continue;
        }
        column = column.saturating_add(1);
        match (&state, c) {
            (In::Code, '#') => state = In::Comment,
            (In::Code, '"') => state = In::Str,
            (In::Code, '`') => state = In::Raw,
            (In::Code, '[' | '{') => {
                depth += 1;
                if depth > MAX_REGO_NESTING {
                    return Some((line, column));
                }
            }
            (In::Code, ']' | '}') => depth = depth.saturating_sub(1),
            (In::Str, '\\') if chars.next().is_some() => column = column.saturating_add(1),
            (In::Str, '"') | (In::Raw, '`') => state = In::Code,
            _ => {}
        }
    }
    None
}

/// The message for a module refused by [`rego_too_deep`].
pub(crate) fn rego_too_deep_message() -> String {
    format!(
        "collection literals nest deeper than {MAX_REGO_NESTING} levels; the Rego parser's time grows exponentially with this depth: flatten the literal (bind inner values to variables)"
    )
}

#[cfg(test)]
mod tests {
    use super::{rego_too_deep, MAX_REGO_NESTING};

    #[test]
    fn nesting_is_counted_outside_strings_and_comments() {
        let deep = format!(
            "package p\nx := {}1{}\n",
            "[".repeat(MAX_REGO_NESTING + 1),
            "]".repeat(MAX_REGO_NESTING + 1)
        );
        assert_eq!(rego_too_deep(&deep), Some((2, 6 + MAX_REGO_NESTING as u32)));
        let ok = format!(
            "package p\nx := {}1{}\n",
            "[".repeat(MAX_REGO_NESTING),
            "]".repeat(MAX_REGO_NESTING)
        );
        assert_eq!(rego_too_deep(&ok), None);
        let hidden = format!(
            "package p\n# {}\ns := \"{}\\\"{}\"\nr := `{}`\n",
            "[".repeat(40),
            "{".repeat(40),
            "[".repeat(40),
            "[".repeat(40)
        );
        assert_eq!(rego_too_deep(&hidden), None);
        // closing brackets free their level again
        let siblings = format!(
            "package p\n{}\n",
            format!("x := {}1{}\n", "{\"a\": ".repeat(10), "}".repeat(10)).repeat(50)
        );
        assert_eq!(rego_too_deep(&siblings), None);
    }
}
