//! What a run will do, before it is sent (cyberdesk-facts §2-§4).

use crate::error::{Issue, IssueCode, KitError, LocItem, Result};
use crate::prompt::{is_ref, resolve_prompt_with, Offsets, Variable};
use crate::request::routing_warnings;
use crate::schema::Spec;
use crate::validate::walk_component;
use serde::Serialize;
use serde_json::{Map, Value};

/// Where the effective prompt came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PromptSource {
    /// The run's `main_prompt` override.
    Override,
    /// The workflow's stored `main_prompt`.
    Workflow,
}

/// The preflight report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Preflight {
    /// Override or stored prompt.
    pub prompt_source: PromptSource,
    /// The effective prompt with input variables resolved.
    pub resolved_prompt: String,
    /// The variables of the effective prompt.
    pub variables: Vec<Variable>,
    /// Everything found, most structural first.
    pub issues: Vec<Issue>,
}

/// The machine, pool and spec a run will meet.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunContext<'a> {
    /// The machine's desktop parameters (second in precedence). Giving them
    /// means the machine is known.
    pub machine_parameters: Option<&'a Value>,
    /// The machine's sensitive parameters (after the run's own).
    pub machine_sensitive_parameters: Option<&'a Value>,
    /// The selected pool's parameters (last in precedence).
    pub pool_parameters: Option<&'a Value>,
    /// Validate against this document instead of the embedded one.
    pub spec: Option<&'a Spec>,
}

/// Omitted, null or blank: lets a lower-precedence source fill the key.
fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Merges sources by precedence: the first non-blank value of a key wins;
/// when every source is blank, the first present value stays.
pub fn merge_inputs(sources: &[Option<&Map<String, Value>>]) -> Map<String, Value> {
    let mut out = Map::new();
    for src in sources.iter().flatten() {
        for (k, v) in *src {
            match out.get(k) {
                None => {
                    out.insert(k.clone(), v.clone());
                }
                Some(cur) if is_blank(cur) && !is_blank(v) => {
                    out.insert(k.clone(), v.clone());
                }
                Some(_) => {}
            }
        }
    }
    out
}

