//! Properties that must hold for every input, not just the vectors.
#![allow(clippy::unwrap_used, clippy::panic)]

use cyberdesk_kit as kit;
use kit::Offsets;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Prompt-shaped text: braces, sigils, path syntax, escapes, Unicode.
fn prompt_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "{",
            "}",
            "{{",
            "}}",
            "$",
            "\\",
            "a",
            "b",
            "x1",
            ".",
            "[",
            "]",
            "0",
            "'",
            "\"",
            " ",
            "é",
            "😀",
            "\n",
            "-",
            "{a}",
            "{$b}",
            "{{c}}",
            "{a.b}",
            "{a[0]}",
            "{a['k-1']}",
        ]),
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i32>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        "[a-z{}$ ]{0,6}".prop_map(Value::from),
        Just(json!({"$ref": "step1.outputs.result"})),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-c]{1,2}|k-1|0", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

/// A backslash before each variable's opening brace.
fn escape_all(text: &str) -> String {
    let vars = kit::parse_prompt(text).unwrap();
    let mut out = String::new();
    let mut last = 0;
    for v in vars {
        out.push_str(&text[last..v.start]);
        out.push('\\');
        last = v.start;
    }
    out.push_str(&text[last..]);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn resolve_never_panics(text in prompt_text(), inputs in json_value(), sensitive in json_value()) {
        let _ = kit::resolve_prompt(&text, Some(&inputs), Some(&sensitive));
        let _ = kit::resolve_prompt(&text, Some(&json!({"a": inputs, "b": sensitive})), None);
    }

    #[test]
    fn spans_slice_the_raw_text_in_every_unit(text in prompt_text()) {
        for v in kit::parse_prompt(&text).unwrap() {
            prop_assert_eq!(&text[v.start..v.end], v.raw.as_str());
        }
        let utf16: Vec<u16> = text.encode_utf16().collect();
        for v in kit::parse_prompt_with(&text, Offsets::Utf16).unwrap() {
            prop_assert_eq!(String::from_utf16(&utf16[v.start..v.end]).unwrap(), v.raw.clone());
        }
        let chars: Vec<char> = text.chars().collect();
        for v in kit::parse_prompt_with(&text, Offsets::CodePoint).unwrap() {
            prop_assert_eq!(chars[v.start..v.end].iter().collect::<String>(), v.raw.clone());
        }
    }

    #[test]
    fn escapes_round_trip(text in prompt_text().prop_filter("no backslashes", |t| !t.contains('\\'))) {
        let escaped = escape_all(&text);
        let r = kit::resolve_prompt(&escaped, None, None).unwrap();
        prop_assert!(r.variables.is_empty());
        prop_assert_eq!(r.text, text);
    }

    #[test]
    fn validate_never_panics(payload in json_value(), name in prop::sample::select(vec!["WorkflowUpdate", "RunCreate", "WorkflowResponse", "RunResponse"])) {
        let _ = kit::validate(name, &payload);
        let _ = kit::build_run_create(&payload, Default::default());
        let _ = kit::build_workflow_update("550e8400-e29b-41d4-a716-446655440000", &payload, Default::default());
    }

    #[test]
    fn diff_then_apply_reaches_the_desired_state(a in workflow(), b in workflow()) {
        let patch = kit::diff_workflow_update(&a, &b).unwrap();
        let applied = kit::apply_workflow_update(&a, &patch).unwrap();
        prop_assert_eq!(kit::diff_workflow_update(&applied, &b).unwrap(), json!({}));
        prop_assert_eq!(kit::diff_workflow_update(&a, &a).unwrap(), json!({}));
    }
}

fn workflow() -> impl Strategy<Value = Value> {
    let opt_str = prop::option::of("[a-z]{0,3}");
    let check = (
        "[ab]",
        prop::sample::select(vec!["run_attachment_exists", "output_data_agentic_check"]),
        prop::option::of(prop::collection::vec("[a-z]{1,2}", 0..2)),
    )
        .prop_map(|(name, ty, files)| json!({"name": name, "type": ty, "file_names": files}));
    (
        "[a-z]{1,4}",
        opt_str.clone(),
        prop::option::of(prop::collection::vec("[a-z]{1,2}", 0..3)),
        prop::option::of(any::<bool>()),
        prop::option::of((
            prop::option::of(any::<bool>()),
            prop::option::of(Just("2026-01-01T00:00:00Z")),
        )),
        prop::option::of(prop::collection::vec(check, 0..3)),
        prop::option::of(prop::option::of(Just(
            "550e8400-e29b-41d4-a716-446655440000",
        ))),
    )
        .prop_map(|(prompt, name, allow, hooks, meta, checks, model)| {
            let mut w = Map::new();
            w.insert("main_prompt".into(), json!(prompt));
            w.insert("name".into(), json!(name));
            if let Some(a) = allow {
                w.insert("terminal_command_allowlist".into(), json!(a));
            }
            if let Some(h) = hooks {
                w.insert("is_webhooks_enabled".into(), json!(h));
            }
            match meta {
                Some((e, t)) => {
                    w.insert(
                        "workflow_metadata".into(),
                        json!({"has_unaddressed_error": e, "last_errored_run_start": t}),
                    );
                }
                None => {
                    w.insert("workflow_metadata".into(), Value::Null);
                }
            }
            if let Some(c) = checks {
                w.insert("post_run_checks".into(), json!(c));
            }
            if let Some(m) = model {
                w.insert("model_metadata".into(), json!({"main_agent_model_id": m}));
            }
            Value::Object(w)
        })
}
