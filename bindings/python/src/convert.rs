//! The only bridge between Python objects and JSON values.
//!
//! Python to JSON is a direct walk (no `json.dumps` round trip): `dict`
//! with `str` keys, `list`, `str`, `int`, `float`, `bool` and `None`, each
//! mapped to the JSON value it obviously is. The standard library's values
//! that have one JSON form are written the way pydantic's JSON mode (the
//! server's validator) writes them: a `tuple` as a list, a `uuid.UUID` as
//! its lowercase hyphenated string, a timezone-aware `datetime` as RFC 3339
//! (`Z` for UTC, microseconds only when not zero), a `date` as
//! `YYYY-MM-DD`, an `enum.Enum` member as its value. Everything else is
//! refused with a coded [`KitError`], never guessed at:
//!
//! * `bool` stays a boolean (it is never the integer 1 or 0);
//! * `float('nan')` and the infinities, integers outside 64 bits, `bytes`,
//!   sets, `Decimal` (float or str: the caller's choice), a naive
//!   `datetime` (no offset: attach a timezone), a UTC offset with seconds
//!   (RFC 3339 has none), `time`, `timedelta` and other objects, and dict
//!   keys that are not `str`: `unsupported_value`;
//! * a container that contains itself: `cyclic_value`;
//! * nesting deeper than [`MAX_DEPTH`] (the core's own limit, counted the
//!   way `cyberdesk_kit::check_depth` counts): `too_deep`;
//! * a `str` holding a lone surrogate: `invalid_string`.
//!
//! Messages say which kind of value and where (`run.input_values.when`),
//! never the value itself, so a sensitive input cannot leak through them.
//!
//! JSON to Python builds plain `dict`, `list`, `str`, `int`, `float`,
//! `bool` and `None`. The walk calls back into Python only for a
//! `datetime`'s `utcoffset()` (its tzinfo's code); it reads every other
//! value's fields directly, so the objects it reads can't change under it.

use cyberdesk_kit::{KitError, MAX_DEPTH};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;

/// An optional argument that tells "not passed" from `None`: a payload
/// argument passed as `None` is JSON `null`, one not passed is absent.
pub enum Arg<'py> {
    /// Not passed.
    Absent,
    /// Passed, possibly as `None`.
    Given(Bound<'py, PyAny>),
}

impl<'a, 'py> FromPyObject<'a, 'py> for Arg<'py> {
    type Error = std::convert::Infallible;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> Result<Self, Self::Error> {
        Ok(Arg::Given(obj.to_owned()))
    }
}

impl<'py> Arg<'py> {
    /// The argument as an optional JSON value (`None` when not passed).
    pub fn to_value(&self, name: &str) -> Result<Option<Value>, KitError> {
        match self {
            Arg::Absent => Ok(None),
            Arg::Given(obj) => to_value(obj, name).map(Some),
        }
    }
}

/// One step of the location reported in a conversion error.
enum Seg {
    Key(String),
    Index(usize),
}

enum FailKind {
    Unsupported(String),
    Cyclic,
    TooDeep,
    BadString,
    BadKey,
}

/// A conversion failure, with its location built while unwinding.
struct Fail {
    kind: FailKind,
    path: Vec<Seg>,
}

impl Fail {
    fn new(kind: FailKind) -> Self {
        Fail {
            kind,
            path: Vec::new(),
        }
    }
    fn at(mut self, seg: Seg) -> Self {
        self.path.push(seg);
        self
    }
    fn into_kit(self, root: &str) -> KitError {
        let mut loc = root.to_owned();
        for seg in self.path.iter().rev() {
            match seg {
                Seg::Key(k) => {
                    loc.push('.');
                    loc.push_str(k);
                }
                Seg::Index(i) => {
                    loc.push('[');
                    loc.push_str(&i.to_string());
                    loc.push(']');
                }
            }
        }
        match self.kind {
            FailKind::Unsupported(what) => KitError::UnsupportedValue {
                message: format!("{what} at {loc} has no JSON form"),
            },
            FailKind::Cyclic => KitError::CyclicValue,
            FailKind::TooDeep => KitError::TooDeep { limit: MAX_DEPTH },
            FailKind::BadString => KitError::InvalidString {
                message: format!(
                    "the str at {loc} holds a lone surrogate, which is not valid Unicode"
                ),
            },
            FailKind::BadKey => KitError::InvalidString {
                message: format!(
                    "a dict key at {loc} holds a lone surrogate, which is not valid Unicode"
                ),
            },
        }
    }
}

