//! The retry policy of the official SDKs (cyberdesk-facts §5), as a pure
//! function: the host asks how long to wait, and does the waiting.

use crate::formats::parse_http_date_at;

/// Shortest computed backoff, in seconds.
pub const INITIAL_DELAY: f64 = 0.5;
/// Longest computed backoff, in seconds.
pub const MAX_DELAY: f64 = 8.0;
/// The longest `Retry-After` honoured; a longer one falls back to backoff.
pub const MAX_RETRY_AFTER: f64 = 60.0;
/// Retries a client makes by default.
pub const DEFAULT_MAX_RETRIES: u32 = 2;

/// What happened on the attempt that failed.
#[derive(Clone, Copy, Debug, Default)]
pub struct RetryInput<'a> {
    /// 0 for the first retry, 1 for the second, ...
    pub attempt: u32,
    /// The request's method (`"POST"`, ...), any case.
    pub method: &'a str,
    /// The response status, when a response came.
    pub status: Option<u16>,
    /// The response headers (any case).
    pub headers: &'a [(String, String)],
    /// The request failed without a response (timeout, connection error).
    pub network_error: bool,
    /// The request carried an `Idempotency-Key`.
    pub has_idempotency_key: bool,
    /// No retry once `attempt` reaches this.
    pub max_retries: Option<u32>,
    /// The current time, Unix seconds: needed for a `Retry-After` date.
    pub now: Option<f64>,
    /// A number in `[0, 1)` for the jitter; drawn at random when `None`.
    pub jitter: Option<f64>,
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}

/// Whether this failure may be retried at all.
pub fn is_retryable(input: &RetryInput<'_>) -> bool {
    let method = input.method.to_ascii_uppercase();
    let safe = matches!(method.as_str(), "GET" | "HEAD" | "OPTIONS");
    if !safe && !input.has_idempotency_key {
        return false;
    }
    if input.network_error {
        return true;
    }
    match input.status {
        Some(408 | 429 | 500 | 502 | 503 | 504) => true,
        Some(409) => header(input.headers, "Idempotency-Status")
            .is_some_and(|v| v.eq_ignore_ascii_case("in_progress")),
        _ => false,
    }
}

/// The server's `Retry-After` (or `retry-after-ms`), in seconds.
fn retry_after(input: &RetryInput<'_>) -> Option<f64> {
    if let Some(ms) = header(input.headers, "retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        return Some(ms / 1000.0);
    }
    let v = header(input.headers, "retry-after")?;
    if let Ok(secs) = v.parse::<f64>() {
        return Some(secs);
    }
    let now = input.now?;
    Some(parse_http_date_at(v, Some(now))? - now)
}

/// Seconds to wait before retry number `attempt + 1`, or `None` for "do
/// not retry": a write without an idempotency key, a status that is not
/// transient, or retries used up. A `Retry-After` of 0 to 60 seconds wins;
/// otherwise exponential backoff from 0.5 s to 8 s, less up to 25 % jitter.
pub fn retry_delay(input: &RetryInput<'_>) -> Option<f64> {
    if input.max_retries.is_some_and(|max| input.attempt >= max) || !is_retryable(input) {
        return None;
    }
    if let Some(ra) = retry_after(input) {
        if ra.is_finite() && (0.0..=MAX_RETRY_AFTER).contains(&ra) {
            return Some(ra);
        }
    }
    let base = (INITIAL_DELAY * 2f64.powi(input.attempt.min(30) as i32)).min(MAX_DELAY);
    let jitter = match input.jitter {
        Some(j) if j.is_finite() => j.clamp(0.0, 1.0),
        _ => (crate::request::random_u64() >> 11) as f64 / (1u64 << 53) as f64,
    };
    Some(base * (1.0 - 0.25 * jitter))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn policy() {
        let base = RetryInput {
            method: "POST",
            has_idempotency_key: true,
            jitter: Some(0.0),
            ..Default::default()
        };
        assert_eq!(
            retry_delay(&RetryInput {
                status: Some(503),
                ..base
            }),
            Some(0.5)
        );
        assert_eq!(
            retry_delay(&RetryInput {
                status: Some(503),
                attempt: 2,
                ..base
            }),
            Some(2.0)
        );
        assert_eq!(
            retry_delay(&RetryInput {
                status: Some(503),
                attempt: 10,
                ..base
            }),
            Some(8.0)
        );
        assert_eq!(
            retry_delay(&RetryInput {
                status: Some(400),
                ..base
            }),
            None
        );
        assert_eq!(
            retry_delay(&RetryInput {
                status: Some(503),
                has_idempotency_key: false,
                ..base
            }),
            None
        );
        assert_eq!(
            retry_delay(&RetryInput {
                method: "get",
                status: Some(503),
                has_idempotency_key: false,
                ..base
            }),
            Some(0.5)
        );
        assert_eq!(
            retry_delay(&RetryInput {
                status: Some(503),
                max_retries: Some(2),
                attempt: 2,
                ..base
            }),
            None
        );
        let hs = h(&[("Idempotency-Status", "in_progress")]);
        assert_eq!(
            retry_delay(&RetryInput {
                status: Some(409),
                headers: &hs,
                ..base
            }),
            Some(0.5)
        );
        assert_eq!(
            retry_delay(&RetryInput {
                status: Some(409),
                ..base
            }),
            None
        );
        let hs = h(&[("Retry-After", "3")]);
        assert_eq!(
            retry_delay(&RetryInput {
                status: Some(429),
                headers: &hs,
                ..base
            }),
            Some(3.0)
        );
        let hs = h(&[("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT")]);
        assert_eq!(
            retry_delay(&RetryInput {
                status: Some(429),
                headers: &hs,
                now: Some(784_111_770.0),
                ..base
            }),
            Some(7.0)
        );
        let hs = h(&[("Retry-After", "3600")]);
        assert_eq!(
            retry_delay(&RetryInput {
                status: Some(429),
                headers: &hs,
                ..base
            }),
            Some(0.5)
        );
        assert_eq!(
            retry_delay(&RetryInput {
                network_error: true,
                ..base
            }),
            Some(0.5)
        );
        let j = retry_delay(&RetryInput {
            status: Some(503),
            jitter: None,
            ..base
        })
        .unwrap();
        assert!((0.375..=0.5).contains(&j));
    }
}
