//! Python objects as the core's [`JsonView`]: `validate` walks the caller's
//! own dicts and lists where the schema looks, with no copy.
//!
//! Only values made of the exact built-in types with one JSON form take
//! this path (`dict` with `str` keys, `list`, `tuple`, `str`, `int` within
//! 64 bits, finite `float`, `bool`, `None`), checked in full first by
//! [`is_plain`], which reads objects without running any Python code, so
//! nothing can change them while they are walked (the interpreter is held
//! throughout). Anything else (a subclass, a `UUID`, a `datetime`, NaN, a
//! cycle, too deep, a lone surrogate) goes through [`crate::convert`],
//! which converts what has a JSON form and raises the coded error for the
//! rest: one set of rules, and the same messages.

use cyberdesk_kit::{JsonView, ViewKind, MAX_DEPTH};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Value;

/// Whether `obj` (at nesting `depth`, 1 for an argument) is made only of
/// plain JSON values, by the conversion's own rules (a non-empty container
/// at most `MAX_DEPTH - 1` levels down): when it is, [`PyView`] may walk
/// it. `false` means "let the conversion decide", never "invalid".
pub fn is_plain(obj: &Bound<'_, PyAny>, depth: usize) -> bool {
    if let Ok(s) = obj.cast_exact::<PyString>() {
        return s.to_str().is_ok();
    }
    if let Ok(d) = obj.cast_exact::<PyDict>() {
        if d.is_empty() {
            return true;
        }
        if depth >= MAX_DEPTH {
            return false;
        }
        return d.iter().all(|(k, v)| {
            k.cast_exact::<PyString>().is_ok_and(|k| k.to_str().is_ok()) && is_plain(&v, depth + 1)
        });
    }
    if let Ok(l) = obj.cast_exact::<PyList>() {
        if l.is_empty() {
            return true;
        }
        return depth < MAX_DEPTH && l.iter().all(|v| is_plain(&v, depth + 1));
    }
    if obj.is_none() || obj.cast_exact::<PyBool>().is_ok() {
        return true;
    }
    if obj.cast_exact::<PyInt>().is_ok() {
        return obj.extract::<i64>().is_ok();
    }
    if let Ok(f) = obj.cast_exact::<PyFloat>() {
        return f.value().is_finite();
    }
    if let Ok(t) = obj.cast_exact::<PyTuple>() {
        if t.is_empty() {
            return true;
        }
        return depth < MAX_DEPTH && t.iter().all(|v| is_plain(&v, depth + 1));
    }
    false
}

/// A Python value that [`is_plain`] accepted, seen as JSON.
#[derive(Clone)]
pub struct PyView<'py>(pub Bound<'py, PyAny>);

/// A dict's entries as (key, value) views.
pub struct PyEntries<'py>(Option<pyo3::types::iter::BoundDictIterator<'py>>);

impl<'py> Iterator for PyEntries<'py> {
    type Item = (Bound<'py, PyString>, PyView<'py>);

    fn next(&mut self) -> Option<Self::Item> {
        let (k, v) = self.0.as_mut()?.next()?;
        // is_plain checked every key is a str.
        Some((k.cast_into::<PyString>().ok()?, PyView(v)))
    }
}

impl<'py> JsonView for PyView<'py> {
    type Key = Bound<'py, PyString>;
    type Entries<'s>
        = PyEntries<'py>
    where
        Self: 's;

    fn kind(&self) -> ViewKind<'_> {
        let o = &self.0;
        if let Ok(s) = o.cast_exact::<PyString>() {
            return ViewKind::Str(s.to_str().unwrap_or_default());
        }
        if o.cast_exact::<PyDict>().is_ok() {
            return ViewKind::Object;
        }
        if o.cast_exact::<PyList>().is_ok() || o.cast_exact::<PyTuple>().is_ok() {
            return ViewKind::Array;
        }
        if let Ok(b) = o.cast_exact::<PyBool>() {
            return ViewKind::Bool(b.is_true());
        }
        if o.cast_exact::<PyInt>().is_ok() {
            return match o.extract::<i64>() {
                Ok(i) => ViewKind::Int(i),
                Err(_) => ViewKind::UInt(o.extract::<u64>().unwrap_or(u64::MAX)),
            };
        }
        if let Ok(f) = o.cast_exact::<PyFloat>() {
            return ViewKind::Float(f.value());
        }
        ViewKind::Null
    }

    fn len(&self) -> usize {
        let o = &self.0;
        if let Ok(d) = o.cast_exact::<PyDict>() {
            d.len()
        } else if let Ok(l) = o.cast_exact::<PyList>() {
            l.len()
        } else if let Ok(t) = o.cast_exact::<PyTuple>() {
            t.len()
        } else {
            0
        }
    }

    fn item(&self, index: usize) -> Option<Self> {
        let o = &self.0;
        if let Ok(l) = o.cast_exact::<PyList>() {
            l.get_item(index).ok().map(PyView)
        } else if let Ok(t) = o.cast_exact::<PyTuple>() {
            t.get_item(index).ok().map(PyView)
        } else {
            None
        }
    }

    fn entries(&self) -> PyEntries<'py> {
        PyEntries(self.0.cast_exact::<PyDict>().ok().map(|d| d.iter()))
    }

    fn key_str<'k>(key: &'k Bound<'py, PyString>) -> &'k str {
        key.to_str().unwrap_or_default()
    }

    fn contains_key(&self, key: &str) -> bool {
        self.0
            .cast_exact::<PyDict>()
            .is_ok_and(|d| d.contains(key).unwrap_or(false))
    }

    fn to_value(&self) -> Value {
        crate::convert::to_value(&self.0, "payload").unwrap_or(Value::Null)
    }
}
