//! The hostile-input catalogue: every entry gets its coded error (or its
//! correct answer) within a generous time bound, never a panic or a stack
//! overflow. The suite prints each entry's time; speed itself is measured
//! by the benchmarks, so the bound only catches runaway cases.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)]

use cyberdesk_kit as kit;
use kit::{ErrorCode, KitError};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const W: &str = "550e8400-e29b-41d4-a716-446655440000";
const BOUND: Duration = Duration::from_secs(5);

/// What an entry must give.
enum Want {
    /// An error with this code.
    Code(ErrorCode),
    /// A result; the closure checks it and returns whether it is right.
    Fine,
}

type Check = Box<dyn Fn() -> Result<bool, KitError>>;

fn deep_array(n: usize) -> Value {
    let mut v = json!(0);
    for _ in 0..n {
        v = Value::Array(vec![v]);
    }
    v
}

fn deep_object(n: usize) -> Value {
    let mut v = json!(0);
    for _ in 0..n {
        v = json!({ "a": v });
    }
    v
}

fn deep_text(n: usize) -> String {
    "[".repeat(n) + &"]".repeat(n)
}

fn run_with(schema: &str, inputs: Value) -> Result<bool, KitError> {
    let workflow = json!({ "main_prompt": "{x}", "input_schema": schema });
    let run = json!({ "workflow_id": W, "machine_id": W, "input_values": inputs });
    let p = kit::preflight_run(&run, &workflow, Default::default())?;
    Ok(p.issues
        .iter()
        .any(|i| i.code == kit::IssueCode::InputSchemaViolation))
}

