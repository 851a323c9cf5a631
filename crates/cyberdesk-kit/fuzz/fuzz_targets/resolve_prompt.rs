#![no_main]
//! Prompt text, then JSON inputs: resolve never panics, never leaks a
//! sensitive value into its text or issues; the text-only call gives the
//! same text and issues (or the same error), and the borrowed variables
//! are the owned ones.
use libfuzzer_sys::fuzz_target;

const CANARY: &str = "CANARY-FUZZ-7";

fuzz_target!(|data: &[u8]| {
    let Ok(all) = std::str::from_utf8(data) else {
        return;
    };
    let (prompt, inputs) = all.split_once('\u{0}').unwrap_or((all, "{}"));
    let inputs = cyberdesk_kit::parse_json(inputs).ok();
    let sensitive = serde_json::json!({"pin": CANARY, "nested": {"k": [CANARY]}});
    let full = cyberdesk_kit::resolve_prompt(prompt, inputs.as_ref(), Some(&sensitive));
    let only = cyberdesk_kit::resolve_prompt_text(prompt, inputs.as_ref(), Some(&sensitive));
    match (&full, &only) {
        (Ok(f), Ok(t)) => assert!(f.text == t.text && f.issues == t.issues),
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("resolve_prompt and resolve_prompt_text disagree"),
    }
    let unit = cyberdesk_kit::Offsets::Utf16;
    if let Ok(b) =
        cyberdesk_kit::resolve_prompt_borrowed(prompt, inputs.as_ref(), Some(&sensitive), unit)
    {
        let owned =
            cyberdesk_kit::resolve_prompt_with(prompt, inputs.as_ref(), Some(&sensitive), unit);
        assert_eq!(Ok(b.into_owned()), owned);
    }
    if let Ok(r) = full {
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
