#![no_main]
//! Any text as a prompt history document: a coded error or a history that
//! round-trips through its JSON. Any text split in two as two prompts: the
//! line diff must rebuild both texts.
use cyberdesk_kit::{compare_prompts, parse_prompt_history, LineOp, Pin};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(h) = parse_prompt_history(text) {
        let again = parse_prompt_history(&h.to_json()).expect("a history's own JSON parses");
        assert_eq!(again, h);
        if let Ok(v) = h.select(&Pin::Latest) {
            assert_eq!(v.number as usize, h.versions().len());
        }
    }
    let cut = text.char_indices().map(|(i, _)| i).nth(text.chars().count() / 2).unwrap_or(0);
    let (old, new) = text.split_at(cut);
    if let Ok(c) = compare_prompts(old, new) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for run in &c.lines {
            if run.op != LineOp::Insert {
                a.extend(run.lines.iter().cloned());
            }
            if run.op != LineOp::Delete {
                b.extend(run.lines.iter().cloned());
            }
        }
        assert_eq!(a.join("\n"), old);
        assert_eq!(b.join("\n"), new);
        assert_eq!(c.changed, old != new);
    }
});
