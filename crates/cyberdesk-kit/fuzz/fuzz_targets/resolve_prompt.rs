#![no_main]
//! Prompt text, then JSON inputs: resolve never panics, never leaks a
//! sensitive value into its text or issues.
use libfuzzer_sys::fuzz_target;

const CANARY: &str = "CANARY-FUZZ-7";

fuzz_target!(|data: &[u8]| {
    let Ok(all) = std::str::from_utf8(data) else { return };
    let (prompt, inputs) = all.split_once('\u{0}').unwrap_or((all, "{}"));
    let inputs = cyberdesk_kit::parse_json(inputs).ok();
    let sensitive = serde_json::json!({"pin": CANARY, "nested": {"k": [CANARY]}});
    if let Ok(r) = cyberdesk_kit::resolve_prompt(prompt, inputs.as_ref(), Some(&sensitive)) {
        // Only the sensitive values carry the canary unless the fuzzer
        // wrote it into the prompt or the inputs itself.
        if !all.contains(CANARY) {
            assert!(!r.text.contains(CANARY));
            for i in &r.issues {
                assert!(!i.message.contains(CANARY));
            }
        }
    }
});
