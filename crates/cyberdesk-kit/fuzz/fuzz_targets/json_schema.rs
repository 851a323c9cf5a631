#![no_main]
//! Any text as a JSON Schema (and `[schema, instance]` pairs) through the
//! user-schema engine, and any text as an ECMA-262 pattern: no panic, no
//! hang (patterns run on the linear engine or the bounded matcher), errors
//! that never quote the instance.
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

const CANARY: &str = "CANARY-7f3a";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let opts = cyberdesk_kit::InstanceOptions::default();
    // The text as an ECMA-262 pattern, applied to a few strings.
    let pattern = json!({"pattern": text});
    for s in ["", "a", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", text] {
        let _ = cyberdesk_kit::validate_instance(&pattern, &json!(s), opts);
    }
    let pp = json!({"patternProperties": {text: {"type": "integer"}}});
    let _ = cyberdesk_kit::validate_instance(&pp, &json!({"a": 1, text: "x"}), opts);
    // The text as a schema (value or JSON text), against plain instances
    // and a canary that must never appear in an error.
    let Ok(doc) = serde_json::from_str::<Value>(text) else {
        let _ = cyberdesk_kit::validate_instance(&Value::String(text.to_owned()), &json!(1), opts);
        return;
    };
    let (schema, instances) = match &doc {
        Value::Array(pair) if pair.len() == 2 => (pair[0].clone(), vec![pair[1].clone()]),
        _ => (doc.clone(), vec![json!(null), json!(1), json!(CANARY), json!([CANARY, 2.5]), json!({"a": CANARY, "b": [1, {}]})]),
    };
    for draft in cyberdesk_kit::Draft::ALL {
        for instance in &instances {
            let o = cyberdesk_kit::InstanceOptions { draft: Some(*draft) };
            match cyberdesk_kit::validate_instance_report(&schema, instance, o) {
                Ok(report) => {
                    for e in &report.errors {
                        assert!(!e.msg.contains(CANARY) || text.contains(CANARY));
                    }
                }
                Err(e) => {
                    let _ = e.to_string();
                }
            }
        }
    }
});
