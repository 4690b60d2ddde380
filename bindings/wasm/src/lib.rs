//! kubegov wasm binding (placeholder).
