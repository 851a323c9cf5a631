#![no_main]
//! Any status and body for every operation: a value or a coded error.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let status = u16::from_le_bytes([data[0], data[1]]) % 700;
    let Ok(body) = std::str::from_utf8(&data[2..]) else { return };
    for op in ["update_workflow", "get_workflow", "create_run"] {
        if let Err(e) = cyberdesk_kit::parse_response(op, status, &[], body) {
            let _ = e.to_string();
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
