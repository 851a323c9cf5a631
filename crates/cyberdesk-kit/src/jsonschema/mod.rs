//! User JSON Schemas (a workflow's `input_schema` and `output_schema`, a
//! form's schema), applied the way the standard says, draft by draft:
//! draft 4, 6, 7, 2019-09 and 2020-12.
//!
//! * The draft is the one asked for, else the one `$schema` names, else
//!   2020-12 (python-jsonschema's default).
//! * A schema is first checked against its draft's metaschema (shipped
//!   with the crate); one that breaks it, or that holds a pattern that is
//!   not a regular expression, is refused with `invalid_schema`.
//! * `$ref`, `$id`, `$anchor`, `$dynamicRef` / `$dynamicAnchor`,
//!   `$recursiveRef` / `$recursiveAnchor` resolve inside the document and
//!   against the shipped metaschemas; nothing is fetched. A reference to
//!   any other document is reported in the warnings and not checked.
//! * `pattern`s are ECMA-262 regular expressions (see `ecma`); one whose
//!   match runs out of the backtracking budget is a warning, never an
//!   error.
//! * `format` is an annotation: a value that does not meet a known format
//!   is a warning (`input_format_mismatch`), not an error.
//! * Numbers are compared as numbers: `1.0` equals `1` in `enum`, `const`
//!   and `uniqueItems`, and is an integer.
//!
//! Errors have the kit's shape (`loc` is the path in the instance, `msg`,
//! `type`) and never quote the instance. The official JSON-Schema-Test-Suite
//! is run against this module by all three languages' test suites.

mod compile;
mod ecma;
mod eval;
mod formats;
mod meta;
mod num;
mod uri;

use crate::error::{Issue, IssueCode, KitError, LocItem, Result, ValidationError};
use compile::Compiled;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// A JSON Schema draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Draft {
    /// Draft 4 (`http://json-schema.org/draft-04/schema#`).
    Draft4,
    /// Draft 6 (`http://json-schema.org/draft-06/schema#`).
    Draft6,
    /// Draft 7 (`http://json-schema.org/draft-07/schema#`).
    Draft7,
    /// Draft 2019-09 (`https://json-schema.org/draft/2019-09/schema`).
    Draft201909,
    /// Draft 2020-12 (`https://json-schema.org/draft/2020-12/schema`), the
    /// default.
    Draft202012,
}

impl Draft {
    /// Every draft, oldest first.
    pub const ALL: &'static [Draft] = &[
        Draft::Draft4,
        Draft::Draft6,
        Draft::Draft7,
        Draft::Draft201909,
        Draft::Draft202012,
    ];

    /// `"draft4"`, `"draft6"`, `"draft7"`, `"draft2019-09"` or
    /// `"draft2020-12"`: the names the bindings take.
    pub fn as_str(self) -> &'static str {
        match self {
            Draft::Draft4 => "draft4",
            Draft::Draft6 => "draft6",
            Draft::Draft7 => "draft7",
            Draft::Draft201909 => "draft2019-09",
            Draft::Draft202012 => "draft2020-12",
        }
    }

    /// The draft of a name given by [`Draft::as_str`]; an unknown name is
    /// `invalid_argument`, naming the known ones.
    pub fn from_name(name: &str) -> Result<Draft> {
        Draft::ALL
            .iter()
            .copied()
            .find(|d| d.as_str() == name)
            .ok_or_else(|| KitError::InvalidArgument {
                message: format!(
                    "draft must be one of \"draft4\", \"draft6\", \"draft7\", \"draft2019-09\", \"draft2020-12\" (got {name:?})"
                ),
            })
    }

    /// Before 2019-09, `$ref` makes every sibling keyword ignored.
    pub(crate) fn ref_overrides_siblings(self) -> bool {
        self <= Draft::Draft7
    }

    /// Before 2019-09, an `$id` of `#name` names a location.
    pub(crate) fn fragment_ids(self) -> bool {
        self <= Draft::Draft7
    }
}

/// Options of [`validate_instance`].
#[derive(Clone, Copy, Debug, Default)]
pub struct InstanceOptions {
    /// The draft to apply; `None` takes the schema's `$schema`, else
    /// 2020-12.
    pub draft: Option<Draft>,
}

/// What [`validate_instance_report`] found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InstanceReport {
    /// Where the instance breaks the schema; `[]` when valid.
    pub errors: Vec<ValidationError>,
    /// What was not decided or is only advice: format mismatches
    /// (`input_format_mismatch`), patterns the matcher could not decide
    /// (`pattern_undecided`), references to documents the kit doesn't hold
    /// (`schema_ref_unresolved`).
    pub warnings: Vec<Issue>,
}

