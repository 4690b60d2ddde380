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