/// Whether a prompt speaks of skipping post-run checks.
pub(crate) fn mentions_skipping_checks(prompt: &str) -> bool {
    let norm: String = prompt
        .chars()
        .map(|c| {
            if c == '_' || c == '-' {
                ' '
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    let words: Vec<&str> = norm.split_whitespace().collect();
    let joined = words.join(" ");
    joined.contains("skip post run checks") || joined.contains("skip the post run checks")
}

/// What the run will do: effective prompt, merged inputs, coverage, the
/// workflow's `input_schema`, and whether an override tries to authorize
/// skipping post-run checks. Offsets in UTF-8 bytes.
pub fn preflight_run(run: &Value, workflow: &Value, ctx: RunContext<'_>) -> Result<Preflight> {
    preflight_run_with(run, workflow, ctx, Offsets::Utf8)
}

/// [`preflight_run`] with variable offsets counted in `unit`.
pub fn preflight_run_with(
    run: &Value,
    workflow: &Value,
    ctx: RunContext<'_>,
    unit: Offsets,
) -> Result<Preflight> {
    let spec = match ctx.spec {
        Some(s) => s,
        None => Spec::embedded()?,
    };
    crate::json::check_depth(run)?;
    crate::json::check_depth(workflow)?;
    let run_obj = run
        .as_object()
        .ok_or_else(|| KitError::invalid_argument("run must be an object (a RunCreate payload)"))?;
    let stored = stored_prompt(workflow)?;
    let mut issues: Vec<Issue> = Vec::new();

    let r = walk_component(spec, "RunCreate", run, "body", false)?;
    for e in &r.errors {
        issues.push(Issue::new(IssueCode::InvalidRunField, e.msg.clone()).at(e.loc.clone()));
    }
    issues.extend(routing_warnings(run_obj));

    let (prompt, source) = match run_obj.get("main_prompt") {
        Some(Value::String(p)) if !p.is_empty() => (p.as_str(), PromptSource::Override),
        _ => (stored, PromptSource::Workflow),
    };
    if source == PromptSource::Override && prompt == stored {
        issues.push(Issue::new(
            IssueCode::OverrideMatchesStored,
            "the main_prompt override is the workflow's stored prompt; omit it to follow the workflow",
        ));
    }

    // A run field of the wrong type is already an invalid_run_field issue.
    let field = |k: &str| run_obj.get(k).and_then(Value::as_object);
    let inputs = merge_inputs(&[
        field("input_values"),
        crate::json::object_arg(ctx.machine_parameters, "machine_parameters")?,
        crate::json::object_arg(ctx.pool_parameters, "pool_parameters")?,
    ]);
    let sensitive = merge_inputs(&[
        field("sensitive_input_values"),
        crate::json::object_arg(
            ctx.machine_sensitive_parameters,
            "machine_sensitive_parameters",
        )?,
    ]);
    let inputs_v = Value::Object(inputs);
    let sensitive_v = Value::Object(sensitive);
    let resolution = resolve_prompt_with(prompt, Some(&inputs_v), Some(&sensitive_v), unit)?;
    issues.extend(resolution.issues);

    let machine_known = ctx.machine_parameters.is_some()
        || ["machine_id", "session_id"]
            .iter()
            .any(|k| run_obj.get(*k).is_some_and(Value::is_string));
    if let Some(Value::String(schema_text)) = workflow.get("input_schema") {
        schema_issues(
            schema_text,
            &inputs_v,
            &sensitive_v,
            machine_known,
            &mut issues,
        );
    }

    if source == PromptSource::Override
        && mentions_skipping_checks(prompt)
        && !mentions_skipping_checks(stored)
    {
        issues.push(skip_not_authorized());
    }

    Ok(Preflight {
        prompt_source: source,
        resolved_prompt: resolution.text,
        variables: resolution.variables,
        issues: crate::error::cap_issues(issues),
    })
}

/// The workflow's stored `main_prompt`; `invalid_argument` without one.
pub(crate) fn stored_prompt(workflow: &Value) -> Result<&str> {
    workflow
        .get("main_prompt")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            KitError::invalid_argument("workflow must be an object with a string main_prompt")
        })
}

/// A prompt other than the stored one speaks of skipping post-run checks.
pub(crate) fn skip_not_authorized() -> Issue {
    Issue::new(
        IssueCode::SkipChecksNotAuthorized,
        "the override speaks of skipping post-run checks, but only the workflow's stored prompt can authorize skip_post_run_checks: the checks will still run",
    )
}

/// The workflow's `input_schema` can't be compiled.
pub(crate) fn unusable_schema(e: &KitError) -> Issue {
    Issue::new(
        IssueCode::InvalidInputSchema,
        format!(
            "the workflow's input_schema can't be used: {}",
            schema_problem(e)
        ),
    )
}

fn schema_issues(
    schema_text: &str,
    inputs: &Value,
    sensitive: &Value,
    machine_known: bool,
    issues: &mut Vec<Issue>,
) {
    let schema = match crate::jsonschema::compile_text(schema_text, None) {
        Ok(s) => s,
        Err(e) => {
            issues.push(unusable_schema(&e));
            return;
        }
    };
    // The instance the server validates: inputs, plus `$`-prefixed
    // sensitive roots. `$ref` values are the server's to resolve: left out.
    let mut instance = Map::new();
    let mut deferred: Vec<String> = Vec::new();
    for (src, prefix) in [(inputs, ""), (sensitive, "$")] {
        if let Some(m) = src.as_object() {
            for (k, v) in m {
                let key = format!("{prefix}{k}");
                if is_ref(v) {
                    deferred.push(key);
                } else if !v.is_null() {
                    instance.insert(key, v.clone());
                }
            }
        }
    }
    let report = match crate::jsonschema::apply(&schema, &Value::Object(instance)) {
        Ok(r) => r,
        Err(e) => {
            issues.push(Issue::new(
                IssueCode::InvalidInputSchema,
                format!(
                    "the workflow's input_schema can't be applied: {}",
                    schema_problem(&e)
                ),
            ));
            return;
        }
    };
    // Located from the run: `["input_values", "a", ...]` or
    // `["sensitive_input_values", "pin"]`.
    let run_loc = |path: &[LocItem]| match path.first() {
        Some(LocItem::Key(k)) => {
            let mut l = root_loc(k);
            l.extend(path.iter().skip(1).cloned());
            l
        }
        _ => vec![LocItem::Key("input_values".into())],
    };
    for e in report.errors {
        let missing_root_key = match (e.kind.as_str(), e.loc.as_slice()) {
            ("missing", [LocItem::Key(k)]) => Some(k.clone()),
            _ => None,
        };
        if let Some(missing) = &missing_root_key {
            if deferred.contains(missing) {
                continue;
            }
            if !machine_known {
                issues.push(Issue::new(
                    IssueCode::DeferredRequiredInput,
                    format!("input {missing} is required but missing; the machine is not known yet, so its parameters may still supply it"),
                ));
                continue;
            }
        }
        issues.push(
            Issue::new(
                IssueCode::InputSchemaViolation,
                format!("input_schema: {}", e.msg),
            )
            .at(run_loc(&e.loc)),
        );
    }
    for w in report.warnings {
        let loc = w.loc.as_deref().map(run_loc);
        let mut issue = Issue::new(w.code, format!("input_schema: {}", w.message));
        issue.loc = loc;
        issues.push(issue);
    }
}

/// What is wrong with a schema, without the error's own prefix.
fn schema_problem(e: &KitError) -> String {
    match e {
        KitError::InvalidSchema { message } => message.clone(),
        other => other.to_string(),
    }
}

fn root_loc(key: &str) -> Vec<LocItem> {
    match key.strip_prefix('$') {
        Some(k) => vec![
            LocItem::Key("sensitive_input_values".into()),
            LocItem::Key(k.into()),
        ],
        None => vec![
            LocItem::Key("input_values".into()),
            LocItem::Key(key.into()),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn precedence_and_blanks() {
        let run = json!({"a": "", "b": null, "c": "run", "e": "__EMPTY__"});
        let machine =
            json!({"a": "machine", "b": "machine", "c": "machine", "d": "machine", "e": "machine"});
        let pool = json!({"d": "pool", "f": "pool"});
        let m = merge_inputs(&[run.as_object(), machine.as_object(), pool.as_object()]);
        assert_eq!(
            Value::Object(m),
            json!({"a": "machine", "b": "machine", "c": "run", "e": "__EMPTY__", "d": "machine", "f": "pool"})
        );
    }

    #[test]
    fn skip_wording() {
        assert!(mentions_skipping_checks(
            "You may call declare_task_succeeded(skip_post_run_checks=True)"
        ));
        assert!(mentions_skipping_checks("If so, skip the post-run checks."));
        assert!(!mentions_skipping_checks("Run all checks."));
    }
}
