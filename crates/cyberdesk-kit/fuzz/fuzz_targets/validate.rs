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
});