/// Keys are shown in locations only when they are short and plain: a
/// location must never become a way to print data.
fn key_for_loc(k: &str) -> String {
    if k.len() <= 64
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '$')
    {
        k.to_owned()
    } else {
        "<key>".to_owned()
    }
}

struct Walker {
    /// Addresses of the containers on the current path (cycle check).
    path: Vec<usize>,
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "object".to_owned())
}

fn describe_unsupported(obj: &Bound<'_, PyAny>) -> String {
    let name = type_name(obj);
    let hint = match name.as_str() {
        "bytes" | "bytearray" | "memoryview" => " (decode it, or base64-encode it for file inputs)",
        "set" | "frozenset" => " (use a list)",
        "Decimal" => " (use float or str)",
        "time" | "timedelta" => " (use str())",
        _ => "",
    };
    format!("a value of type {name}{hint}")
}

/// A Python `str` as Rust text; a lone surrogate is an error.
pub fn py_str<'a>(s: &'a Bound<'_, PyString>) -> Option<Cow<'a, str>> {
    // The UnicodeEncodeError raised for a surrogate is dropped here: the
    // caller reports `invalid_string` instead.
    s.to_cow().ok()
}

impl Walker {
    fn walk(&mut self, obj: &Bound<'_, PyAny>, depth: usize) -> Result<Value, Fail> {
        // The most common value first, by its exact type (a pointer
        // comparison); subclasses of str are taken below.
        if let Ok(s) = obj.cast_exact::<PyString>() {
            return match s.to_str() {
                Ok(text) => Ok(Value::String(text.to_owned())),
                Err(_) => Err(Fail::new(FailKind::BadString)),
            };
        }
        if obj.is_none() {
            return Ok(Value::Null);
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            return Ok(Value::Bool(b.is_true()));
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return match py_str(s) {
                Some(text) => Ok(Value::String(text.into_owned())),
                None => Err(Fail::new(FailKind::BadString)),
            };
        }
        if obj.is_instance_of::<PyInt>() {
            if let Ok(i) = obj.extract::<i64>() {
                return Ok(Value::Number(i.into()));
            }
            if let Ok(u) = obj.extract::<u64>() {
                return Ok(Value::Number(u.into()));
            }
            return Err(Fail::new(FailKind::Unsupported(
                "an int outside the 64-bit range".to_owned(),
            )));
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return match Number::from_f64(f.value()) {
                Some(n) => Ok(Value::Number(n)),
                None => Err(Fail::new(FailKind::Unsupported(
                    "a float that is NaN or infinite".to_owned(),
                ))),
            };
        }
        if let Ok(dict) = obj.cast::<PyDict>() {
            return self.container(obj, depth, dict.is_empty(), |w| {
                let mut map = Map::with_capacity(dict.len());
                for (k, v) in dict.iter() {
                    let key = match k.cast::<PyString>() {
                        Ok(ks) => match py_str(ks) {
                            Some(text) => text.into_owned(),
                            None => return Err(Fail::new(FailKind::BadKey)),
                        },
                        Err(_) => {
                            return Err(Fail::new(FailKind::Unsupported(format!(
                                "a dict key of type {} (keys must be str)",
                                type_name(&k)
                            ))))
                        }
                    };
                    let value = w
                        .walk(&v, depth + 1)
                        .map_err(|f| f.at(Seg::Key(key_for_loc(&key))))?;
                    map.insert(key, value);
                }
                Ok(Value::Object(map))
            });
        }
        if let Ok(list) = obj.cast::<PyList>() {
            return self.container(obj, depth, list.is_empty(), |w| {
                let mut items = Vec::with_capacity(list.len());
                for (i, v) in list.iter().enumerate() {
                    items.push(w.walk(&v, depth + 1).map_err(|f| f.at(Seg::Index(i)))?);
                }
                Ok(Value::Array(items))
            });
        }
        if let Ok(tuple) = obj.cast::<PyTuple>() {
            return self.container(obj, depth, tuple.is_empty(), |w| {
                let mut items = Vec::with_capacity(tuple.len());
                for (i, v) in tuple.iter().enumerate() {
                    items.push(w.walk(&v, depth + 1).map_err(|f| f.at(Seg::Index(i)))?);
                }
                Ok(Value::Array(items))
            });
        }
        if let Some(value) = self.natural(obj, depth)? {
            return Ok(value);
        }
        Err(Fail::new(FailKind::Unsupported(describe_unsupported(obj))))
    }

