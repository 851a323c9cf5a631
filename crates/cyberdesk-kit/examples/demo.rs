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
