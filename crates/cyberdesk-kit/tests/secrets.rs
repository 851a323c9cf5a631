//! A canary sensitive value pushed through every operation and every error
//! path never shows up in what the core gives back: results, errors,
//! `Display`, `Debug` or serialized forms. (A run's request body is the
//! one place it must appear: the server needs it.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cyberdesk_kit as kit;
use serde_json::json;

const CANARY: &str = "CANARY-9f3b2c-SECRET";
const W: &str = "550e8400-e29b-41d4-a716-446655440000";

fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(CANARY), "{what} leaked the canary: {text}");
}

fn check<T: std::fmt::Debug + serde::Serialize>(what: &str, r: &kit::Result<T>) {
    match r {
        Ok(v) => {
            assert_clean(what, &format!("{v:?}"));
            assert_clean(what, &serde_json::to_string(v).unwrap());
        }
        Err(e) => {
            assert_clean(what, &format!("{e:?}"));
            assert_clean(what, &e.to_string());
            assert_clean(what, &serde_json::to_string(e).unwrap());
        }
    }
}

#[test]
fn canary_never_leaks() {
    let sens_variants = [
        json!({ "pin": CANARY }),
        json!({ "pin": { "nested": [CANARY] } }),
        json!({ "pin": 5, "other": CANARY }),
        json!(CANARY),
        json!([CANARY]),
    ];
    let prompts = [
        "{$pin}",
        "{$pin.x}",
        "{$pin[0]}",
        "{pin}",
        "{$other.deep.path}",
        "{$missing}",
        "{ $pin }",
    ];
    let schemas = [
        r#"{"type":"object","properties":{"$pin":{"type":"integer"},"$other":{"type":"integer","minimum":3}},"required":["$nope"]}"#,
        r#"{"type":"object","additionalProperties":false}"#,
        r#"{"type":"object","properties":{"$pin":{"enum":[1]},"$other":{"const":2}}}"#,
        r#"{"not":{}}"#,
        r#"{"type":"object","properties":{"$pin":{"pattern":"^x$","maxLength":2,"format":"email"}}}"#,
    ];
    for sens in &sens_variants {
        for prompt in prompts {
            check(
                "resolve_prompt",
                &kit::resolve_prompt(prompt, None, Some(sens)),
            );
            check(
                "resolve_prompt as inputs",
                &kit::resolve_prompt(prompt, Some(&json!({"x": 1})), Some(sens)),
            );
            for schema in schemas {
                let run = json!({
                    "workflow_id": W, "machine_id": W, "main_prompt": prompt,
                    "sensitive_input_values": sens, "input_values": {"x": 1},
                });
                let workflow = json!({ "main_prompt": "stored {$pin}", "input_schema": schema });
                let pre = kit::preflight_run(&run, &workflow, Default::default());
                check("preflight_run", &pre);
                let ctx = kit::RunContext {
                    machine_sensitive_parameters: Some(sens),
                    ..Default::default()
                };
                check(
                    "preflight_run machine",
                    &kit::preflight_run(&run, &workflow, ctx),
                );
                let built = kit::build_run_create(
                    &run,
                    kit::RunOptions {
                        workflow: Some(&workflow),
                        ..Default::default()
                    },
                );
                // The request body carries the value by design; everything
                // else about the request must not.
                match &built {
                    Ok(req) => {
                        assert_clean("request Debug", &format!("{req:?}"));
                        assert_clean(
                            "request warnings",
                            &serde_json::to_string(&req.warnings).unwrap(),
                        );
                        assert_clean("redacted body", &req.redacted_body());
                    }
                    Err(e) => check::<()>("build_run_create", &Err(e.clone())),
                }
            }
        }
        check(
            "validate",
            &kit::validate(
                "RunCreate",
                &json!({"workflow_id": W, "sensitive_input_values": sens}),
            ),
        );
        check(
            "validate bad",
            &kit::validate(
                "RunCreate",
                &json!({"workflow_id": CANARY, "main_prompt": CANARY, "sensitive_input_values": sens}),
            ),
        );
        check(
            "build bad run",
            &kit::build_run_create(
                &json!({"workflow_id": 1, "sensitive_input_values": sens}),
                Default::default(),
            ),
        );
        check(
            "build update",
            &kit::build_workflow_update(
                W,
                &json!({"name": [CANARY], "main_prompt": {"x": CANARY}}),
                Default::default(),
            ),
        );
        check(
            "diff",
            &kit::diff_workflow_update(&json!(CANARY), &json!({})),
        );
    }
    // A 422 echoing the value back in `input`.
    let body = json!({"detail": [{"loc": ["body", "sensitive_input_values"], "msg": "Input should be a valid dictionary", "type": "dict_type", "input": CANARY}]});
    check(
        "parse_response 422",
        &kit::parse_response("create_run", 422, &[], &body.to_string()),
    );
    check(
        "parse_response 500",
        &kit::parse_response("create_run", 500, &[], CANARY),
    );
    check(
        "parse_response 200",
        &kit::parse_response("create_run", 200, &[], CANARY),
    );
    check(
        "parse_response bad 200",
        &kit::parse_response("create_run", 200, &[], &json!({"id": CANARY}).to_string()),
    );
}

#[test]
fn a_body_kept_as_text_is_redacted_as_its_request_is() {
    let run = json!({
        "workflow_id": "550e8400-e29b-41d4-a716-446655440000",
        "input_values": {"a": 1},
        "sensitive_input_values": {"pin": CANARY},
    });
    let req = kit::build_run_create(&run, kit::RunOptions::default()).unwrap();
    let text = kit::redact_body(&req.body);
    assert_eq!(text, req.redacted_body());
    assert_clean("redact_body", &text);
    assert!(text.contains(r#""pin":"[redacted]""#), "{text}");
    // A misspelled key is taken for sensitive_input_values, as the builder's
    // warning takes it; a body with no such key, or no JSON, is left as it is.
    let misspelled = format!(r#"{{"sensitive_input_value":"{CANARY}","x":1}}"#);
    assert_clean("misspelled", &kit::redact_body(&misspelled));
    assert_eq!(kit::redact_body(r#"{"name":"n"}"#), r#"{"name":"n"}"#);
    assert_eq!(kit::redact_body("not json"), "not json");
}
