//! The smallest `WorkflowUpdate` between two workflow states, and its
//! inverse, applying an update to a state.

use crate::error::{KitError, Result};
use crate::schema::Spec;
use serde_json::{Map, Value};

/// Fields of a post-run check that the server owns: never compared, never sent.
const SERVER_OWNED: &[&str] = &[
    "id",
    "organization_id",
    "user_id",
    "order",
    "created_at",
    "updated_at",
    "workflow_id",
];

fn object<'v>(v: &'v Value, name: &str) -> Result<&'v Map<String, Value>> {
    crate::json::check_depth(v)?;
    v.as_object()
        .ok_or_else(|| KitError::invalid_argument(format!("{name} must be an object (a workflow)")))
}

/// The value of `field` as the server would hold it, so that spellings of
/// the same state compare equal (absent = null, `[]` = null for lists,
/// `false` for absent booleans, all-null metadata = null).
fn normalized(spec: &Spec, field: &str, v: Option<&Value>) -> Value {
    let v = v.cloned().unwrap_or(Value::Null);
    match field {
        "includes_file_exports" | "is_webhooks_enabled" if v.is_null() => Value::Bool(false),
        "terminal_command_allowlist" | "post_run_checks"
            if v.as_array().is_some_and(Vec::is_empty) =>
        {
            Value::Null
        }
        "post_run_checks" => match v {
            Value::Array(items) => {
                Value::Array(items.iter().map(|c| normalized_check(spec, c)).collect())
            }
            other => other,
        },
        "model_metadata" | "workflow_metadata" => match v {
            Value::Object(m) => {
                let mut m = m;
                m.retain(|_, x| !x.is_null());
                if m.is_empty() {
                    Value::Null
                } else {
                    m.sort_keys();
                    Value::Object(m)
                }
            }
            other => other,
        },
        _ => v,
    }
}

fn upsert_fields(spec: &Spec) -> Vec<String> {
    spec.property_names("WorkflowPostRunCheckUpsert")
        .map(|names| names.into_iter().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// A check with server-owned fields dropped and defaults filled in.
fn normalized_check(spec: &Spec, check: &Value) -> Value {
    let Some(c) = check.as_object() else {
        return check.clone();
    };
    let mut out = Map::new();
    for f in upsert_fields(spec) {
        if SERVER_OWNED.contains(&f.as_str()) {
            continue;
        }
        let v = match (f.as_str(), c.get(&f)) {
            ("allow_missing_attachments", None | Some(Value::Null)) => Value::Bool(false),
            ("file_names", Some(Value::Array(a))) if a.is_empty() => Value::Null,
            (_, Some(v)) => v.clone(),
            (_, None) => Value::Null,
        };
        out.insert(f, v);
    }
    Value::Object(out)
}

/// A desired check as an upsert: only upsert fields, keeping its identity
/// (its own `id`, or the id of the current check with the same name).
fn as_upsert(spec: &Spec, check: &Value, current: Option<&Value>) -> Value {
    let Some(c) = check.as_object() else {
        return check.clone();
    };
    let fields = upsert_fields(spec);
    let mut out = Map::new();
    for f in &fields {
        if let Some(v) = c.get(f) {
            out.insert(f.clone(), v.clone());
        }
    }
    if !out.get("id").is_some_and(Value::is_string) {
        let name = c.get("name");
        let existing = current
            .and_then(Value::as_array)
            .and_then(|list| {
                list.iter()
                    .find(|x| x.get("name") == name && name.is_some())
            })
            .and_then(|x| x.get("id"))
            .filter(|id| id.is_string());
        if let Some(id) = existing {
            out.insert("id".into(), id.clone());
        }
    }
    Value::Object(out)
}

/// The smallest update that turns `current` (a WorkflowResponse) into
/// `desired`. Fields absent from `desired` are left alone; fields that are
/// not part of `WorkflowUpdate` (ids, timestamps, tags) are ignored.
pub fn diff_workflow_update(current: &Value, desired: &Value) -> Result<Value> {
    let spec = Spec::embedded()?;
    let cur = object(current, "current")?;
    let want = object(desired, "desired")?;
    let mut patch = Map::new();
    for field in spec.property_names("WorkflowUpdate")? {
        let Some(d) = want.get(field) else { continue };
        let c = cur.get(field);
        if normalized(spec, field, c) == normalized(spec, field, Some(d)) {
            continue;
        }
        let value = match (field, d) {
            ("workflow_metadata", Value::Object(dm)) => {
                let cm = c.and_then(Value::as_object);
                let mut changed = Map::new();
                for (k, v) in dm {
                    let before = cm.and_then(|m| m.get(k)).unwrap_or(&Value::Null);
                    if before != v {
                        changed.insert(k.clone(), v.clone());
                    }
                }
                Value::Object(changed)
            }
            ("post_run_checks", Value::Array(items)) => {
                Value::Array(items.iter().map(|x| as_upsert(spec, x, c)).collect())
            }
            _ => d.clone(),
        };
        patch.insert(field.to_owned(), value);
    }
    Ok(Value::Object(patch))
}

/// `current` with `update` applied the way the server applies a PATCH:
/// absent keys unchanged, null clears, `workflow_metadata` merged key by
/// key (a key set to null is removed).
pub fn apply_workflow_update(current: &Value, update: &Value) -> Result<Value> {
    let mut out = object(current, "current")?.clone();
    for (k, v) in object(update, "update")? {
        match (k.as_str(), v) {
            ("workflow_metadata", Value::Object(patch)) => {
                let mut meta = out
                    .get(k)
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default();
                for (mk, mv) in patch {
                    if mv.is_null() {
                        meta.shift_remove(mk);
                    } else {
                        meta.insert(mk.clone(), mv.clone());
                    }
                }
                out.insert(k.clone(), Value::Object(meta));
            }
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn minimal_and_round_trips() {
        let current = json!({
            "id": "550e8400-e29b-41d4-a716-446655440000", "main_prompt": "v1", "name": "n",
            "terminal_command_allowlist": null, "includes_file_exports": false,
            "workflow_metadata": {"has_unaddressed_error": true, "last_errored_run_uuid": null},
            "post_run_checks": [{"id": "550e8400-e29b-41d4-a716-446655440001", "name": "c", "type": "run_attachment_exists",
              "file_target_mode": "exact", "file_names": ["a.pdf"], "order": 0, "organization_id": "o",
              "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}]
        });
        let same = json!({"main_prompt": "v1", "terminal_command_allowlist": [], "id": "other",
            "post_run_checks": [{"name": "c", "type": "run_attachment_exists", "file_target_mode": "exact", "file_names": ["a.pdf"]}]});
        assert_eq!(diff_workflow_update(&current, &same).unwrap(), json!({}));
        let desired = json!({"main_prompt": "v2", "workflow_metadata": {"has_unaddressed_error": false},
            "post_run_checks": [{"name": "c", "type": "run_attachment_exists", "file_target_mode": "exact", "file_names": ["b.pdf"]}]});
        let patch = diff_workflow_update(&current, &desired).unwrap();
        assert_eq!(patch["main_prompt"], "v2");
        assert_eq!(
            patch["workflow_metadata"],
            json!({"has_unaddressed_error": false})
        );
        assert_eq!(
            patch["post_run_checks"][0]["id"],
            "550e8400-e29b-41d4-a716-446655440001"
        );
        let applied = apply_workflow_update(&current, &patch).unwrap();
        assert_eq!(diff_workflow_update(&applied, &desired).unwrap(), json!({}));
    }
}
