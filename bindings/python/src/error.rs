//! Core errors to Python exceptions.
//!
//! The exception classes are plain Python, defined in
//! `cyberdesk_kit/errors.py` so the hierarchy stays readable and catchable
//! there. This module only chooses the class by the error's stable code
//! (never by its message) and hands over the core's plain form:
//! `message`, `code`, `errors`, `issues` and `status`.

use cyberdesk_kit::{ErrorCode, KitError};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyModule};

/// The Python class of each code. The match is exhaustive, so a code added
/// to the core does not compile here until it has a class.
pub fn class_name(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::Validation => "ValidationError",
        ErrorCode::Preflight => "PreflightError",
        ErrorCode::Api => "ApiError",
        ErrorCode::InvalidResponse => "InvalidResponseError",
        ErrorCode::InvalidJson => "InvalidJsonError",
        ErrorCode::InvalidArgument => "InvalidArgumentError",
        ErrorCode::UnknownSchema => "UnknownSchemaError",
        ErrorCode::UnknownOperation => "UnknownOperationError",
        ErrorCode::InvalidSpec => "InvalidSpecError",
        ErrorCode::InvalidSchema => "InvalidSchemaError",
        ErrorCode::TooDeep => "TooDeepError",
        ErrorCode::TooLarge => "TooLargeError",
        ErrorCode::UnsupportedValue => "UnsupportedValueError",
        ErrorCode::CyclicValue => "CyclicValueError",
        ErrorCode::InvalidString => "InvalidStringError",
        ErrorCode::InvalidHistory => "InvalidHistoryError",
        ErrorCode::VersionNotFound => "VersionNotFoundError",
        ErrorCode::DuplicateVersion => "DuplicateVersionError",
        ErrorCode::Internal => "InternalError",
        ErrorCode::WaitTimeout => "WaitTimeoutError",
    }
}

static ERRORS_MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

fn errors_module(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    ERRORS_MODULE
        .get_or_try_init(py, || py.import("cyberdesk_kit.errors").map(Bound::unbind))
        .map(|m| m.bind(py))
}

fn build(py: Python<'_>, err: &KitError) -> PyResult<PyErr> {
    let class = errors_module(py)?.getattr(class_name(err.code()))?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("code", err.code().as_str())?;
    let plain = serde_json::to_value(err).unwrap_or_default();
    let list = |key: &str| -> PyResult<Bound<'_, PyAny>> {
        match plain.get(key) {
            Some(v) => crate::convert::to_py(py, v),
            None => Ok(PyList::empty(py).into_any()),
        }
    };
    kwargs.set_item("errors", list("errors")?)?;
    kwargs.set_item("issues", list("issues")?)?;
    kwargs.set_item("status", err.status())?;
    let exc = class.call((err.to_string(),), Some(&kwargs))?;
    Ok(PyErr::from_value(exc))
}

/// The Python exception for a core error.
pub fn to_py_err(py: Python<'_>, err: KitError) -> PyErr {
    match build(py, &err) {
        Ok(e) => e,
        // Only reachable when the Python half of the package is broken
        // (errors.py missing or edited): still an ordinary exception.
        Err(cause) => {
            let e = PyRuntimeError::new_err(format!("{} [{}]", err, err.code()));
            e.set_cause(py, Some(cause));
            e
        }
    }
}

/// `?` on a core result inside a `#[pyfunction]`: the one-line conversion
/// every function ends with.
pub trait IntoPyResult<T> {
    /// Maps the error to its Python exception.
    fn py(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, KitError> {
    fn py(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py_err(py, e))
    }
}
