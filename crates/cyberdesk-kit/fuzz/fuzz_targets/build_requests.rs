#![no_main]
//! Any JSON as an update, a run and a workflow; built bodies must parse
//! back to the same value.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(value) = cyberdesk_kit::parse_json(text) else { return };
    let id = "550e8400-e29b-41d4-a716-446655440000";
    if let Ok(req) = cyberdesk_kit::build_workflow_update(id, &value, Default::default()) {
        let back = cyberdesk_kit::parse_json(&req.body).unwrap();
        assert_eq!(back.as_object().map(|m| m.len()), value.as_object().map(|m| m.len()));
    }
    let _ = cyberdesk_kit::build_run_create(&value, Default::default());
    let workflow = serde_json::json!({"main_prompt": "x {a} {$b}", "input_schema": text});
    let run = serde_json::json!({"workflow_id": id, "input_values": value});
    let _ = cyberdesk_kit::preflight_run(&run, &workflow, Default::default());
    let _ = cyberdesk_kit::diff_workflow_update(&value, &value);
});
