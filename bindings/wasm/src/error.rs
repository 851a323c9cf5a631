//! Core errors to the plain `{code, message, errors?, issues?, status?}`
//! JSON the JavaScript `KitError` is built from. One conversion for every
//! error: the code decides the class on the JS side, never the message.

use cyberdesk_kit::{ErrorCode, KitError, MAX_DEPTH};

/// The plain form of a core error, as JSON text.
pub fn error_json(e: &KitError) -> String {
    // `KitError` serializes to strings, numbers and lists of plain structs,
    // so this cannot fail; keep a well-formed fallback all the same.
    serde_json::to_string(e).unwrap_or_else(|_| {
        r#"{"code":"internal_error","message":"internal error: an error could not be encoded"}"#
            .to_owned()
    })
}

/// An error found by the JavaScript side while converting a host value
/// (a lone surrogate, a `Map`, a cycle, ...), given by its code, so that its
/// message is worded by the core like every other error.
pub fn host_error(code: &str, detail: String) -> KitError {
    match ErrorCode::from_str_code(code) {
        Some(ErrorCode::UnsupportedValue) => KitError::UnsupportedValue { message: detail },
        Some(ErrorCode::CyclicValue) => KitError::CyclicValue,
        Some(ErrorCode::InvalidString) => KitError::InvalidString { message: detail },
        Some(ErrorCode::TooDeep) => KitError::TooDeep { limit: MAX_DEPTH },
        Some(ErrorCode::InvalidArgument) => KitError::InvalidArgument { message: detail },
        _ => KitError::Internal {
            message: format!("the JavaScript side reported an error with code {code:?}: {detail}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cyberdesk_kit::{LocItem, ValidationError};
    use serde_json::{json, Value};

    fn plain(e: &KitError) -> Value {
        serde_json::from_str(&error_json(e)).unwrap()
    }

    #[test]
    fn validation_error_keeps_its_list() {
        let e = KitError::Validation {
            errors: vec![ValidationError::new(
                vec![LocItem::from("body"), LocItem::from("name")],
                "missing",
                "Field required",
            )],
        };
        let p = plain(&e);
        assert_eq!(p["code"], "validation_error");
        assert_eq!(
            p["errors"],
            json!([{"loc": ["body", "name"], "msg": "Field required", "type": "missing"}])
        );
        assert!(p.get("status").is_none());
    }

    #[test]
    fn api_error_has_status() {
        let e = KitError::Api {
            status: 503,
            message: "Service Unavailable".into(),
            errors: vec![],
        };
        let p = plain(&e);
        assert_eq!(p["status"], 503);
        assert_eq!(p["code"], "api_error");
    }

    #[test]
    fn host_errors_are_worded_by_the_core() {
        assert_eq!(
            host_error("cyclic_value", String::new()).code(),
            ErrorCode::CyclicValue
        );
        assert_eq!(
            host_error("too_deep", String::new()),
            KitError::TooDeep { limit: MAX_DEPTH }
        );
        let e = host_error("unsupported_value", "NaN at payload.x".into());
        assert_eq!(e.to_string(), "unsupported value: NaN at payload.x");
        assert_eq!(
            host_error("invalid_string", "x".into()).code(),
            ErrorCode::InvalidString
        );
        assert_eq!(
            host_error("invalid_argument", "x".into()).code(),
            ErrorCode::InvalidArgument
        );
        assert_eq!(host_error("nope", "x".into()).code(), ErrorCode::Internal);
    }
}
