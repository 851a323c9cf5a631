//! User-supplied JSON Schema documents (a workflow's `input_schema` and
//! `output_schema`): checking that they are valid, and applying them.
//!
//! They are compiled by the same compiler and walked by the same validator
//! as the OpenAPI document, so their errors have the same shape and the
//! same wording in every language, and never contain a value. In this mode
//! unknown keywords are annotations (as JSON Schema says), `pattern` runs on
//! the linear-time `regex` engine (a catastrophic pattern can't backtrack),
//! only local `$ref`s resolve (nothing is fetched), and the few assertion
//! keywords the validator does not implement are reported, not ignored in
//! silence. Compiled schemas are cached by their text.

use crate::error::{KitError, LocItem};
use crate::json::MAX_DEPTH;
use crate::schema::{NodeId, Spec};
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

/// A compiled user schema.
#[derive(Debug)]
pub(crate) struct UserSchema {
    spec: Spec,
    root: NodeId,
    /// Keywords skipped as unsupported (`"unevaluatedProperties at #"`).
    pub unsupported: Vec<String>,
}

pub(crate) type Compiled = Arc<UserSchema>;

const CACHE_ENTRIES: usize = 64;

type Cache = Mutex<HashMap<String, Result<Compiled, SchemaProblem>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
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
        KitError::TooDeep { .. } => {
            SchemaProblem::NotJson(format!("nested deeper than {MAX_DEPTH} levels"))
        }
        KitError::InvalidJson { message } => SchemaProblem::NotJson(message),
        other => SchemaProblem::NotJson(other.to_string()),
    })?;
    if !matches!(schema, Value::Object(_) | Value::Bool(_)) {
        return Err(SchemaProblem::NotSchema(format!(
            "a schema must be an object or a boolean, not {}",
            crate::json::type_name(&schema)
        )));
    }
    match Spec::from_user_schema(&schema) {
        Ok((spec, root, unsupported)) => Ok(Arc::new(UserSchema {
            spec,
            root,
            unsupported,
        })),
        Err(KitError::InvalidSpec { message }) => Err(SchemaProblem::NotSchema(message)),
        Err(other) => Err(SchemaProblem::NotSchema(other.to_string())),
    }
}

/// One violation of a user schema, located from the instance's root.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Violation {
    /// Path into the instance.
    pub path: Vec<LocItem>,
    /// For a missing required property at the root: its name.
    pub missing_root_key: Option<String>,
    /// The message (never the value).
    pub message: String,
}

/// Applies a compiled schema to an instance; every violation.
pub(crate) fn violations(
    schema: &UserSchema,
    instance: &Value,
) -> Result<Vec<Violation>, KitError> {
    let report =
        crate::validate::report_node(&schema.spec, schema.root, instance, Vec::new(), false)?;
    Ok(report
        .errors
        .into_iter()
        .map(|e| {
            let missing_root_key = match (e.kind.as_str(), e.loc.as_slice()) {
                ("missing", [LocItem::Key(k)]) => Some(k.clone()),
                _ => None,
            };
            Violation {
                path: e.loc,
                missing_root_key,
                message: e.msg,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(schema: &str, v: Value) -> Vec<String> {
        let s = compile(schema).unwrap();
        violations(&s, &v)
            .unwrap()
            .into_iter()
            .map(|x| x.message)
            .collect()
    }

    #[test]
    fn problems_are_told_apart() {
        assert!(matches!(compile("{"), Err(SchemaProblem::NotJson(_))));
        assert!(matches!(compile("3"), Err(SchemaProblem::NotSchema(_))));
        assert!(matches!(
            compile(r#"{"type": "strin"}"#),
            Err(SchemaProblem::NotSchema(_))
        ));
        assert!(matches!(
            compile(r#"{"minLength": -1}"#),
            Err(SchemaProblem::NotSchema(_))
        ));
        assert!(matches!(
            compile(r#"{"properties": {"a": 3}}"#),
            Err(SchemaProblem::NotSchema(_))
        ));
        assert!(matches!(
            compile(r#"{"pattern": "("}"#),
            Err(SchemaProblem::NotSchema(_))
        ));
        assert!(matches!(
            compile(r#"{"$ref": "https://example.com/s.json"}"#),
            Err(SchemaProblem::NotSchema(_))
        ));
        assert!(compile(r#"{"type": "object", "x-ui": {"widget": 1}}"#).is_ok());
        assert!(compile("true").is_ok());
        let s = compile(r#"{"unevaluatedProperties": false}"#).unwrap();
        assert_eq!(s.unsupported, ["unevaluatedProperties at #"]);
    }

    #[test]
    fn keywords_of_user_schemas() {
        let s = r##"{
            "$defs": {"id": {"type": "string", "minLength": 2}},
            "type": "object",
            "properties": {"a": {"$ref": "#/$defs/id"}, "n": {"type": "number", "exclusiveMinimum": 0}},
            "patternProperties": {"^x-": {"type": "integer"}},
            "propertyNames": {"maxLength": 8},
            "dependentRequired": {"a": ["b"]},
            "if": {"required": ["n"]}, "then": {"required": ["c"]},
            "not": {"required": ["nope"]}
        }"##;
        assert!(check(s, json!({"a": "ok", "b": 1})).is_empty());
        assert_eq!(
            check(s, json!({"a": "x", "b": 1})),
            ["String should have at least 2 characters"]
        );
        assert_eq!(check(s, json!({"a": "ok"})), ["Field required"]);
        assert_eq!(
            check(s, json!({"x-1": "s"})),
            ["Input should be a valid integer"]
        );
        assert_eq!(
            check(s, json!({"averylongname": 1})),
            ["String should have at most 8 characters"]
        );
        assert_eq!(check(s, json!({"n": 1})), ["Field required"]);
        assert_eq!(
            check(s, json!({"n": 0, "c": 1})),
            ["Input should be greater than 0"]
        );
        assert_eq!(
            check(s, json!({"nope": 1})),
            ["Input should not match the excluded schema"]
        );
        let arr = r#"{"prefixItems": [{"type": "string"}], "items": {"type": "integer"}, "contains": {"const": 3}}"#;
        assert!(check(arr, json!(["a", 3])).is_empty());
        assert_eq!(
            check(arr, json!([1, 2])),
            [
                "Input should be a valid string",
                "List should contain at least 1 matching item"
            ]
        );
        let draft4 = r#"{"minimum": 5, "exclusiveMinimum": true, "items": [{"type": "string"}]}"#;
        assert_eq!(check(draft4, json!(5)), ["Input should be greater than 5"]);
        assert_eq!(check("false", json!(1)), ["No value is allowed here"]);
    }

    #[test]
    fn catastrophic_patterns_run_in_linear_time() {
        let schema =
            compile(r#"{"properties": {"x": {"type": "string", "pattern": "^(a+)+$"}}}"#).unwrap();
        let evil = "a".repeat(50_000) + "!";
        let v = violations(&schema, &json!({ "x": evil })).unwrap();
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].path, vec![LocItem::Key("x".into())]);
    }

    #[test]
    fn messages_never_hold_values() {
        let schema = compile(
            r#"{"properties": {"$pin": {"type": "integer", "enum": [1]}}, "required": ["$key"]}"#,
        )
        .unwrap();
        let v = violations(&schema, &json!({ "$pin": "CANARY-1234" })).unwrap();
        assert!(v.iter().all(|x| !x.message.contains("CANARY")));
        assert!(v
            .iter()
            .any(|x| x.missing_root_key.as_deref() == Some("$key")));
    }
}
