//! User-supplied JSON Schema documents (a workflow's `input_schema` and
//! `output_schema`): checking that they are valid, and applying them.
//!
//! These go through the `jsonschema` crate, configured for hostile input:
//! formats asserted, `pattern` compiled with the linear-time `regex` engine
//! (a catastrophic pattern can't backtrack), no file or network retrieval,
//! depth bounded before compilation. Compiled validators are cached by
//! schema text, so a workflow's schema compiles once per process.

use crate::error::LocItem;
use crate::json::{check_depth, MAX_DEPTH};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// Why a schema text can't be used.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum SchemaProblem {
    /// Not JSON (or nested over the limit).
    NotJson(String),
    /// JSON, but not a valid JSON Schema document.
    NotSchema(String),
}

pub(crate) type Compiled = Arc<jsonschema::Validator>;

const CACHE_ENTRIES: usize = 64;

fn cache() -> &'static Mutex<HashMap<String, Result<Compiled, SchemaProblem>>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Result<Compiled, SchemaProblem>>>> =
        OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Compiles a schema given as text, or says why it can't be used.
pub(crate) fn compile(text: &str) -> Result<Compiled, SchemaProblem> {
    if let Ok(map) = cache().lock() {
        if let Some(hit) = map.get(text) {
            return hit.clone();
        }
    }
    let result = compile_uncached(text);
    if let Ok(mut map) = cache().lock() {
        if map.len() >= CACHE_ENTRIES {
            map.clear();
        }
        map.insert(text.to_owned(), result.clone());
    }
    result
}

fn compile_uncached(text: &str) -> Result<Compiled, SchemaProblem> {
    let schema = crate::json::parse_json(text).map_err(|e| match e {
        crate::KitError::TooDeep { .. } => {
            SchemaProblem::NotJson(format!("nested deeper than {MAX_DEPTH} levels"))
        }
        other => SchemaProblem::NotJson(match other {
            crate::KitError::InvalidJson { message } => message,
            o => o.to_string(),
        }),
    })?;
    check_depth(&schema).map_err(|e| SchemaProblem::NotJson(e.to_string()))?;
    if !matches!(schema, Value::Object(_) | Value::Bool(_)) {
        return Err(SchemaProblem::NotSchema(format!(
            "a schema must be an object or a boolean, not {}",
            crate::json::type_name(&schema)
        )));
    }
    if let Err(e) = jsonschema::meta::validate(&schema) {
        return Err(SchemaProblem::NotSchema(describe_meta_error(&e)));
    }
    jsonschema::options()
        .should_validate_formats(true)
        .with_pattern_options(jsonschema::PatternOptions::regex())
        .build(&schema)
        .map(Arc::new)
        .map_err(|e| SchemaProblem::NotSchema(e.masked().to_string()))
}

fn describe_meta_error(e: &jsonschema::ValidationError<'_>) -> String {
    let at = e.instance_path().as_str();
    let at = if at.is_empty() { "the root" } else { at };
    format!("at {at}: {}", e.masked())
}

/// One violation of a user schema, located and worded without the value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Violation {
    /// Path into the instance.
    pub path: Vec<LocItem>,
    /// For a missing required property at the root: its name.
    pub missing_root_key: Option<String>,
    /// The message, with values masked.
    pub message: String,
}

/// Applies a compiled schema to an instance; every violation.
pub(crate) fn violations(schema: &Compiled, instance: &Value) -> Vec<Violation> {
    schema
        .iter_errors(instance)
        .map(|e| {
            let path: Vec<LocItem> = e
                .instance_path()
                .segments()
                .map(|s| match s {
                    jsonschema::paths::LocationSegment::Property(p) => LocItem::Key(p.into_owned()),
                    jsonschema::paths::LocationSegment::Index(i) => LocItem::Index(i),
                })
                .collect();
            let missing_root_key = match e.kind() {
                jsonschema::error::ValidationErrorKind::Required { property }
                    if path.is_empty() =>
                {
                    property.as_str().map(str::to_owned)
                }
                _ => None,
            };
            Violation {
                path,
                missing_root_key,
                message: e.masked().to_string(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn problems_are_told_apart() {
        assert!(matches!(compile("{"), Err(SchemaProblem::NotJson(_))));
        assert!(matches!(compile("3"), Err(SchemaProblem::NotSchema(_))));
        assert!(matches!(
            compile(r#"{"type": "strin"}"#),
            Err(SchemaProblem::NotSchema(_))
        ));
        assert!(matches!(
            compile(r#"{"$ref": "https://example.com/s.json"}"#),
            Err(SchemaProblem::NotSchema(_))
        ));
        assert!(compile(r#"{"type": "object"}"#).is_ok());
    }

    #[test]
    fn catastrophic_patterns_run_in_linear_time() {
        let schema =
            compile(r#"{"properties": {"x": {"type": "string", "pattern": "^(a+)+$"}}}"#).unwrap();
        let evil = "a".repeat(50_000) + "!";
        let v = violations(&schema, &json!({ "x": evil }));
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].path, vec![LocItem::Key("x".into())]);
    }

    #[test]
    fn messages_mask_values() {
        let schema =
            compile(r#"{"properties": {"$pin": {"type": "integer"}}, "required": ["$key"]}"#)
                .unwrap();
        let v = violations(&schema, &json!({ "$pin": "CANARY-1234" }));
        assert!(v.iter().all(|x| !x.message.contains("CANARY")));
        assert!(v
            .iter()
            .any(|x| x.missing_root_key.as_deref() == Some("$key")));
    }
}