/// Applies a user's JSON Schema to an instance, following the standard.
///
/// `schema` is a schema (an object or a boolean) or its JSON text (how
/// Cyberdesk stores `input_schema`). Returns every error, `[]` when the
/// instance is valid; `loc` is the path inside the instance.
///
/// # Errors
/// `invalid_schema` when the schema is not JSON, breaks its draft's
/// metaschema, holds a pattern that is not a regular expression, or
/// refers to itself in a cycle that never reaches a value; `too_deep`
/// for a schema or instance nested over 128 levels.
///
/// ```
/// use cyberdesk_kit::{validate_instance, InstanceOptions};
/// use serde_json::json;
///
/// let schema = json!({"type": "object", "required": ["invoice"],
///                     "properties": {"invoice": {"pattern": "^(?!TEST-)[A-Z]+-\\d+$"}}});
/// assert!(validate_instance(&schema, &json!({"invoice": "INV-42"}), InstanceOptions::default())?.is_empty());
/// let errors = validate_instance(&schema, &json!({"invoice": "TEST-1"}), InstanceOptions::default())?;
/// assert_eq!(errors[0].kind, "string_pattern_mismatch");
/// # Ok::<(), cyberdesk_kit::KitError>(())
/// ```
pub fn validate_instance(
    schema: &Value,
    instance: &Value,
    options: InstanceOptions,
) -> Result<Vec<ValidationError>> {
    Ok(validate_instance_report(schema, instance, options)?.errors)
}

/// [`validate_instance`] with the warnings too.
///
/// # Errors
/// As [`validate_instance`].
pub fn validate_instance_report(
    schema: &Value,
    instance: &Value,
    options: InstanceOptions,
) -> Result<InstanceReport> {
    let compiled = match schema {
        Value::String(text) => compile_text(text, options.draft)?,
        other => compile_value(other, options.draft)?,
    };
    apply(&compiled, instance)
}

pub(crate) type Shared = Arc<Compiled>;

/// Applies a compiled schema.
pub(crate) fn apply(compiled: &Compiled, instance: &Value) -> Result<InstanceReport> {
    let (errors, notes) = walk(compiled, instance)?;
    let mut warnings = Vec::new();
    for (loc, format) in notes.formats {
        warnings.push(
            Issue::new(
                IssueCode::InputFormatMismatch,
                format!("the value does not look like a valid {format} (format is an annotation: the server does not refuse it)"),
            )
            .at(loc),
        );
    }
    for (loc, pattern) in notes.undecided {
        warnings.push(
            Issue::new(
                IssueCode::PatternUndecided,
                format!(
                    "pattern '{pattern}' needs more backtracking than the kit allows; not checked"
                ),
            )
            .at(loc),
        );
    }
    for u in notes.unresolved {
        warnings.push(Issue::new(
            IssueCode::SchemaRefUnresolved,
            format!(
                "$ref {u:?} points to a document the kit doesn't hold; what it says is not checked"
            ),
        ));
    }
    Ok(InstanceReport { errors, warnings })
}

/// The errors and the notes (formats, undecided patterns, references not
/// followed) of one application.
fn walk(compiled: &Compiled, instance: &Value) -> Result<(Vec<ValidationError>, eval::Notes)> {
    crate::json::check_depth(instance)?;
    let mut walk = eval::Walk::new(compiled);
    walk.run(instance)?;
    Ok((walk.errors, walk.notes))
}

fn invalid(message: impl Into<String>) -> KitError {
    KitError::InvalidSchema {
        message: message.into(),
    }
}

const CACHE_ENTRIES: usize = 64;
/// Schemas whose text is longer are compiled each time rather than kept:
/// 64 entries of at most 1 MiB bound the cache's memory.
const CACHE_MAX_TEXT: usize = 1 << 20;
type Cache = Mutex<HashMap<(String, Option<Draft>), Result<Shared>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The cached compilation of `key`'s schema, or `compile()` of it.
fn cached(
    key: (String, Option<Draft>),
    compile: impl FnOnce() -> Result<Shared>,
) -> Result<Shared> {
    if let Ok(map) = cache().lock() {
        if let Some(hit) = map.get(&key) {
            return hit.clone();
        }
    }
    let result = compile();
    if key.0.len() <= CACHE_MAX_TEXT {
        if let Ok(mut map) = cache().lock() {
            if map.len() >= CACHE_ENTRIES {
                map.clear();
            }
            map.insert(key, result.clone());
        }
    }
    result
}

/// Compiles a schema given as JSON text (cached by its text).
pub(crate) fn compile_text(text: &str, draft: Option<Draft>) -> Result<Shared> {
    cached((text.to_owned(), draft), || {
        crate::json::parse_json(text)
            .map_err(|e| match e {
                KitError::InvalidJson { message } => invalid(format!("not JSON: {message}")),
                other => other,
            })
            .and_then(|v| compile_uncached(&v, draft))
    })
}

