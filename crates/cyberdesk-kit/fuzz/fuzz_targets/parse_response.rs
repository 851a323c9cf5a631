#![no_main]
//! Any status and body for every operation: a value or a coded error; any
//! numbers as a poll policy.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let status = u16::from_le_bytes([data[0], data[1]]) % 700;
    let Ok(body) = std::str::from_utf8(&data[2..]) else { return };
    for op in ["update_workflow", "get_workflow", "create_run", "get_run"] {
        if let Err(e) = cyberdesk_kit::parse_response(op, status, &[], body) {
            let _ = e.to_string();
        }
    }
    // Any numbers as a poll policy: seconds, an error, never a panic or NaN.
    if data.len() >= 34 {
        let f = |i: usize| f64::from_le_bytes(data[i..i + 8].try_into().unwrap());
        let o = cyberdesk_kit::PollOptions {
            initial_delay: Some(f(10)),
            max_delay: Some(f(18)),
            timeout: Some(f(26)),
        };
        if let Ok(d) = cyberdesk_kit::poll_delay(u32::from(data[0]) * 1000, f(2), &o) {
            assert!(d > 0.0 && !d.is_nan(), "poll_delay gave {d}");
        }
    }
    let headers = vec![("retry-after".to_owned(), body.chars().take(40).collect::<String>())];
    let _ = cyberdesk_kit::retry_delay(&cyberdesk_kit::RetryInput {
        status: Some(status),
        headers: &headers,
        method: "POST",
        has_idempotency_key: true,
        now: Some(1.7e9),
        ..Default::default()
    });
});
