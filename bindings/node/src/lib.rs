//! kubegov node binding (placeholder).
