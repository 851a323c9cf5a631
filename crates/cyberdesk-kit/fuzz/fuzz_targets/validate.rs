#![no_main]
//! Any JSON against every schema, and error Display/serialization.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for name in ["WorkflowUpdate", "RunCreate", "WorkflowResponse", "RunResponse", "WorkflowPostRunCheckUpsert"] {
        match cyberdesk_kit::validate_json(None, name, text) {
            Ok(errors) => {
                for e in errors {
                    assert!(!e.loc.is_empty());
                }
            }
            Err(e) => {
                let _ = e.to_string();
                let _ = serde_json::to_string(&e);
            }
        }
    }
    let _ = cyberdesk_kit::Spec::from_json(text);
    // The body writer: any text as a JSON string is written as serde_json
    // writes it, and any JSON value reads back to the same text.
    let s = serde_json::Value::String(text.to_owned());
    assert_eq!(cyberdesk_kit::to_compact(&s), serde_json::to_string(&s).unwrap());
    if let Ok(v) = cyberdesk_kit::parse_json(text) {
        let written = cyberdesk_kit::to_compact(&v);
        let again = cyberdesk_kit::parse_json(&written).unwrap();
        assert_eq!(cyberdesk_kit::to_compact(&again), written);
    }
    // Any text through pydantic's date-time and UUID grammars, the
    // workflow id check and the include parameter.
    let v = serde_json::json!({"workflow_metadata": {"last_errored_run_start": text, "last_errored_run_uuid": text}});
    let _ = cyberdesk_kit::validate("WorkflowUpdate", &v);
    if let Ok(req) = cyberdesk_kit::build_get_workflow_with(text, Some(&serde_json::json!([text]))) {
        // The id stays one percent-encoded path segment.
        let id = req.path.strip_prefix("/v1/workflows/").unwrap();
        let id = id.split('?').next().unwrap();
        assert!(id.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
    }
    if let Ok(req) = cyberdesk_kit::build_get_run_with(text, Some(&serde_json::json!([text]))) {
        let id = req.path.strip_prefix("/v1/runs/").unwrap();
        let id = id.split('?').next().unwrap();
        assert!(id.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
    }
});