/// Compiles a parsed schema (cached by its compact text).
pub(crate) fn compile_value(schema: &Value, draft: Option<Draft>) -> Result<Shared> {
    crate::json::check_depth(schema)?;
    let text = serde_json::to_string(schema).map_err(|e| invalid(e.to_string()))?;
    cached((text, draft), || compile_uncached(schema, draft))
}

fn compile_uncached(schema: &Value, draft: Option<Draft>) -> Result<Shared> {
    crate::json::check_depth(schema)?;
    if !matches!(schema, Value::Object(_) | Value::Bool(_)) {
        return Err(invalid(format!(
            "a schema must be an object or a boolean, not {}",
            crate::json::type_name(schema)
        )));
    }
    let draft = draft
        .or_else(|| compile::declared_draft(schema))
        .unwrap_or(Draft::Draft202012);
    // The schema must be one by its draft's metaschema.
    let meta = metaschema(draft)?;
    let (errors, notes) = walk(&meta, schema)?;
    if let Some(e) = errors.first() {
        return Err(invalid(format!(
            "at {}: {} (the {} metaschema)",
            pointer_of(&e.loc),
            e.msg,
            draft.as_str()
        )));
    }
    // Every pattern of the document is a regular expression, where the
    // walk reaches it or not (`"format": "regex"` in the metaschema, which
    // python-jsonschema's check_schema asserts too).
    if let Some((loc, _)) = notes.formats.iter().find(|(_, f)| f == "regex") {
        return Err(invalid(format!(
            "at {}: not an ECMA-262 regular expression",
            pointer_of(loc)
        )));
    }
    let c = compile::Compiler::new(schema, draft);
    c.finish().map(Arc::new).map_err(invalid)
}

/// A draft's metaschema, compiled once.
fn metaschema(draft: Draft) -> Result<Shared> {
    static METAS: OnceLock<Vec<std::result::Result<Shared, String>>> = OnceLock::new();
    let all = METAS.get_or_init(|| {
        Draft::ALL
            .iter()
            .map(|d| {
                let doc = meta::document(meta::uri_of(*d))
                    .ok_or_else(|| format!("the {} metaschema is missing", d.as_str()))?;
                compile::Compiler::new(doc, *d).finish().map(Arc::new)
            })
            .collect()
    });
    let i = Draft::ALL.iter().position(|d| *d == draft).unwrap_or(0);
    match all.get(i) {
        Some(Ok(m)) => Ok(m.clone()),
        Some(Err(why)) => Err(KitError::Internal {
            message: format!("a shipped metaschema does not compile: {why}"),
        }),
        None => Err(KitError::Internal {
            message: "no metaschema for the draft".into(),
        }),
    }
}

/// A location as a JSON Pointer fragment (`#/properties/a`).
pub(crate) fn pointer_of(loc: &[LocItem]) -> String {
    let mut s = String::from("#");
    for item in loc {
        s.push('/');
        match item {
            LocItem::Key(k) => s.push_str(&uri::escape_token(k)),
            LocItem::Index(i) => s.push_str(&i.to_string()),
        }
    }
    s
}

/// JSON equality with numbers compared as numbers, exactly (`1.0` equals
/// `1`; `9007199254740992.0` does not equal `9007199254740993`).
pub(crate) fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => num::cmp(x, y) == Some(std::cmp::Ordering::Equal),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