    /// The standard library's values with one JSON form, written as
    /// pydantic's JSON mode writes them; `None` for any other object.
    fn natural(&mut self, obj: &Bound<'_, PyAny>, depth: usize) -> Result<Option<Value>, Fail> {
        let py = obj.py();
        let is = |module: &str, class: &str| {
            stdlib_class(py, module, class).is_some_and(|c| obj.is_instance(&c).unwrap_or(false))
        };
        if is("datetime", "datetime") {
            return datetime_text(obj).map(|t| Some(Value::String(t)));
        }
        if is("datetime", "date") {
            let (y, m, d) = (
                attr_int(obj, "year")?,
                attr_int(obj, "month")?,
                attr_int(obj, "day")?,
            );
            return Ok(Some(Value::String(format!("{y:04}-{m:02}-{d:02}"))));
        }
        if is("uuid", "UUID") {
            return uuid_text(obj)
                .map(|t| Some(Value::String(t)))
                .ok_or_else(|| {
                    Fail::new(FailKind::Unsupported("a UUID without its int".to_owned()))
                });
        }
        if is("enum", "Enum") {
            // A member is its value (`str`/`int` enums already were, as
            // subclasses); one level only: a value that is a member again
            // is refused rather than followed.
            let value = obj.getattr("value").map_err(|_| {
                Fail::new(FailKind::Unsupported(
                    "an Enum member without a value".to_owned(),
                ))
            })?;
            if is_enum_member(&value) {
                return Err(Fail::new(FailKind::Unsupported(
                    "an Enum member whose value is another Enum member".to_owned(),
                )));
            }
            return self.walk(&value, depth).map(Some);
        }
        Ok(None)
    }

    fn container(
        &mut self,
        obj: &Bound<'_, PyAny>,
        depth: usize,
        empty: bool,
        body: impl FnOnce(&mut Self) -> Result<Value, Fail>,
    ) -> Result<Value, Fail> {
        let id = obj.as_ptr() as usize;
        if self.path.contains(&id) {
            return Err(Fail::new(FailKind::Cyclic));
        }
        // The same rule as the core's `check_depth`: a non-empty container
        // may sit at most MAX_DEPTH - 1 levels down.
        if !empty && depth >= MAX_DEPTH {
            return Err(Fail::new(FailKind::TooDeep));
        }
        self.path.push(id);
        let out = body(self);
        self.path.pop();
        out
    }
}

/// A class of a standard-library module, when that module is imported
/// (nothing can be an instance of a class whose module nobody imported, so
/// nothing is imported here).
fn stdlib_class<'py>(py: Python<'py>, module: &str, class: &str) -> Option<Bound<'py, PyAny>> {
    let modules = py.import("sys").ok()?.getattr("modules").ok()?;
    modules.get_item(module).ok()?.getattr(class).ok()
}

fn is_enum_member(obj: &Bound<'_, PyAny>) -> bool {
    stdlib_class(obj.py(), "enum", "Enum").is_some_and(|c| obj.is_instance(&c).unwrap_or(false))
}

