//! The prompt history operations (issue 10) behind one export,
//! `promptHistory(operation, args)`: one export dispatching by name costs
//! less of the package's size budget than one export per operation (each
//! export carries its own glue). Thin like the rest: convert, call the
//! core, convert back.
//!
//! `args` are the operation's arguments in order, each as JSON text (texts
//! too, as JSON strings), `""` for an argument the caller left out.

use crate::convert;
use cyberdesk_kit::{KitError, Pin, PromptHistory, Result, RunContext, RunOptions, VersionMeta};
use serde_json::Value;

/// The arguments of one call.
struct Args<'a>(&'a [String]);

impl Args<'_> {
    /// Argument `i`, `None` when left out.
    fn opt(&self, i: usize) -> Result<Option<Value>> {
        match self.0.get(i).map(String::as_str) {
            None | Some("") => Ok(None),
            Some(text) => convert::value(text).map(Some),
        }
    }

    /// Argument `i`, required (`null` when left out, for the core to refuse).
    fn value(&self, i: usize) -> Result<Value> {
        Ok(self.opt(i)?.unwrap_or(Value::Null))
    }

    /// A string argument (checked as a string by the JavaScript side).
    fn str(&self, i: usize, name: &str) -> Result<String> {
        match self.value(i)? {
            Value::String(s) => Ok(s),
            _ => Err(KitError::invalid_argument(format!(
                "{name} must be a string"
            ))),
        }
    }

    fn opt_str(&self, i: usize, name: &str) -> Result<Option<String>> {
        match self.opt(i)? {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(KitError::invalid_argument(format!(
                "{name} must be a string"
            ))),
        }
    }

    fn history(&self, i: usize) -> Result<PromptHistory> {
        PromptHistory::from_value(&self.value(i)?)
    }

    fn pin(&self, i: usize) -> Result<Pin> {
        Pin::from_value(&self.value(i)?)
    }
}

/// Runs `operation` (the Python name) on `args`; the result as JSON text.
pub fn call(operation: &str, args: &[String]) -> Result<String> {
    let a = Args(args);
    match operation {
        "prompt_content_id" => convert::to_json(&cyberdesk_kit::content_id(&a.str(0, "text")?)),
        "create_prompt_history" => convert::to_json(&PromptHistory::new()),
        "parse_prompt_history" => convert::to_json(&PromptHistory::parse(&a.str(0, "text")?)?),
        "serialize_prompt_history" => convert::to_json(&a.history(0)?.to_json()),
        "add_prompt_version" => {
            let mut h = a.history(0)?;
            let text = a.str(1, "text")?;
            let note = a.opt_str(2, "note")?;
            let created_at = a.opt_str(3, "createdAt")?;
            let meta = VersionMeta {
                note: note.as_deref(),
                created_at: created_at.as_deref(),
            };
            h.add_version(&text, meta)?;
            convert::to_json(&h)
        }
        "move_prompt_label" => {
            let mut h = a.history(0)?;
            let label = a.str(1, "label")?;
            let to = match a.opt(2)? {
                None | Some(Value::Null) => None,
                Some(v) => Some(Pin::from_value(&v)?),
            };
            h.move_label(&label, to.as_ref())?;
            convert::to_json(&h)
        }
        "select_prompt_version" => {
            let h = a.history(0)?;
            let v = h.select(&a.pin(1)?)?;
            convert::to_json(&h.describe(v))
        }
        "compare_prompts" => convert::to_json(&cyberdesk_kit::compare_prompts(
            &a.str(0, "old")?,
            &a.str(1, "new")?,
        )?),
        "compare_prompt_versions" => convert::to_json(&cyberdesk_kit::compare_prompt_versions(
            &a.history(0)?,
            &a.pin(1)?,
            &a.pin(2)?,
        )?),
        "check_prompt_text" => convert::to_json(&cyberdesk_kit::check_prompt_text(
            &a.str(0, "text")?,
            &a.value(1)?,
        )?),
        "check_prompt_version" => convert::to_json(&cyberdesk_kit::check_prompt_version(
            &a.history(0)?,
            &a.pin(1)?,
            &a.value(2)?,
        )?),
        "build_pinned_run" | "build_run_batch" => {
            // [history, pin | batch_key, run | items, workflow,
            //  idempotency_key, machine, machine sensitive, pool]
            let h = a.history(0)?;
            let workflow = a.opt(3)?;
            let key = a.opt_str(4, "idempotencyKey")?;
            let (mp, msp, pp) = (a.opt(5)?, a.opt(6)?, a.opt(7)?);
            let opts = RunOptions {
                idempotency_key: key.as_deref(),
                workflow: workflow.as_ref(),
                context: RunContext {
                    machine_parameters: mp.as_ref(),
                    machine_sensitive_parameters: msp.as_ref(),
                    pool_parameters: pp.as_ref(),
                    spec: None,
                },
            };
            if operation == "build_pinned_run" {
                let req = cyberdesk_kit::build_pinned_run(&h, &a.pin(1)?, &a.value(2)?, opts)?;
                convert::to_json(&req)
            } else {
                let batch_key = a.str(1, "batchKey")?;
                let reqs = cyberdesk_kit::build_run_batch(&h, &batch_key, &a.value(2)?, opts)?;
                convert::to_json(&reqs)
            }
        }
        "batch_idempotency_key" => convert::to_json(&cyberdesk_kit::batch_idempotency_key(
            &a.str(0, "batchKey")?,
            &a.str(1, "itemKey")?,
        )?),
        "diff_prompt_mirror" => convert::to_json(&cyberdesk_kit::diff_prompt_mirror(
            &a.value(0)?,
            &a.history(1)?,
            &a.pin(2)?,
        )?),
        "check_prompt_drift" => convert::to_json(&cyberdesk_kit::check_prompt_drift(
            &a.value(0)?,
            &a.history(1)?,
        )?),
        _ => Err(KitError::invalid_argument(format!(
            "no prompt history operation is called {operation:?}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cyberdesk_kit::ErrorCode;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn texts_cross_as_json_strings() {
        let id = call("prompt_content_id", &args(&[r#""abc""#])).unwrap();
        assert_eq!(
            id,
            r#""sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad""#
        );
    }

    #[test]
    fn a_left_out_pin_is_refused_by_the_core() {
        let h = call("create_prompt_history", &[]).unwrap();
        let e = call("select_prompt_version", &args(&[&h, ""])).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidArgument);
    }

    #[test]
    fn an_unknown_operation_is_a_coded_error() {
        let e = call("drop_history", &[]).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidArgument);
    }
}