/// A canonical text for hashing: numbers as numbers, keys sorted.
fn canonical(v: &Value, out: &mut String) {
    match v {
        Value::Number(n) => out.push_str(&num::canonical(n)),
        Value::Array(a) => {
            out.push('[');
            for x in a {
                canonical(x, out);
                out.push(',');
            }
            out.push(']');
        }
        Value::Object(o) => {
            let mut keys: Vec<&String> = o.keys().collect();
            keys.sort();
            out.push('{');
            for k in keys {
                out.push_str(&serde_json::to_string(k).unwrap_or_default());
                out.push(':');
                if let Some(x) = o.get(k) {
                    canonical(x, out);
                }
                out.push(',');
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// `uniqueItems`: no two items equal as JSON values.
pub(crate) fn all_unique(items: &[Value]) -> bool {
    if items.len() <= 16 {
        for (i, a) in items.iter().enumerate() {
            if items[i + 1..].iter().any(|b| json_eq(a, b)) {
                return false;
            }
        }
        return true;
    }
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    for x in items {
        let mut s = String::new();
        canonical(x, &mut s);
        if !seen.insert(s) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn errs(schema: Value, v: Value) -> Vec<String> {
        validate_instance(&schema, &v, InstanceOptions::default())
            .unwrap()
            .into_iter()
            .map(|e| e.kind)
            .collect()
    }

    #[test]
    fn numbers_compare_as_numbers() {
        assert!(errs(json!({"enum": [1]}), json!(1.0)).is_empty());
        assert!(errs(json!({"const": {"a": [2]}}), json!({"a": [2.0]})).is_empty());
        assert_eq!(
            errs(json!({"uniqueItems": true}), json!([1, 1.0])),
            ["list_not_unique"]
        );
        let many: Vec<Value> = (0..40)
            .map(|i| json!({"k": i}))
            .chain([json!({"k": 3.0})])
            .collect();
        assert_eq!(
            errs(json!({"uniqueItems": true}), Value::Array(many)),
            ["list_not_unique"]
        );
        assert!(errs(json!({"type": "integer"}), json!(2.0)).is_empty());
        assert!(errs(json!({"maxLength": 2.0}), json!("ab")).is_empty());
        assert!(errs(json!({"multipleOf": 0.0001}), json!(0.0075)).is_empty());
        assert!(errs(
            json!({"maximum": 9007199254740993u64}),
            json!(9007199254740993u64)
        )
        .is_empty());
    }

    #[test]
    fn drafts_are_chosen_by_option_then_schema_then_default() {
        let legacy = json!({"$schema": "http://json-schema.org/draft-04/schema#",
                            "maximum": 5, "exclusiveMaximum": true});
        assert_eq!(errs(legacy.clone(), json!(5)), ["less_than"]);
        // Draft 7: `$ref` siblings are ignored.
        let s = json!({"$defs": {"a": {"type": "string"}}, "$ref": "#/$defs/a", "maxLength": 1});
        let d7 = InstanceOptions {
            draft: Some(Draft::Draft7),
        };
        assert!(validate_instance(&s, &json!("abc"), d7).unwrap().is_empty());
        assert_eq!(errs(s, json!("abc")), ["string_too_long"]);
        assert!(matches!(
            Draft::from_name("draft3"),
            Err(KitError::InvalidArgument { .. })
        ));
    }

    #[test]
    fn schemas_that_are_not_schemas_are_refused() {
        for bad in [
            json!({"type": "strin"}),
            json!({"minLength": -1}),
            json!({"properties": {"a": 3}}),
            json!({"pattern": "("}),
            json!(3),
            json!("{not json"),
        ] {
            let e = validate_instance(&bad, &json!(1), InstanceOptions::default()).unwrap_err();
            assert_eq!(e.code().as_str(), "invalid_schema", "{bad}");
        }
        let cyclic = json!({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"});
        let e = validate_instance(&cyclic, &json!(1), InstanceOptions::default()).unwrap_err();
        assert_eq!(e.code().as_str(), "invalid_schema");
    }

    #[test]
    fn formats_warn_and_remote_refs_are_not_checked() {
        let r = validate_instance_report(
            &json!({"properties": {"e": {"format": "email"}, "r": {"$ref": "https://example.com/x.json"}}}),
            &json!({"e": "nope", "r": 1}),
            InstanceOptions::default(),
        )
        .unwrap();
        assert!(r.errors.is_empty());
        let codes: Vec<&str> = r.warnings.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(codes, ["input_format_mismatch", "schema_ref_unresolved"]);
        assert_eq!(r.warnings[0].loc, Some(vec![LocItem::Key("e".into())]));
    }

    #[test]
    fn schema_text_is_accepted() {
        let s = Value::String(r#"{"required": ["a"]}"#.into());
        assert_eq!(errs(s, json!({})), ["missing"]);
    }
}

#[cfg(test)]
mod deep_tests {
    use super::*;
    use serde_json::json;

    /// The deepest instance the kit takes (128 levels) through a recursive
    /// schema with annotations. Measured (2026-11-30, `cargo test
    /// --release`): 288 KB of stack is enough, 272 KB is not, so the
    /// optimized run gets 384 KB (wasm has 1 MB; the 256 KB this test gave
    /// before overflowed); an unoptimized test build has frames about ten
    /// times larger, hence the thread.
    #[test]
    fn deepest_instances_and_recursive_schemas_fit_the_stack() {
        let stack = if cfg!(debug_assertions) {
            16 << 20
        } else {
            384 << 10
        };
        let run = std::thread::Builder::new().stack_size(stack).spawn(deepest);
        assert!(run.unwrap().join().is_ok());
    }

    fn deepest() {
        let mut v = json!(1);
        for _ in 0..63 {
            v = json!({"a": [v]});
        }
        let schema = json!({"$defs": {"n": {"anyOf": [
            {"type": "integer"},
            {"type": "object", "properties": {"a": {"type": "array", "items": {"$ref": "#/$defs/n"}}},
             "unevaluatedProperties": false}
        ]}}, "$ref": "#/$defs/n"});
        assert!(validate_instance(&schema, &v, InstanceOptions::default())
            .unwrap()
            .is_empty());
    }
}