fn attr_int(obj: &Bound<'_, PyAny>, name: &str) -> Result<i64, Fail> {
    obj.getattr(name)
        .and_then(|v| v.extract::<i64>())
        .map_err(|_| {
            Fail::new(FailKind::Unsupported(format!(
                "a date or datetime without an int {name}"
            )))
        })
}

/// A `uuid.UUID` as its canonical text (lowercase, hyphenated), read from
/// its `int` field.
fn uuid_text(obj: &Bound<'_, PyAny>) -> Option<String> {
    let n: u128 = obj.getattr("int").ok()?.extract().ok()?;
    let h = format!("{n:032x}");
    Some(format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    ))
}

/// An aware `datetime` as pydantic's JSON mode writes it:
/// `2024-05-02T10:00:00Z`, `2024-05-02T10:00:00.000123+02:30`.
fn datetime_text(obj: &Bound<'_, PyAny>) -> Result<String, Fail> {
    let offset = obj.call_method0("utcoffset").map_err(|_| {
        Fail::new(FailKind::Unsupported(
            "a datetime whose utcoffset() failed".to_owned(),
        ))
    })?;
    if offset.is_none() {
        return Err(Fail::new(FailKind::Unsupported(
            "a naive datetime (attach a timezone, e.g. tzinfo=datetime.timezone.utc: \
             without one it is no RFC 3339 date-time)"
                .to_owned(),
        )));
    }
    let seconds = attr_int(&offset, "days")? * 86_400 + attr_int(&offset, "seconds")?;
    if attr_int(&offset, "microseconds")? != 0 || seconds % 60 != 0 {
        return Err(Fail::new(FailKind::Unsupported(
            "a datetime whose UTC offset has seconds (RFC 3339 offsets are whole minutes)"
                .to_owned(),
        )));
    }
    let mut text = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        attr_int(obj, "year")?,
        attr_int(obj, "month")?,
        attr_int(obj, "day")?,
        attr_int(obj, "hour")?,
        attr_int(obj, "minute")?,
        attr_int(obj, "second")?,
    );
    let micro = attr_int(obj, "microsecond")?;
    if micro != 0 {
        text.push_str(&format!(".{micro:06}"));
    }
    if seconds == 0 {
        text.push('Z');
    } else {
        let sign = if seconds < 0 { '-' } else { '+' };
        let minutes = seconds.abs() / 60;
        text.push_str(&format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60));
    }
    Ok(text)
}

/// Converts a Python value into JSON. `name` is the argument's name, used
/// to locate problems (`run.input_values.when`).
pub fn to_value(obj: &Bound<'_, PyAny>, name: &str) -> Result<Value, KitError> {
    let mut w = Walker { path: Vec::new() };
    w.walk(obj, 1).map_err(|f| f.into_kit(name))
}

/// Converts a JSON value into plain Python objects.
pub fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any()
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
            for (k, v) in map {
                dict.set_item(key_to_py(py, k), to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// A dict key: the keys of the results' own shapes are interned once
/// (results repeat them per variable, issue and error); others are new.
fn key_to_py<'py>(py: Python<'py>, k: &str) -> Bound<'py, PyString> {
    macro_rules! interned {
        ($($name:literal),*) => {
            match k {
                $($name => pyo3::intern!(py, $name).clone(),)*
                _ => PyString::new(py, k),
            }
        };
    }
    interned!(
        "kind",
        "root",
        "path",
        "raw",
        "start",
        "end",
        "code",
        "severity",
        "message",
        "variable",
        "loc",
        "msg",
        "type",
        "ctx",
        "text",
        "variables",
        "issues",
        "method",
        "headers",
        "body",
        "idempotency_key",
        "warnings",
        "prompt_source",
        "resolved_prompt"
    )
}

