//! Host values in and out. Values cross the boundary as JSON text: the
//! JavaScript side checks and writes it (`npm/src/convert.js`), the core
//! parses it with its own limits, and results go back as JSON text for
//! `JSON.parse` (measured cheaper than serde-wasm-bindgen in both
//! directions: see `npm/README.md`).

use cyberdesk_kit::{parse_json, ErrorCode, IssueCode, KitError, Result};
use serde::Serialize;
use serde_json::Value;

/// A required value given as JSON text.
pub fn value(text: &str) -> Result<Value> {
    parse_json(text)
}

/// An optional value: `None` when the host left it out (`undefined`);
/// `Some(null)` when the host gave `null`.
pub fn opt_value(text: Option<&str>) -> Result<Option<Value>> {
    text.map(parse_json).transpose()
}

/// Text given as UTF-8 bytes (`TextEncoder` output): a large prompt
/// crosses as one copy this way, where wasm-bindgen's string passing copies
/// it character by character. The package checks strings for lone
/// surrogates first, so invalid UTF-8 here is a bug of the caller.
pub fn utf8<'a>(bytes: &'a [u8], name: &str) -> Result<&'a str> {
    std::str::from_utf8(bytes).map_err(|_| KitError::InvalidString {
        message: format!("{name} is not valid UTF-8"),
    })
}

/// An optional value given as UTF-8 JSON text (see [`utf8`]).
pub fn opt_value_utf8(bytes: Option<&[u8]>, name: &str) -> Result<Option<Value>> {
    bytes
        .map(|b| utf8(b, name).and_then(parse_json))
        .transpose()
}

/// The arguments of the resolve exports: the prompt and the two optional
/// values, all as UTF-8 bytes.
pub fn resolve_args(
    text: &[u8],
    input_values: Option<Vec<u8>>,
    sensitive_input_values: Option<Vec<u8>>,
) -> Result<(&str, Option<Value>, Option<Value>)> {
    Ok((
        utf8(text, "text")?,
        opt_value_utf8(input_values.as_deref(), "inputValues")?,
        opt_value_utf8(sensitive_input_values.as_deref(), "sensitiveInputValues")?,
    ))
}

/// Headers as JSON text: a list of `[name, value]` string pairs.
pub fn headers(text: &str) -> Result<Vec<(String, String)>> {
    serde_json::from_str(text)
        .map_err(|_| KitError::invalid_argument("headers must map header names to string values"))
}

/// A result as JSON text.
pub fn to_json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| KitError::Internal {
        message: format!("a result could not be encoded as JSON: {e}"),
    })
}

/// The error codes of the core, in table order, as a JSON list.
pub fn error_codes() -> String {
    let codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    serde_json::to_string(&codes).unwrap_or_default()
}

/// The issue codes of the core, in table order, as a JSON list.
pub fn issue_codes() -> String {
    let codes: Vec<&str> = IssueCode::ALL.iter().map(|c| c.as_str()).collect();
    serde_json::to_string(&codes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_and_null_stay_apart() {
        assert_eq!(opt_value(None).unwrap(), None);
        assert_eq!(opt_value(Some("null")).unwrap(), Some(Value::Null));
    }

    #[test]
    fn resolve_arguments_cross_as_utf8() {
        let (text, iv, sv) =
            resolve_args("é {a}".as_bytes(), Some(br#"{"a":1}"#.to_vec()), None).unwrap();
        assert_eq!(text, "é {a}");
        assert_eq!(iv, Some(serde_json::json!({"a": 1})));
        assert_eq!(sv, None);
        let bad = resolve_args(&[0xff, b'{'], None, None).unwrap_err();
        assert_eq!(bad.code(), ErrorCode::InvalidString);
        let bad = resolve_args(b"", Some(b"{".to_vec()), None).unwrap_err();
        assert_eq!(bad.code(), ErrorCode::InvalidJson);
    }

    #[test]
    fn bad_text_is_a_coded_error() {
        assert_eq!(value("{").unwrap_err().code(), ErrorCode::InvalidJson);
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert_eq!(value(&deep).unwrap_err().code(), ErrorCode::TooDeep);
    }

    #[test]
    fn headers_are_pairs() {
        assert_eq!(
            headers(r#"[["Retry-After","3"]]"#).unwrap(),
            vec![("Retry-After".to_owned(), "3".to_owned())]
        );
        assert_eq!(
            headers(r#"[["a",1]]"#).unwrap_err().code(),
            ErrorCode::InvalidArgument
        );
    }

    #[test]
    fn code_lists_are_complete() {
        let e: Vec<String> = serde_json::from_str(&error_codes()).unwrap();
        assert_eq!(e.len(), ErrorCode::ALL.len());
        assert!(e.contains(&"validation_error".to_owned()));
        let i: Vec<String> = serde_json::from_str(&issue_codes()).unwrap();
        assert_eq!(i.len(), IssueCode::ALL.len());
    }
}
