//! Resolutions and variables straight into Python objects: the core's
//! borrowed variables become dicts with no Rust string copied on the way
//! (the general path, `result_to_py`, goes through a `serde_json::Value`
//! first, which allocates every string twice).

use crate::convert::{result_to_py, str_arg, Arg};
use cyberdesk_kit::{BorrowedSegment, BorrowedVariable, Issue, KitError, VariableKind};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::Value;

/// The arguments every resolve call takes, converted: the prompt and the
/// two optional mappings (absent or `None`: none).
pub struct ResolveArgs {
    pub text: String,
    pub inputs: Option<Value>,
    pub sensitive: Option<Value>,
}

impl ResolveArgs {
    pub fn convert(
        text: &Bound<'_, PyAny>,
        input_values: Arg<'_>,
        sensitive_input_values: Arg<'_>,
    ) -> Result<Self, KitError> {
        Ok(ResolveArgs {
            text: str_arg(text, "text")?,
            inputs: input_values.to_value("input_values")?,
            sensitive: sensitive_input_values.to_value("sensitive_input_values")?,
        })
    }
}

/// `{kind, root, path, raw, start, end}`, as `parse_prompt` documents it.
fn variable_to_py<'py>(py: Python<'py>, v: &BorrowedVariable<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let kind = match v.kind {
        VariableKind::Input => pyo3::intern!(py, "input"),
        VariableKind::Sensitive => pyo3::intern!(py, "sensitive"),
        VariableKind::Runtime => pyo3::intern!(py, "runtime"),
    };
    d.set_item(pyo3::intern!(py, "kind"), kind)?;
    d.set_item(pyo3::intern!(py, "root"), PyString::new(py, v.root))?;
    let path = PyList::empty(py);
    for seg in v.path() {
        match seg {
            BorrowedSegment::Index(i) => path.append(i)?,
            BorrowedSegment::Key(k) => path.append(PyString::new(py, k))?,
        }
    }
    d.set_item(pyo3::intern!(py, "path"), path)?;
    d.set_item(pyo3::intern!(py, "raw"), PyString::new(py, v.raw))?;
    d.set_item(pyo3::intern!(py, "start"), v.start)?;
    d.set_item(pyo3::intern!(py, "end"), v.end)?;
    Ok(d)
}

/// A list of `Variable` dicts.
pub fn variables_to_py<'py>(
    py: Python<'py>,
    vars: &[BorrowedVariable<'_>],
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for v in vars {
        list.append(variable_to_py(py, v)?)?;
    }
    Ok(list)
}

/// A list of `Issue` dicts `{code, severity, message, variable?, loc?}`.
pub fn issues_to_py<'py>(py: Python<'py>, issues: &[Issue]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for issue in issues {
        let d = PyDict::new(py);
        d.set_item(pyo3::intern!(py, "code"), issue.code.as_str())?;
        d.set_item(pyo3::intern!(py, "severity"), issue.severity.as_str())?;
        d.set_item(pyo3::intern!(py, "message"), &issue.message)?;
        if let Some(var) = &issue.variable {
            d.set_item(pyo3::intern!(py, "variable"), var)?;
        }
        if let Some(loc) = &issue.loc {
            d.set_item(pyo3::intern!(py, "loc"), result_to_py(py, loc)?)?;
        }
        list.append(d)?;
    }
    Ok(list)
}

/// `{text, issues}`, with `variables` between them when given: the key
/// order of the `Resolution` dict.
pub fn resolution_to_py<'py>(
    py: Python<'py>,
    text: &str,
    variables: Option<&[BorrowedVariable<'_>]>,
    issues: &[Issue],
) -> PyResult<Bound<'py, PyAny>> {
    let d = PyDict::new(py);
    d.set_item(pyo3::intern!(py, "text"), PyString::new(py, text))?;
    if let Some(vars) = variables {
        d.set_item(pyo3::intern!(py, "variables"), variables_to_py(py, vars)?)?;
    }
    d.set_item(pyo3::intern!(py, "issues"), issues_to_py(py, issues)?)?;
    Ok(d.into_any())
}