/// Validation errors as a list of `ErrorDetails` dicts (`loc`, `msg`,
/// `type`, `ctx` when there is one), built directly: the same dicts
/// [`result_to_py`] makes, without the JSON value in between.
pub fn errors_to_py<'py>(
    py: Python<'py>,
    errors: &[cyberdesk_kit::ValidationError],
) -> PyResult<Bound<'py, PyAny>> {
    let list = PyList::empty(py);
    for e in errors {
        let loc = PyList::empty(py);
        for item in &e.loc {
            match item {
                cyberdesk_kit::LocItem::Key(k) => loc.append(key_to_py(py, k))?,
                cyberdesk_kit::LocItem::Index(i) => loc.append(*i)?,
            }
        }
        let d = PyDict::new(py);
        d.set_item(pyo3::intern!(py, "loc"), loc)?;
        d.set_item(pyo3::intern!(py, "msg"), PyString::new(py, &e.msg))?;
        d.set_item(pyo3::intern!(py, "type"), PyString::new(py, &e.kind))?;
        if let Some(ctx) = &e.ctx {
            let c = PyDict::new(py);
            for (k, v) in ctx {
                c.set_item(key_to_py(py, k), to_py(py, v)?)?;
            }
            d.set_item(pyo3::intern!(py, "ctx"), c)?;
        }
        list.append(d)?;
    }
    Ok(list.into_any())
}

/// A core result (any serde-serializable value) as plain Python objects.
pub fn result_to_py<'py, T: serde::Serialize>(
    py: Python<'py>,
    result: &T,
) -> PyResult<Bound<'py, PyAny>> {
    match serde_json::to_value(result) {
        Ok(v) => to_py(py, &v),
        Err(e) => Err(crate::error::to_py_err(
            py,
            KitError::Internal {
                message: format!("a result did not serialize: {e}"),
            },
        )),
    }
}

// ---------------------------------------------------------------------------
// Scalar arguments: strict, with coded errors instead of TypeError.
// ---------------------------------------------------------------------------

fn arg_type_error(name: &str, expected: &str, obj: &Bound<'_, PyAny>) -> KitError {
    KitError::invalid_argument(format!("{name} must be {expected}, not {}", type_name(obj)))
}

/// A `str` argument.
/// An id argument (`workflow_id`): a `str`, or a `uuid.UUID` written as
/// its canonical text.
pub fn id_arg(obj: &Bound<'_, PyAny>, name: &str) -> Result<String, KitError> {
    if !obj.is_instance_of::<PyString>()
        && stdlib_class(obj.py(), "uuid", "UUID")
            .is_some_and(|c| obj.is_instance(&c).unwrap_or(false))
    {
        if let Some(text) = uuid_text(obj) {
            return Ok(text);
        }
    }
    str_arg(obj, name).map_err(|e| match e {
        KitError::InvalidArgument { .. } => arg_type_error(name, "a str or uuid.UUID", obj),
        other => other,
    })
}

pub fn str_arg(obj: &Bound<'_, PyAny>, name: &str) -> Result<String, KitError> {
    let s = obj
        .cast::<PyString>()
        .map_err(|_| arg_type_error(name, "a str", obj))?;
    py_str(s)
        .map(Cow::into_owned)
        .ok_or_else(|| KitError::InvalidString {
            message: format!("{name} holds a lone surrogate, which is not valid Unicode"),
        })
}

/// An optional `str` argument (`None` is absent).
pub fn opt_str_arg(obj: Option<&Bound<'_, PyAny>>, name: &str) -> Result<Option<String>, KitError> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => str_arg(o, name).map(Some),
    }
}

/// An `int` argument (never a `bool`) in `min..=max`.
pub fn int_arg(obj: &Bound<'_, PyAny>, name: &str, min: i64, max: i64) -> Result<i64, KitError> {
    if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<PyInt>() {
        return Err(arg_type_error(name, "an int", obj));
    }
    match obj.extract::<i64>() {
        Ok(i) if (min..=max).contains(&i) => Ok(i),
        _ => Err(KitError::invalid_argument(format!(
            "{name} must be between {min} and {max}"
        ))),
    }
}

