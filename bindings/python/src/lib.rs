//! kubegov python binding (placeholder).
