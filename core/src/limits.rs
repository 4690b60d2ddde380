//! Bounds on hostile input and hostile policies.

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
    /// Most instructions one policy may execute on one object.
    pub max_instructions: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_document_bytes: 64 << 20,
            max_scalar_bytes: 16 << 20,
            max_depth: 200,
            max_nodes: 1_000_000,
            max_file_bytes: 256 << 20,
            max_instructions: 1_000_000,
        }
    }
}
