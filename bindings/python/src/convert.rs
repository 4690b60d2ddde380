//! Python values ⇄ JSON values, directly (no text in between).

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use crate::errors::Error;

/// Deepest nesting accepted from Python (the core's YAML limit), which also
/// stops self-referencing containers.
const MAX_DEPTH: usize = 200;

/// Convert a Python value (dict, list, tuple, str, int, float, bool, None) to JSON.
pub(crate) fn to_json(obj: &Bound<'_, PyAny>) -> Result<Value, Error> {
    let mut path = Vec::new();
    convert(obj, &mut path).map_err(|message| {
        let at = if path.is_empty() {
            String::new()
        } else {
            format!(" at `{}`", render_path(&path))
        };
        Error::invalid(format!("cannot convert the value{at} to JSON: {message}"))
    })
}

enum Seg {
    Key(String),
    Index(usize),
}

fn render_path(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// On error, `path` is left pointing at the offending value.
fn convert(obj: &Bound<'_, PyAny>, path: &mut Vec<Seg>) -> Result<Value, String> {
    if path.len() > MAX_DEPTH {
        return Err(format!("nested deeper than {MAX_DEPTH} levels"));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return s
            .to_cow()
            .map(|s| Value::String(s.to_string()))
            .map_err(|e| e.to_string());
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::with_capacity(d.len());
        for (k, v) in d.iter() {
            let key = match k.cast::<PyString>() {
                Ok(k) => k.to_cow().map_err(|e| e.to_string())?.to_string(),
                Err(_) => {
                    return Err(format!(
                        "mapping keys must be strings, not `{}`",
                        type_name(&k)
                    ))
                }
            };
            path.push(Seg::Key(key.clone()));
            let value = convert(&v, path)?;
            path.pop();
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(l) = obj.cast::<PyList>() {
        return seq(l.iter(), l.len(), path);
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return seq(t.iter(), t.len(), path);
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::Number(u.into()));
        }
        return Err("integer out of the 64-bit range".into());
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| "NaN and infinities are not JSON numbers".to_string());
    }
    Err(format!(
        "values of type `{}` are not supported (use dict, list, str, int, float, bool or None)",
        type_name(obj)
    ))
}

fn seq<'py>(
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    len: usize,
    path: &mut Vec<Seg>,
) -> Result<Value, String> {
    let mut out = Vec::with_capacity(len);
    for (i, item) in items.enumerate() {
        path.push(Seg::Index(i));
        out.push(convert(&item, path)?);
        path.pop();
    }
    Ok(Value::Array(out))
}

pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// Convert JSON to Python (dicts keep the JSON order).
pub(crate) fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, item) in map {
                dict.set_item(k, to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// Serialize anything serializable and convert it to Python.
pub(crate) fn ser_to_py<'py, T: serde::Serialize + ?Sized>(
    py: Python<'py>,
    v: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(v).map_err(|e| {
        PyErr::from(Error::new(
            crate::errors::Kind::Internal,
            "internal",
            e.to_string(),
        ))
    })?;
    to_py(py, &value)
}
