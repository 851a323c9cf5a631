//! The demo: a workflow builder pins run #2 of an invoice workflow to its
//! own prompt version v7, checks it before sending, and prints the report
//! and the exact request a host would send.
#![allow(clippy::print_stdout)]

use cyberdesk_kit::{build_run_create, preflight_run, KitError, RunContext, RunOptions, Severity};
use serde_json::json;

fn main() -> Result<(), KitError> {
    // The workflow as GET /v1/workflows/{id} returns it (trimmed).
    let workflow = json!({
        "id": "550e8400-e29b-41d4-a716-446655440000",
        "main_prompt": "Open the ERP and enter invoice {invoice.number}.",
        "input_schema": r#"{"type": "object", "required": ["invoice", "$erp_password"],
                            "properties": {"invoice": {"type": "object", "required": ["number"]}}}"#,
    });
    // Prompt version v7 lives in the builder, not on the workflow.
    let run = json!({
        "workflow_id": "550e8400-e29b-41d4-a716-446655440000",
        "main_prompt": "v7: Log in with {$erp_password}. Enter invoice {invoice.number} for {invoice.customer['display-name']}, dated {invoice.date}. Then store the confirmation as {{confirmation_id}}.",
        "input_values": {"invoice": {"number": "INV-2026-0042", "customer": {"display-name": "Acme GmbH"}}},
        "sensitive_input_values": {"erp_password": "hunter2"},
        "pool_ids": ["0b7e6f9a-1c2d-4e3f-9a8b-7c6d5e4f3a2b"],
    });

    let report = preflight_run(&run, &workflow, RunContext::default())?;
    println!("== preflight ==");
    println!("prompt source : {:?}", report.prompt_source);
    println!("resolved      : {}", report.resolved_prompt);
    println!("variables     :");
    for v in &report.variables {
        println!(
            "  {:<10} {:<40} bytes {}..{}",
            v.kind.as_str(),
            v.raw,
            v.start,
            v.end
        );
    }
    println!("issues        :");
    for i in &report.issues {
        println!(
            "  [{}] {}: {}",
            i.severity.as_str(),
            i.code.as_str(),
            i.message
        );
    }
    if report.issues.iter().any(|i| i.severity == Severity::Error) {
        println!("the run would fail; not building it");
        return Ok(());
    }

    let request = build_run_create(
        &run,
        RunOptions {
            idempotency_key: Some("demo-run-0002"),
            workflow: Some(&workflow),
            ..Default::default()
        },
    )?;
    println!("\n== request ==");
    println!(
        "{} https://api.cyberdesk.io{}",
        request.method.as_str(),
        request.path
    );
    for (k, v) in &request.headers {
        println!("{k}: {v}");
    }
    println!("Authorization: Bearer <added by the host>");
    println!();
    println!("{}", request.redacted_body());
    println!("(sensitive values shown redacted; request.body holds them for the server)");
    println!("\nDebug form (safe to log): {request:?}");

    prompt_versions(&workflow, &run)?;

    // What the server would say to a broken update, before it is sent.
    let rejected = cyberdesk_kit::build_workflow_update(
        "not-a-uuid",
        &json!({"main_promt": "v8", "name": 42}),
        Default::default(),
    );
    if let Err(err) = rejected {
        println!("\n== a rejected update ==");
        println!("code: {}", err.code());
        println!(
            "{}",
            serde_json::to_string_pretty(&err.errors()).unwrap_or_default()
        );
    }
    Ok(())
}

/// The builder's own version history: v6 is the stored prompt (labelled
/// production), v7 the latest; a run pinned to v7, a batch over both with
/// deterministic keys, and the update that would make the stored prompt v7.
fn prompt_versions(workflow: &serde_json::Value, run: &serde_json::Value) -> Result<(), KitError> {
    use cyberdesk_kit::{
        batch_idempotency_key, build_pinned_run, build_run_batch, check_prompt_drift,
        compare_prompt_versions, diff_prompt_mirror, parse_prompt_history, Pin, PromptHistory,
        VersionMeta,
    };
    println!("\n== prompt versions ==");
    let v6 = workflow["main_prompt"].as_str().unwrap_or_default();
    let v7 = run["main_prompt"].as_str().unwrap_or_default();
    let mut history = PromptHistory::new();
    let meta = |note| VersionMeta {
        note: Some(note),
        created_at: Some("2026-11-30T09:00:00Z"),
    };
    history.add_version(v6, meta("v6, live"))?;
    history.add_version(v7, meta("v7, with the ERP login"))?;
    history.move_label("production", Some(&Pin::Number(1)))?;
    // What the builder stores (anywhere), and reads back checked.
    let stored = history.to_json();
    let history = parse_prompt_history(&stored)?;
    println!(
        "stored history: {} bytes, {} versions",
        stored.len(),
        history.versions().len()
    );
    for v in history.versions() {
        let d = history.describe(v);
        println!("  v{} {} {:?}", d.number, &d.id[..19], d.labels);
    }
    let drift = check_prompt_drift(workflow, &history)?;
    println!(
        "workflow's stored prompt is version {:?} {:?}",
        drift.number, drift.labels
    );
    let change = compare_prompt_versions(&history, &Pin::parse("production")?, &Pin::Latest)?;
    println!(
        "production -> latest: inputs newly needed {:?}, sensitive added {:?}, skip wording {:?}",
        change.inputs_newly_needed, change.sensitive_added, change.skip_checks_wording
    );
    let mut base = run.clone();
    if let Some(o) = base.as_object_mut() {
        o.remove("main_prompt");
    }
    let opts = || cyberdesk_kit::RunOptions {
        workflow: Some(workflow),
        ..Default::default()
    };
    let pinned = build_pinned_run(&history, &Pin::Latest, &base, opts())?;
    println!("pinned run (latest): {}", pinned.redacted_body());
    let items = json!([{"pin": "latest", "run": base}, {"pin": "production", "run": base}]);
    for (i, r) in build_run_batch(&history, "invoices-2026-11-30", &items, opts())?
        .iter()
        .enumerate()
    {
        let key = r.idempotency_key.clone().unwrap_or_default();
        let again = batch_idempotency_key("invoices-2026-11-30", &i.to_string())?;
        println!(
            "batch item {i}: Idempotency-Key {key} (re-derived: {})",
            key == again
        );
    }
    // Mirroring: the WorkflowUpdate that makes the stored prompt a version.
    let to_latest = diff_prompt_mirror(workflow, &history, &Pin::Latest)?;
    let to_production = diff_prompt_mirror(workflow, &history, &Pin::parse("production")?)?;
    println!(
        "mirror latest    : {}",
        cyberdesk_kit::to_compact(&to_latest)
    );
    println!(
        "mirror production: {} (nothing to send)",
        cyberdesk_kit::to_compact(&to_production)
    );
    Ok(())
}
