//! Hostile input gets a coded error or a correct answer, never a panic or
//! a stack overflow. Times are printed, not asserted (benchmarks own speed).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)]

use cyberdesk_kit as kit;
use kit::ErrorCode;
use serde_json::{json, Value};
use std::time::Instant;

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let r = f();
    println!("{what}: {:?}", t.elapsed());
    r
}

fn deep_text(n: usize) -> String {
    "[".repeat(n) + &"]".repeat(n)
}

#[test]
fn json_nested_100k_deep() {
    let text = deep_text(100_000);
    let e = timed("parse 100k-deep JSON", || kit::parse_json(&text)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::TooDeep);
    let e = kit::validate_json(None, "WorkflowUpdate", &text).unwrap_err();
    assert_eq!(e.code(), ErrorCode::TooDeep);
    let e = kit::parse_response("create_run", 200, &[], &text).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidResponse);
    let e = kit::Spec::from_json(&text).unwrap_err();
    assert_eq!(e.code(), ErrorCode::TooDeep);
}

#[test]
fn deep_schema_strings_are_refused_not_overflowed() {
    let schema = "{\"items\":".repeat(100_000) + "{}" + &"}".repeat(100_000);
    let e = kit::build_workflow_update(
        "550e8400-e29b-41d4-a716-446655440000",
        &json!({ "input_schema": schema }),
        Default::default(),
    )
    .unwrap_err();
    assert_eq!(e.errors()[0].kind, "json_invalid");
}

#[test]
fn a_50_mb_prompt_is_refused() {
    let text = "a".repeat(50 * 1024 * 1024);
    let e = timed("refuse 50 MB prompt", || kit::parse_prompt(&text)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::TooLarge);
    let e = kit::resolve_prompt(&text, None, None).unwrap_err();
    assert_eq!(e.code(), ErrorCode::TooLarge);
    let run = json!({"workflow_id": "550e8400-e29b-41d4-a716-446655440000"});
    let e =
        kit::preflight_run(&run, &json!({ "main_prompt": text }), Default::default()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::TooLarge);
}

#[test]
fn a_10_mb_prompt_resolves() {
    let text = "Use {a.b} and {$c} then {{d}}. ".repeat(10 * 1024 * 1024 / 32);
    let r = timed("resolve 10 MB prompt", || {
        kit::resolve_prompt(
            &text,
            Some(&json!({"a": {"b": "x"}})),
            Some(&json!({"c": 1})),
        )
    })
    .unwrap();
    assert_eq!(r.variables.len(), 3 * (10 * 1024 * 1024 / 32));
    assert!(r.text.starts_with("Use x and {$c} then {{d}}."));
}

#[test]
fn brace_floods_are_linear() {
    for (name, text) in [
        ("100k {", "{".repeat(100_000)),
        ("100k {{", "{{".repeat(100_000)),
        ("100k {$", "{$".repeat(100_000)),
        ("100k \\{", "\\{".repeat(100_000)),
        ("50k {a['", "{a['".repeat(50_000)),
        ("50k {a.", "{a.".repeat(50_000)),
        ("100k }", "}".repeat(100_000)),
    ] {
        let r = timed(name, || kit::resolve_prompt(&text, None, None)).unwrap();
        assert!(r.variables.is_empty(), "{name}");
    }
    let text = "{a}".repeat(100_000);
    let r = timed("100k variables", || {
        kit::resolve_prompt(&text, Some(&json!({"a": 1})), None)
    })
    .unwrap();
    assert_eq!(r.text, "1".repeat(100_000));
}

#[test]
fn catastrophic_user_pattern_is_linear() {
    let workflow = json!({
        "main_prompt": "{x}",
        "input_schema": r#"{"type":"object","properties":{"x":{"type":"string","pattern":"^(a+)+$"}}}"#,
    });
    let run = json!({
        "workflow_id": "550e8400-e29b-41d4-a716-446655440000",
        "machine_id": "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
        "input_values": {"x": "a".repeat(100_000) + "!"},
    });
    let p = timed("catastrophic pattern on 100k chars", || {
        kit::preflight_run(&run, &workflow, Default::default())
    })
    .unwrap();
    assert_eq!(p.issues.len(), 1);
    assert_eq!(p.issues[0].code, kit::IssueCode::InputSchemaViolation);
}

#[test]
fn length_checks_stop_early() {
    // A 170 KB prompt is "non-empty" after one character.
    let update = json!({"main_prompt": "x".repeat(170_000), "name": "é".repeat(10_000_000)});
    let errs = timed("validate 10M-char name", || {
        kit::validate("WorkflowUpdate", &update)
    })
    .unwrap();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].kind, "string_too_long");
}

#[test]
fn garbage_responses() {
    for (status, body) in [
        (200, ""),
        (200, "null"),
        (200, "\u{0}"),
        (200, "{\"id\": 1}"),
        (503, "\u{feff}<html>"),
        (422, "{\"detail\": [1, \"x\", null, {\"loc\": \"body\"}]}"),
        (422, "{\"detail\": {\"weird\": true}}"),
        (418, "{}"),
    ] {
        let e = kit::parse_response("update_workflow", status, &[], body).unwrap_err();
        assert!(
            matches!(e.code(), ErrorCode::Api | ErrorCode::InvalidResponse),
            "{status} {body:?}"
        );
    }
    let e = kit::parse_response("create_run", 0, &[], "{}").unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidArgument);
}

#[test]
fn malformed_spec_documents() {
    for text in [
        "",
        "[]",
        "{\"components\": []}",
        "{\"components\": {\"schemas\": {\"A\": 5}}}",
        "{\"components\": {\"schemas\": {\"A\": {\"properties\": []}}}}",
        "{\"components\": {\"schemas\": {\"A\": {\"minLength\": -1}}}}",
        "{\"components\": {\"schemas\": {\"A\": {\"pattern\": \"(\"}}}}",
        "{\"components\": {\"schemas\": {\"A\": {\"$ref\": \"#/nowhere\"}}}}",
    ] {
        let e = kit::Spec::from_json(text).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidSpec, "{text}");
    }
    // A self-referencing component compiles; validation is bounded.
    let spec = kit::Spec::from_json(
        r##"{"components":{"schemas":{"A":{"$ref":"#/components/schemas/A"}}}}"##,
    )
    .unwrap();
    let e = kit::validate_with(&spec, "A", &Value::Null).unwrap_err();
    assert_eq!(e.code(), ErrorCode::TooDeep);
}