fn catalogue() -> Vec<(&'static str, Want, Check)> {
    use Want::{Code, Fine};
    let big = 50 * 1024 * 1024;
    vec![
        // Nesting
        (
            "JSON text 100k arrays deep",
            Code(ErrorCode::TooDeep),
            Box::new(|| kit::parse_json(&deep_text(100_000)).map(|_| true)),
        ),
        (
            "JSON text 100k objects deep",
            Code(ErrorCode::TooDeep),
            Box::new(|| kit::parse_json(&"{\"a\":".repeat(100_000)).map(|_| true)),
        ),
        (
            "validate_json 100k deep",
            Code(ErrorCode::TooDeep),
            Box::new(|| {
                kit::validate_json(None, "WorkflowUpdate", &deep_text(100_000)).map(|_| true)
            }),
        ),
        (
            "validate value 200 deep",
            Code(ErrorCode::TooDeep),
            Box::new(|| {
                kit::validate(
                    "RunCreate",
                    &json!({"workflow_id": W, "input_values": {"x": deep_array(200)}}),
                )
                .map(|_| true)
            }),
        ),
        (
            "validate object 129 deep",
            Code(ErrorCode::TooDeep),
            Box::new(|| kit::validate("RunCreate", &deep_object(129)).map(|_| true)),
        ),
        (
            "update 300 deep",
            Code(ErrorCode::TooDeep),
            Box::new(|| {
                kit::build_workflow_update(W, &json!({"name": deep_array(300)}), Default::default())
                    .map(|_| true)
            }),
        ),
        (
            "run 300 deep",
            Code(ErrorCode::TooDeep),
            Box::new(|| {
                kit::build_run_create(
                    &json!({"workflow_id": W, "input_values": deep_object(300)}),
                    Default::default(),
                )
                .map(|_| true)
            }),
        ),
        (
            "resolve inputs 300 deep",
            Code(ErrorCode::TooDeep),
            Box::new(|| {
                kit::resolve_prompt("{a}", Some(&json!({"a": deep_array(300)})), None).map(|_| true)
            }),
        ),
        (
            "resolve sensitive 300 deep",
            Code(ErrorCode::TooDeep),
            Box::new(|| {
                kit::resolve_prompt("{$a}", None, Some(&json!({"a": deep_array(300)})))
                    .map(|_| true)
            }),
        ),
        (
            "preflight workflow 300 deep",
            Code(ErrorCode::TooDeep),
            Box::new(|| {
                kit::preflight_run(
                    &json!({"workflow_id": W}),
                    &json!({"main_prompt": "x", "x": deep_array(300)}),
                    Default::default(),
                )
                .map(|_| true)
            }),
        ),
        (
            "diff 300 deep",
            Code(ErrorCode::TooDeep),
            Box::new(|| kit::diff_workflow_update(&deep_object(300), &json!({})).map(|_| true)),
        ),
        (
            "apply 300 deep",
            Code(ErrorCode::TooDeep),
            Box::new(|| {
                kit::apply_workflow_update(
                    &json!({}),
                    &json!({"workflow_metadata": deep_object(300)}),
                )
                .map(|_| true)
            }),
        ),
        (
            "spec 100k deep",
            Code(ErrorCode::TooDeep),
            Box::new(|| kit::Spec::from_json(&deep_text(100_000)).map(|_| true)),
        ),
        (
            "input_schema 100k deep",
            Fine,
            Box::new(|| {
                let s = "{\"items\":".repeat(100_000) + "{}" + &"}".repeat(100_000);
                kit::build_workflow_update(W, &json!({"input_schema": s}), Default::default())
                    .map(|_| false)
                    .or_else(|e| Ok(e.errors()[0].kind == "json_invalid"))
            }),
        ),
        (
            "response body 100k deep",
            Code(ErrorCode::InvalidResponse),
            Box::new(|| {
                kit::parse_response("create_run", 200, &[], &deep_text(100_000)).map(|_| true)
            }),
        ),
        (
            "422 body 100k deep",
            Code(ErrorCode::Api),
            Box::new(|| {
                kit::parse_response("create_run", 422, &[], &deep_text(100_000)).map(|_| true)
            }),
        ),
        (
            "self-referencing spec component",
            Code(ErrorCode::TooDeep),
            Box::new(|| {
                let spec = kit::Spec::from_json(
                    r##"{"components":{"schemas":{"A":{"$ref":"#/components/schemas/A"}}}}"##,
                )?;
                kit::validate_with(&spec, "A", &json!(1)).map(|_| true)
            }),
        ),
        (
            "recursive spec, deep value",
            Code(ErrorCode::TooDeep),
            Box::new(|| {
                let spec = kit::Spec::from_json(
                    r##"{"components":{"schemas":{"T":{"type":"array","items":{"$ref":"#/components/schemas/T"}}}}}"##,
                )?;
                kit::validate_with(&spec, "T", &deep_array(127)).map(|_| true)
            }),
        ),
        // Size
        (
            "50 MB prompt parse",
            Code(ErrorCode::TooLarge),
            Box::new(move || kit::parse_prompt(&"a".repeat(big)).map(|_| true)),
        ),
        (
            "50 MB prompt resolve",
            Code(ErrorCode::TooLarge),
            Box::new(move || kit::resolve_prompt(&"{a}".repeat(big / 3), None, None).map(|_| true)),
        ),
        (
            "50 MB stored prompt preflight",
            Code(ErrorCode::TooLarge),
            Box::new(move || {
                kit::preflight_run(
                    &json!({"workflow_id": W}),
                    &json!({"main_prompt": "x".repeat(big)}),
                    Default::default(),
                )
                .map(|_| true)
            }),
        ),
        (
            "50 MB override preflight",
            Code(ErrorCode::TooLarge),
            Box::new(move || {
                kit::preflight_run(
                    &json!({"workflow_id": W, "main_prompt": "x".repeat(big)}),
                    &json!({"main_prompt": "x"}),
                    Default::default(),
                )
                .map(|_| true)
            }),
        ),
        (
            "70 MB JSON text",
            Code(ErrorCode::TooLarge),
            Box::new(|| kit::parse_json(&" ".repeat(70 * 1024 * 1024)).map(|_| true)),
        ),
        (
            "10 MB prompt resolves",
            Fine,
            Box::new(|| {
                Ok(kit::resolve_prompt(
                    &"Use {a.b} and {$c}. ".repeat(500_000),
                    Some(&json!({"a": {"b": 1}})),
                    None,
                )?
                .variables
                .len()
                    == 1_000_000)
            }),
        ),
        (
            "10M-character name",
            Fine,
            Box::new(|| {
                Ok(
                    kit::validate("WorkflowUpdate", &json!({"name": "é".repeat(10_000_000)}))?[0]
                        .kind
                        == "string_too_long",
                )
            }),
        ),
        (
            "170 KB prompt is non-empty",
            Fine,
            Box::new(|| {
                Ok(kit::validate(
                    "WorkflowUpdate",
                    &json!({"main_prompt": "x".repeat(170_000)}),
                )?
                .is_empty())
            }),
        ),
        (
            "100k post-run checks",
            Fine,
            Box::new(|| {
                Ok(kit::validate(
                    "WorkflowUpdate",
                    &json!({"post_run_checks": vec![json!({"name": "", "type": "x"}); 100_000]}),
                )?
                .len()
                    == 200_000)
            }),
        ),
        (
            "1M-key input_values",
            Fine,
            Box::new(|| {
                let m: serde_json::Map<String, Value> = (0..1_000_000)
                    .map(|i| (format!("k{i}"), json!(i)))
                    .collect();
                Ok(kit::resolve_prompt("{k5}", Some(&Value::Object(m)), None)?.text == "5")
            }),
        ),
        // Prompt floods
        (
            "100k {",
            Fine,
            Box::new(|| Ok(kit::parse_prompt(&"{".repeat(100_000))?.is_empty())),
        ),
        (
            "100k {{",
            Fine,
            Box::new(|| Ok(kit::parse_prompt(&"{{".repeat(100_000))?.is_empty())),
        ),
        (
            "100k {$",
            Fine,
            Box::new(|| Ok(kit::parse_prompt(&"{$".repeat(100_000))?.is_empty())),
        ),
        (
            "100k \\{",
            Fine,
            Box::new(|| {
                Ok(kit::resolve_prompt(&"\\{".repeat(100_000), None, None)?
                    .variables
                    .is_empty())
            }),
        ),
        (
            "50k {a['",
            Fine,
            Box::new(|| Ok(kit::parse_prompt(&"{a['".repeat(50_000))?.is_empty())),
        ),
        (
            "50k {a.",
            Fine,
            Box::new(|| Ok(kit::parse_prompt(&"{a.".repeat(50_000))?.is_empty())),
        ),
        (
            "50k {a[0",
            Fine,
            Box::new(|| Ok(kit::parse_prompt(&"{a[0".repeat(50_000))?.is_empty())),
        ),
        (
            "100k near misses { a }",
            Fine,
            Box::new(|| {
                // Listed up to the cap, then one issue says how many more.
                let issues = kit::resolve_prompt(&"{ a } ".repeat(100_000), None, None)?.issues;
                Ok(issues.len() == kit::MAX_ISSUES_PER_CODE + 1
                    && issues[kit::MAX_ISSUES_PER_CODE]
                        .message
                        .starts_with("99900 more"))
            }),
        ),
        (
            "one 1 MB quoted key",
            Fine,
            Box::new(|| {
                Ok(kit::parse_prompt(&format!("{{a['{}']}}", "k".repeat(1 << 20)))?.len() == 1)
            }),
        ),
        (
            "one 1 MB identifier",
            Fine,
            Box::new(|| Ok(kit::parse_prompt(&format!("{{{}}}", "k".repeat(1 << 20)))?.len() == 1)),
        ),
        (
            "1M-segment path",
            Fine,
            Box::new(|| {
                Ok(kit::resolve_prompt(
                    &format!("{{a{}}}", ".b".repeat(1 << 20)),
                    Some(&json!({"a": 1})),
                    None,
                )?
                .issues[0]
                    .code
                    == kit::IssueCode::PathTypeError)
            }),
        ),
        (
            "control characters and NULs",
            Fine,
            Box::new(|| Ok(kit::parse_prompt("\u{0}{a}\u{1b}[0m{\u{0}}")?.len() == 1)),
        ),
        (
            "all of Unicode's planes",
            Fine,
            Box::new(|| {
                Ok(
                    kit::parse_prompt_with("\u{10FFFF}{a}\u{FEFF}", kit::Offsets::Utf16)?[0].start
                        == 2,
                )
            }),
        ),
        // Regex in user schemas
        (
            "(a+)+$ on 100k chars",
            Fine,
            Box::new(|| {
                run_with(
                    r#"{"properties":{"x":{"type":"string","pattern":"^(a+)+$"}}}"#,
                    json!({"x": "a".repeat(100_000) + "!"}),
                )
            }),
        ),
        (
            "(a|a)*$ on 100k chars",
            Fine,
            Box::new(|| {
                run_with(
                    r#"{"properties":{"x":{"pattern":"^(a|a)*$"}}}"#,
                    json!({"x": "a".repeat(100_000) + "b"}),
                )
            }),
        ),
        (
            "(.*a){20} on 100k chars",
            Fine,
            Box::new(|| {
                run_with(
                    r#"{"properties":{"x":{"pattern":"(.*a){20}$"}}}"#,
                    json!({"x": "a".repeat(100_000) + "b"}),
                )
            }),
        ),
        (
            "patternProperties flood",
            Fine,
            Box::new(|| {
                let m: serde_json::Map<String, Value> = (0..10_000)
                    .map(|i| (format!("x{}", "a".repeat(i % 50)), json!(1)))
                    .collect();
                run_with(
                    r#"{"patternProperties":{"^x(a+)+$":{"type":"string"}}}"#,
                    Value::Object(m),
                )
            }),
        ),
        (
            "backreference pattern accepted and applied (ECMA-262)",
            Fine,
            Box::new(|| {
                kit::build_workflow_update(
                    W,
                    &json!({"input_schema": r#"{"pattern":"(a)\\1"}"#}),
                    Default::default(),
                )?;
                let s = json!({"pattern": "^(a)\\1$"});
                Ok(
                    kit::validate_instance(&s, &json!("aa"), Default::default())?.is_empty()
                        && kit::validate_instance(&s, &json!("ab"), Default::default())?.len() == 1,
                )
            }),
        ),
        (
            "huge repetition pattern refused",
            Fine,
            Box::new(|| {
                kit::build_workflow_update(
                    W,
                    &json!({"input_schema": r#"{"pattern":"a{100000}{100000}"}"#}),
                    Default::default(),
                )
                .map(|_| false)
                .or_else(|e| Ok(e.errors()[0].kind == "json_schema_invalid"))
            }),
        ),
        // User JSON Schemas through validate_instance
        (
            "schema nested 10,000 levels",
            Code(ErrorCode::TooDeep),
            Box::new(|| {
                let text = "{\"not\":".repeat(10_000) + "{}" + &"}".repeat(10_000);
                kit::validate_instance(&json!(text), &json!(1), Default::default()).map(|_| true)
            }),
        ),
        (
            "$ref chain of 10,000 hops",
            Fine,
            Box::new(|| {
                let mut defs = serde_json::Map::new();
                for i in 0..10_000 {
                    defs.insert(
                        format!("d{i}"),
                        json!({"$ref": format!("#/$defs/d{}", i + 1)}),
                    );
                }
                defs.insert("d10000".into(), json!({"type": "integer"}));
                let s = json!({"$defs": defs, "$ref": "#/$defs/d0"});
                // Past the nesting budget: a coded error saying so, not a
                // stack overflow (and not called a cycle: it is none).
                Ok(matches!(
                    kit::validate_instance(&s, &json!(1), Default::default()),
                    Err(KitError::InvalidSchema { message }) if message.contains("more than 400")
                ))
            }),
        ),
        (
            "$ref cycle through allOf",
            Code(ErrorCode::InvalidSchema),
            Box::new(|| {
                let s = json!({"$defs": {"a": {"allOf": [{"$ref": "#/$defs/b"}]}, "b": {"anyOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"});
                kit::validate_instance(&s, &json!(1), Default::default()).map(|_| true)
            }),
        ),
        (
            "uniqueItems over 100,000 items",
            Fine,
            Box::new(|| {
                let items: Vec<Value> = (0..100_000).map(|i| json!({"k": i})).collect();
                let errs = kit::validate_instance(
                    &json!({"uniqueItems": true}),
                    &Value::Array(items),
                    Default::default(),
                )?;
                Ok(errs.is_empty())
            }),
        ),
        (
            "enum of 100,000 values against 1,000 items",
            Fine,
            Box::new(|| {
                let values: Vec<Value> = (0..100_000).map(|i| json!(i)).collect();
                let s = json!({"items": {"enum": values}});
                let items: Vec<Value> = (0..1_000).map(|i| json!(i * 7)).collect();
                Ok(
                    kit::validate_instance(&s, &Value::Array(items), Default::default())?
                        .is_empty(),
                )
            }),
        ),
        (
            "catastrophic lookaround pattern on 100,000 characters: a warning",
            Fine,
            Box::new(|| {
                let s = json!({"pattern": "^(?=a)(a+)+\\1!$"});
                let r = kit::validate_instance_report(
                    &s,
                    &json!("a".repeat(100_000)),
                    Default::default(),
                )?;
                Ok(r.errors.is_empty() && r.warnings[0].code.as_str() == "pattern_undecided")
            }),
        ),
        (
            "1,000 patternProperties against 1,000 keys (each key tries each pattern)",
            Fine,
            Box::new(|| {
                let mut pats = serde_json::Map::new();
                for i in 0..1_000 {
                    pats.insert(format!("^k{i}$"), json!({"type": "integer"}));
                }
                let mut inst = serde_json::Map::new();
                for i in 0..1_000 {
                    inst.insert(format!("k{i}"), json!(i));
                }
                let s = json!({"patternProperties": pats});
                Ok(
                    kit::validate_instance(&s, &Value::Object(inst), Default::default())?
                        .is_empty(),
                )
            }),
        ),
        (
            "schema text of 10 MB (one long description)",
            Fine,
            Box::new(|| {
                let text = format!(
                    "{{\"description\":\"{}\",\"type\":\"string\"}}",
                    "x".repeat(10 << 20)
                );
                Ok(kit::validate_instance(&json!(text), &json!(1), Default::default())?.len() == 1)
            }),
        ),
        (
            "metaschema-breaking schema of every draft",
            Fine,
            Box::new(|| {
                let mut all = true;
                for d in kit::Draft::ALL {
                    let o = kit::InstanceOptions { draft: Some(*d) };
                    all &= matches!(
                        kit::validate_instance(&json!({"minItems": -1}), &json!([]), o),
                        Err(KitError::InvalidSchema { .. })
                    );
                }
                Ok(all)
            }),
        ),
        // Wrong types
        (
            "input_values a string",
            Code(ErrorCode::InvalidArgument),
            Box::new(|| kit::resolve_prompt("{a}", Some(&json!("x")), None).map(|_| true)),
        ),
        (
            "sensitive a number",
            Code(ErrorCode::InvalidArgument),
            Box::new(|| kit::resolve_prompt("{a}", None, Some(&json!(1))).map(|_| true)),
        ),
        (
            "run a list",
            Code(ErrorCode::InvalidArgument),
            Box::new(|| {
                kit::preflight_run(&json!([]), &json!({"main_prompt": "x"}), Default::default())
                    .map(|_| true)
            }),
        ),
        (
            "workflow a string",
            Code(ErrorCode::InvalidArgument),
            Box::new(|| {
                kit::preflight_run(&json!({"workflow_id": W}), &json!("x"), Default::default())
                    .map(|_| true)
            }),
        ),
        (
            "pool parameters a list",
            Code(ErrorCode::InvalidArgument),
            Box::new(|| {
                kit::preflight_run(
                    &json!({"workflow_id": W}),
                    &json!({"main_prompt": "x"}),
                    kit::RunContext {
                        pool_parameters: Some(&json!([1])),
                        ..Default::default()
                    },
                )
                .map(|_| true)
            }),
        ),
        (
            "update a number",
            Code(ErrorCode::Validation),
            Box::new(|| kit::build_workflow_update(W, &json!(5), Default::default()).map(|_| true)),
        ),
        (
            "workflow id with a newline",
            Code(ErrorCode::Validation),
            Box::new(|| {
                kit::build_workflow_update(
                    "550e8400-e29b-41d4-a716-44665544000\n",
                    &json!({}),
                    Default::default(),
                )
                .map(|_| true)
            }),
        ),
        (
            "workflow id path traversal",
            Code(ErrorCode::Validation),
            Box::new(|| kit::build_get_workflow("../../admin").map(|_| true)),
        ),
        (
            "braced workflow id stays one path segment",
            Fine,
            Box::new(|| {
                let id = format!("{{{W}}}");
                kit::build_get_workflow(&id).map(|r| r.path == format!("/v1/workflows/%7B{W}%7D"))
            }),
        ),
        (
            "include with a query and a fragment in a name",
            Fine,
            Box::new(|| {
                kit::build_get_workflow_with(W, Some(&json!(["tags&x=1#f", "\u{0}\u{202e}"])))
                    .map(|r| r.path.ends_with("?include=tags%26x%3D1%23f,%00%E2%80%AE"))
            }),
        ),
        (
            "include nested 100 lists deep",
            Code(ErrorCode::InvalidArgument),
            Box::new(|| kit::build_get_workflow_with(W, Some(&deep_array(100))).map(|_| true)),
        ),
        (
            "include of 50 MB",
            Fine,
            Box::new(move || {
                kit::build_get_workflow_with(W, Some(&json!("t".repeat(big))))
                    .map(|r| r.path.len() > big)
            }),
        ),
        (
            "a 50 MB date-time and UUID",
            Fine,
            Box::new(move || {
                let long = "2".repeat(big);
                let v = json!({"workflow_metadata": {"last_errored_run_start": long, "last_errored_run_uuid": long}});
                kit::validate("WorkflowUpdate", &v)
                    .map(|e| e.len() == 2 && e.iter().all(|x| !x.msg.contains("22222222222")))
            }),
        ),
        (
            "date-time strings cut in every place",
            Fine,
            Box::new(|| {
                let full = "2024-02-29T23:59:59.123456\u{2212}05:30";
                let mut ok = true;
                for (i, _) in full.char_indices() {
                    let v = json!({"workflow_metadata": {"last_errored_run_start": &full[..i]}});
                    ok &= kit::validate("WorkflowUpdate", &v).is_ok();
                }
                Ok(ok)
            }),
        ),
        (
            "response with an integer of 10,000 digits",
            Code(ErrorCode::InvalidResponse),
            Box::new(|| {
                let body = format!(
                    r#"{{"id":"{W}","workflow_id":"{W}","machine_id":null,"status":"success","created_at":"2026-01-01T00:00:00Z","output_data":{{"n":{}}}}}"#,
                    "9".repeat(10_000)
                );
                kit::parse_response("create_run", 200, &[], &body).map(|_| true)
            }),
        ),
        (
            "idempotency key header injection",
            Code(ErrorCode::Validation),
            Box::new(|| {
                kit::build_run_create(
                    &json!({"workflow_id": W}),
                    kit::RunOptions {
                        idempotency_key: Some("k\r\nX-Evil: 1"),
                        ..Default::default()
                    },
                )
                .map(|_| true)
            }),
        ),
        (
            "256-character idempotency key",
            Code(ErrorCode::Validation),
            Box::new(|| {
                let key = "k".repeat(256);
                kit::build_workflow_update(
                    W,
                    &json!({}),
                    kit::UpdateOptions {
                        idempotency_key: Some(&key),
                        spec: None,
                    },
                )
                .map(|_| true)
            }),
        ),
        (
            "__proto__ and constructor keys",
            Fine,
            Box::new(|| {
                Ok(kit::build_workflow_update(
                    W,
                    &json!({"__proto__": {"x": 1}, "constructor": 1}),
                    Default::default(),
                )?
                .warnings
                .len()
                    == 2)
            }),
        ),
        (
            "numbers at the edges",
            Fine,
            Box::new(|| {
                Ok(kit::validate("WorkflowUpdate", &json!({"post_run_checks": [{"name": "c", "type": "run_attachment_exists", "expected_match_count": 1e308}, {"name": "d", "type": "run_attachment_exists", "expected_match_count": -0.0}]}))?.len() == 1)
            }),
        ),
        (
            "u64::MAX index",
            Fine,
            Box::new(|| {
                Ok(
                    kit::resolve_prompt("{a[999999999]}", Some(&json!({"a": [1]})), None)?.text
                        == "__EMPTY__",
                )
            }),
        ),
        // Specs
        (
            "spec not JSON",
            Code(ErrorCode::InvalidSpec),
            Box::new(|| kit::Spec::from_json("{").map(|_| true)),
        ),
        (
            "spec without components",
            Code(ErrorCode::InvalidSpec),
            Box::new(|| kit::Spec::from_json("{}").map(|_| true)),
        ),
        (
            "spec with a remote ref",
            Code(ErrorCode::InvalidSpec),
            Box::new(|| {
                kit::Spec::from_json(
                    r#"{"components":{"schemas":{"A":{"$ref":"http://127.0.0.1/x"}}}}"#,
                )
                .map(|_| true)
            }),
        ),
        (
            "spec with a bad pattern",
            Code(ErrorCode::InvalidSpec),
            Box::new(|| {
                kit::Spec::from_json(r#"{"components":{"schemas":{"A":{"pattern":"("}}}}"#)
                    .map(|_| true)
            }),
        ),
        (
            "spec with an unsupported keyword",
            Code(ErrorCode::InvalidSpec),
            Box::new(|| {
                kit::Spec::from_json(
                    r#"{"components":{"schemas":{"A":{"unevaluatedItems":false}}}}"#,
                )
                .map(|_| true)
            }),
        ),
        (
            "spec with 10k components",
            Fine,
            Box::new(|| {
                let comps: serde_json::Map<String, Value> = (0..10_000).map(|i| (format!("C{i}"), json!({"type": "object", "properties": {"x": {"$ref": format!("#/components/schemas/C{}", (i + 1) % 10_000)}}}))).collect();
                let spec = kit::Spec::from_value(&json!({"components": {"schemas": comps}}))?;
                Ok(spec.schema_names().len() == 10_000)
            }),
        ),
        (
            "unknown schema name",
            Code(ErrorCode::UnknownSchema),
            Box::new(|| kit::validate("../../etc/passwd", &json!({})).map(|_| true)),
        ),
        // Responses
        (
            "empty 200",
            Code(ErrorCode::InvalidResponse),
            Box::new(|| kit::parse_response("update_workflow", 200, &[], "").map(|_| true)),
        ),
        (
            "NUL 200",
            Code(ErrorCode::InvalidResponse),
            Box::new(|| kit::parse_response("update_workflow", 200, &[], "\u{0}").map(|_| true)),
        ),
        (
            "200 with a wrong id type",
            Code(ErrorCode::InvalidResponse),
            Box::new(|| {
                kit::parse_response("update_workflow", 200, &[], "{\"id\": 1}").map(|_| true)
            }),
        ),
        (
            "non-UTF-8 200",
            Code(ErrorCode::InvalidResponse),
            Box::new(|| {
                kit::parse_response_bytes(None, "create_run", 200, &[], &[0xff, 0xfe], None)
                    .map(|_| true)
            }),
        ),
        (
            "non-UTF-8 500",
            Code(ErrorCode::Api),
            Box::new(|| {
                kit::parse_response_bytes(None, "create_run", 500, &[], &[0xff, b'{'], None)
                    .map(|_| true)
            }),
        ),
        (
            "422 with garbage detail items",
            Code(ErrorCode::Api),
            Box::new(|| {
                kit::parse_response(
                    "update_workflow",
                    422,
                    &[],
                    r#"{"detail": [1, "x", null, {"loc": "body"}, {"loc": [[1]]}]}"#,
                )
                .map(|_| true)
            }),
        ),
        (
            "422 detail an object",
            Code(ErrorCode::Api),
            Box::new(|| {
                kit::parse_response(
                    "update_workflow",
                    422,
                    &[],
                    r#"{"detail": {"weird": true}}"#,
                )
                .map(|_| true)
            }),
        ),
        (
            "418 teapot",
            Code(ErrorCode::Api),
            Box::new(|| kit::parse_response("create_run", 418, &[], "{}").map(|_| true)),
        ),
        (
            "status 0",
            Code(ErrorCode::InvalidArgument),
            Box::new(|| kit::parse_response("create_run", 0, &[], "{}").map(|_| true)),
        ),
        (
            "unknown operation",
            Code(ErrorCode::UnknownOperation),
            Box::new(|| kit::parse_response("drop_tables", 200, &[], "{}").map(|_| true)),
        ),
        (
            "1 MB detail string",
            Fine,
            Box::new(|| {
                kit::parse_response(
                    "create_run",
                    404,
                    &[],
                    &json!({"detail": "x".repeat(1 << 20)}).to_string(),
                )
                .map(|_| false)
                .or_else(|e| Ok(e.to_string().len() < 1000))
            }),
        ),
        // Retry inputs
        (
            "Retry-After garbage",
            Fine,
            Box::new(|| {
                Ok(kit::retry_delay(&kit::RetryInput {
                    method: "GET",
                    status: Some(503),
                    headers: &[("Retry-After".into(), "\u{0}99999999999999999999".into())],
                    jitter: Some(0.0),
                    ..Default::default()
                }) == Some(0.5))
            }),
        ),
        (
            "Retry-After NaN",
            Fine,
            Box::new(|| {
                Ok(kit::retry_delay(&kit::RetryInput {
                    method: "GET",
                    status: Some(503),
                    headers: &[("Retry-After".into(), "NaN".into())],
                    jitter: Some(0.0),
                    ..Default::default()
                }) == Some(0.5))
            }),
        ),
        (
            "Retry-After -5",
            Fine,
            Box::new(|| {
                Ok(kit::retry_delay(&kit::RetryInput {
                    method: "GET",
                    status: Some(503),
                    headers: &[("Retry-After".into(), "-5".into())],
                    jitter: Some(0.0),
                    ..Default::default()
                }) == Some(0.5))
            }),
        ),
        (
            "attempt u32::MAX",
            Fine,
            Box::new(|| {
                Ok(kit::retry_delay(&kit::RetryInput {
                    method: "GET",
                    status: Some(503),
                    attempt: u32::MAX,
                    jitter: Some(f64::NAN),
                    ..Default::default()
                })
                .is_some_and(|d| (6.0..=8.0).contains(&d)))
            }),
        ),
        // Prompt histories (issue 10)
        (
            "history: version 2",
            Code(ErrorCode::InvalidHistory),
            Box::new(|| {
                kit::parse_prompt_history(r#"{"version":2,"versions":[],"labels":{}}"#)
                    .map(|_| true)
            }),
        ),
        (
            "history: duplicate numbers",
            Code(ErrorCode::InvalidHistory),
            Box::new(|| {
                let v = |n: u64, t: &str| json!({"number": n, "id": kit::content_id(t), "text": t});
                kit::PromptHistory::from_value(
                    &json!({"version": 1, "versions": [v(1, "a"), v(1, "b")]}),
                )
                .map(|_| true)
            }),
        ),
        (
            "history: a label pointing nowhere",
            Code(ErrorCode::InvalidHistory),
            Box::new(|| {
                kit::PromptHistory::from_value(
                    &json!({"version": 1, "versions": [], "labels": {"production": 1}}),
                )
                .map(|_| true)
            }),
        ),
        (
            "history: 100,000 versions, latest selected",
            Fine,
            Box::new(|| {
                let h = history_of(100_000, |i| format!("v{i} {{x}}"));
                let h = kit::PromptHistory::from_value(&h)?;
                Ok(h.select(&kit::Pin::Latest)?.number == 100_000)
            }),
        ),
        (
            "history: 100,001 versions",
            Code(ErrorCode::InvalidHistory),
            Box::new(|| {
                kit::PromptHistory::from_value(&history_of(100_001, |i| i.to_string()))
                    .map(|_| true)
            }),
        ),
        (
            "history: 1,001 labels",
            Code(ErrorCode::InvalidHistory),
            Box::new(|| {
                let mut h = history_of(1, |_| "a".into());
                let labels: serde_json::Map<String, Value> =
                    (0..1001).map(|i| (format!("l{i}"), json!(1))).collect();
                h["labels"] = Value::Object(labels);
                kit::PromptHistory::from_value(&h).map(|_| true)
            }),
        ),
        (
            "history: 100,000-deep JSON",
            Code(ErrorCode::TooDeep),
            Box::new(|| kit::parse_prompt_history(&deep_text(100_000)).map(|_| true)),
        ),
        (
            "history: not JSON",
            Code(ErrorCode::InvalidHistory),
            Box::new(|| kit::parse_prompt_history("{\"version\": 1,").map(|_| true)),
        ),
        (
            "history: a 10 MB version written and read back",
            Fine,
            Box::new(|| {
                let mut h = kit::PromptHistory::new();
                h.add_version(&ten_mb_text(), Default::default())?;
                let h = kit::parse_prompt_history(&h.to_json())?;
                Ok(h.select(&kit::Pin::Latest)?.text.len() >= 10_000_000)
            }),
        ),
        (
            "history: two 10 MB texts compared",
            Fine,
            Box::new(|| {
                let a = ten_mb_text();
                let b = format!("{a}{{$pin}}");
                let c = kit::compare_prompts(&a, &b)?;
                Ok(c.sensitive_added == ["pin"] && c.lines.len() == 3)
            }),
        ),
        (
            "history: 17 MB text",
            Code(ErrorCode::TooLarge),
            Box::new(|| {
                kit::PromptHistory::new()
                    .add_version(&"a".repeat(17 << 20), Default::default())
                    .map(|_| true)
            }),
        ),
        (
            "history: 1,999 + 1,999 different lines diffed in full",
            Fine,
            Box::new(|| {
                let a: String = (0..1999).map(|i| format!("a{i}\n")).collect();
                let b: String = (0..1999).map(|i| format!("b{i}\n")).collect();
                let c = kit::compare_prompts(&a, &b)?;
                Ok(c.lines.len() == 3)
            }),
        ),
        (
            "history: pin u64::MAX",
            Code(ErrorCode::VersionNotFound),
            Box::new(|| {
                let h = kit::PromptHistory::from_value(&history_of(3, |i| i.to_string()))?;
                h.select(&kit::Pin::from_value(&json!(u64::MAX))?)
                    .map(|_| true)
            }),
        ),
        (
            "history: a batch of 10,001 items",
            Code(ErrorCode::InvalidArgument),
            Box::new(|| {
                let h = kit::PromptHistory::from_value(&history_of(1, |_| "a".into()))?;
                let items =
                    Value::Array(vec![json!({"pin": 1, "run": {"workflow_id": W}}); 10_001]);
                kit::build_run_batch(&h, "b", &items, Default::default()).map(|_| true)
            }),
        ),
        // Waiting for a run (issue 10, part 7)
        (
            "get_run: a 10 MB run id",
            Code(ErrorCode::Validation),
            Box::new(|| kit::build_get_run(&"7".repeat(10 << 20)).map(|_| true)),
        ),
        (
            "get_run: include of 100,000 names",
            Fine,
            Box::new(|| {
                let names = Value::Array(vec![json!("machine.pools"); 100_000]);
                let r = kit::build_get_run_with(W, Some(&names))?;
                Ok(r.path.len() > 1_400_000)
            }),
        ),
        (
            "get_run: a run with 20,000 included resources",
            Fine,
            Box::new(|| {
                let included: Vec<Value> = (0..20_000)
                    .map(|_| json!({"type": "machine", "id": W, "name": "m"}))
                    .collect();
                let body = json!({"id": W, "workflow_id": W, "status": "running",
                    "created_at": "2026-01-01T00:00:00Z", "included": included});
                let v = kit::parse_response("get_run", 200, &[], &body.to_string())?;
                Ok(v["included"].as_array().map(Vec::len) == Some(20_000))
            }),
        ),
        (
            "get_run: output_data 100k objects deep",
            Code(ErrorCode::InvalidResponse),
            Box::new(|| {
                let body = format!(
                    r#"{{"id":"{W}","workflow_id":"{W}","status":"success","created_at":"2026-01-01T00:00:00Z","output_data":{}}}"#,
                    "{\"a\":".repeat(100_000) + "0" + &"}".repeat(100_000)
                );
                kit::parse_response("get_run", 200, &[], &body).map(|_| true)
            }),
        ),
        (
            "poll_delay: NaN elapsed",
            Code(ErrorCode::InvalidArgument),
            Box::new(|| kit::poll_delay(0, f64::NAN, &Default::default()).map(|_| true)),
        ),
        (
            "poll_delay: 1e300 s delays, the last attempt, no deadline",
            Fine,
            Box::new(|| {
                let o = kit::PollOptions {
                    initial_delay: Some(1e300),
                    max_delay: Some(1e300),
                    timeout: Some(f64::INFINITY),
                };
                Ok(kit::poll_delay(u32::MAX, 1e308, &o)? == 1e300)
            }),
        ),
    ]
}

/// 10 MB of prompt: 476,191 lines, one variable.
fn ten_mb_text() -> String {
    format!(
        "Look up {{x}}.\n{}",
        "a plain line of text\n".repeat(476_190)
    )
}

/// A valid history document of `n` versions with the given texts.
fn history_of(n: usize, text: impl Fn(usize) -> String) -> Value {
    let versions: Vec<Value> = (0..n)
        .map(|i| {
            let t = text(i);
            json!({"number": i + 1, "id": kit::content_id(&t), "text": t})
        })
        .collect();
    json!({"version": 1, "versions": versions, "labels": {}})
}

#[test]
fn hostile_catalogue() {
    // An 8 MiB stack, as a process's main thread has: the schema walk
    // recurses once per schema level (at most 400 applications), and an
    // unoptimized test build's frames are about ten times a release
    // build's (which needs under 1 MiB for the deepest case).
    let run = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(hostile_catalogue_on_this_thread)
        .unwrap();
    if let Err(e) = run.join() {
        std::panic::resume_unwind(e);
    }
}

fn hostile_catalogue_on_this_thread() {
    let entries = catalogue();
    // The repository README gives a lower bound for each catalogue.
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .expect("README.md")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let said: usize = readme
        .split("timed catalogues in every language (at least Rust ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("the README's Reliability section lost the Rust catalogue count");
    assert!(
        said >= 60 && entries.len() >= said,
        "the catalogue has {} entries, the README says at least {said}",
        entries.len()
    );
    let mut failures = Vec::new();
    for (name, want, check) in &entries {
        let start = Instant::now();
        let got = check();
        let took = start.elapsed();
        println!("{took:>12.3?}  {name}");
        let ok = match (want, &got) {
            (Want::Code(code), Err(e)) => e.code() == *code,
            (Want::Fine, Ok(right)) => *right,
            _ => false,
        };
        if !ok {
            failures.push(format!("{name}: got {:?}", got.map_err(|e| e.code())));
        }
        if took > BOUND {
            failures.push(format!("{name}: took {took:?}, over the {BOUND:?} bound"));
        }
    }
    println!("{} hostile inputs checked", entries.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
