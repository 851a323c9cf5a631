#![no_main]
//! Any text: parse in every unit; spans must slice the raw text.
use cyberdesk_kit::{parse_prompt, parse_prompt_with, Offsets};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(vars) = parse_prompt(text) {
        for v in &vars {
            assert_eq!(text.get(v.start..v.end), Some(v.raw.as_str()));
        }
        let u16s = parse_prompt_with(text, Offsets::Utf16).unwrap_or_default();
        let cps = parse_prompt_with(text, Offsets::CodePoint).unwrap_or_default();
        assert_eq!(vars.len(), u16s.len());
        assert_eq!(vars.len(), cps.len());
    }
});