/// An optional `int` argument (`None` is absent).
pub fn opt_int_arg(
    obj: Option<&Bound<'_, PyAny>>,
    name: &str,
    min: i64,
    max: i64,
) -> Result<Option<i64>, KitError> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => int_arg(o, name, min, max).map(Some),
    }
}

/// An optional finite number (`int` or `float`, never a `bool`).
pub fn opt_float_arg(obj: Option<&Bound<'_, PyAny>>, name: &str) -> Result<Option<f64>, KitError> {
    let Some(o) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if o.is_instance_of::<PyBool>()
        || !(o.is_instance_of::<PyInt>() || o.is_instance_of::<PyFloat>())
    {
        return Err(arg_type_error(name, "a number", o));
    }
    match o.extract::<f64>() {
        Ok(f) if f.is_finite() => Ok(Some(f)),
        _ => Err(KitError::invalid_argument(format!(
            "{name} must be a finite number"
        ))),
    }
}

/// A `bool` argument (only `True` or `False`).
pub fn bool_arg(obj: &Bound<'_, PyAny>, name: &str) -> Result<bool, KitError> {
    obj.cast::<PyBool>()
        .map(|b| b.is_true())
        .map_err(|_| arg_type_error(name, "a bool", obj))
}

/// HTTP headers: a mapping of `str` to `str` (a `dict`, or anything with
/// `items()` such as `http.client.HTTPMessage`), or an iterable of
/// `(name, value)` pairs. Repeated names are kept.
pub fn headers_arg(
    obj: Option<&Bound<'_, PyAny>>,
    name: &str,
) -> Result<Vec<(String, String)>, KitError> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Vec::new());
    };
    let bad = || {
        KitError::invalid_argument(format!(
            "{name} must be a mapping of str to str, or a list of (str, str) pairs"
        ))
    };
    let pairs = if let Ok(d) = obj.cast::<PyDict>() {
        d.items().into_any()
    } else if obj.is_instance_of::<PyString>() {
        return Err(bad());
    } else if obj.hasattr("items").unwrap_or(false) {
        obj.call_method0("items").map_err(|_| bad())?
    } else {
        obj.clone()
    };
    let mut out = Vec::new();
    for item in pairs.try_iter().map_err(|_| bad())? {
        let item = item.map_err(|_| bad())?;
        let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract().map_err(|_| bad())?;
        out.push((
            str_arg(&k, "a header name")?,
            str_arg(&v, "a header value")?,
        ));
    }
    Ok(out)
}

static REQUEST_CLASS: pyo3::sync::PyOnceLock<Py<pyo3::types::PyType>> =
    pyo3::sync::PyOnceLock::new();

/// A built request as a `cyberdesk_kit._request.RequestDict`: a plain
/// `dict` whose `repr()` shows the body with sensitive values redacted.
pub fn request_to_py<'py>(
    py: Python<'py>,
    req: &cyberdesk_kit::Request,
) -> PyResult<Bound<'py, PyAny>> {
    // The dict is built field by field (the same keys, in the same order,
    // as the serialized Request), so the body, which can be megabytes, is
    // copied once. The redacted body is made when the request is first
    // printed (RequestDict), not here.
    let fields = PyDict::new(py);
    fields.set_item(pyo3::intern!(py, "method"), req.method.as_str())?;
    fields.set_item(pyo3::intern!(py, "path"), &req.path)?;
    let headers = PyDict::new(py);
    for (k, v) in &req.headers {
        headers.set_item(k, v)?;
    }
    fields.set_item(pyo3::intern!(py, "headers"), headers)?;
    fields.set_item(pyo3::intern!(py, "body"), &req.body)?;
    fields.set_item(pyo3::intern!(py, "idempotency_key"), &req.idempotency_key)?;
    fields.set_item(
        pyo3::intern!(py, "warnings"),
        result_to_py(py, &req.warnings)?,
    )?;
    let class = REQUEST_CLASS.import(py, "cyberdesk_kit._request", "RequestDict")?;
    class.call1((fields,))
}
