//! Waiting for a run to finish, as a pure policy: the host polls
//! `GET /v1/runs/{id}`, asks [`poll_delay`] how long to sleep before the
//! next poll, and keeps the clock. The core has none: the host passes the
//! seconds elapsed since it started waiting.

use crate::error::{KitError, Result};

/// First delay between polls, in seconds.
pub const POLL_INITIAL_DELAY: f64 = 1.0;
/// Longest delay between polls, in seconds.
pub const POLL_MAX_DELAY: f64 = 10.0;
/// How long a wait lasts by default, in seconds (30 minutes).
pub const POLL_TIMEOUT: f64 = 1800.0;

/// The run statuses after which a run never changes again (the `RunStatus`
/// members `success`, `task_failed`, `error` and `cancelled`); `scheduling`,
/// `running` and `running_checks` are still moving.
pub const TERMINAL_RUN_STATUSES: [&str; 4] = ["success", "task_failed", "error", "cancelled"];

/// Whether a run in `status` is finished (see [`TERMINAL_RUN_STATUSES`]).
pub fn is_terminal_run_status(status: &str) -> bool {
    TERMINAL_RUN_STATUSES.contains(&status)
}

/// The poll policy; every field in seconds, `None` for the default.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PollOptions {
    /// The delay after the first poll ([`POLL_INITIAL_DELAY`]); it doubles
    /// after each poll.
    pub initial_delay: Option<f64>,
    /// The cap on a delay ([`POLL_MAX_DELAY`]).
    pub max_delay: Option<f64>,
    /// The deadline, counted from the start of the wait ([`POLL_TIMEOUT`]);
    /// infinity for none.
    pub timeout: Option<f64>,
}

fn seconds(name: &str, v: Option<f64>, default: f64, zero_ok: bool) -> Result<f64> {
    match v {
        None => Ok(default),
        Some(s) if s.is_finite() && (s > 0.0 || (zero_ok && s == 0.0)) => Ok(s),
        Some(_) => Err(KitError::invalid_argument(format!(
            "{name} must be a finite number of seconds{}",
            if zero_ok { ", 0 or more" } else { " above 0" }
        ))),
    }
}

/// Seconds to sleep after poll number `attempt` (0 after the first) before
/// polling again, when `elapsed` seconds have passed since the wait began.
/// Once `elapsed` reaches the deadline it raises `wait_timeout` (the host
/// stops polling and lets the error through).
///
/// The delay is `initial_delay * 2^attempt`, capped at `max_delay`, and cut
/// short so that the last poll falls on the deadline itself: with the
/// defaults, polls come 1, 2, 4, 8, then every 10 s for up to 30 minutes.
///
/// Raises `wait_timeout` at the deadline, and `invalid_argument` for an
/// `elapsed` that is negative or not finite, a delay that is not above 0, a `max_delay` below
/// `initial_delay`, or a negative `timeout`.
pub fn poll_delay(attempt: u32, elapsed: f64, options: &PollOptions) -> Result<f64> {
    let elapsed = seconds("elapsed", Some(elapsed), 0.0, true)?;
    let initial = seconds(
        "initial_delay",
        options.initial_delay,
        POLL_INITIAL_DELAY,
        false,
    )?;
    let max = seconds("max_delay", options.max_delay, POLL_MAX_DELAY, false)?;
    let timeout = match options.timeout {
        Some(t) if t == f64::INFINITY => t,
        t => seconds("timeout", t, POLL_TIMEOUT, true)?,
    };
    if max < initial {
        return Err(KitError::invalid_argument(
            "max_delay must not be below initial_delay",
        ));
    }
    let left = timeout - elapsed;
    if left <= 0.0 {
        return Err(KitError::WaitTimeout { timeout, elapsed });
    }
    let delay = (initial * 2f64.powi(attempt.min(64) as i32)).min(max);
    Ok(delay.min(left))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule() {
        let o = PollOptions::default();
        let d: Vec<_> = (0..6).map(|a| poll_delay(a, 0.0, &o).unwrap()).collect();
        assert_eq!(d, [1.0, 2.0, 4.0, 8.0, 10.0, 10.0]);
        assert_eq!(poll_delay(u32::MAX, 0.0, &o).unwrap(), 10.0);
        assert_eq!(poll_delay(3, 1795.0, &o).unwrap(), 5.0);
        let e = poll_delay(3, 1800.5, &o).unwrap_err();
        assert_eq!(e.code().as_str(), "wait_timeout");
        assert!(e.to_string().contains("1800.5 s"), "{e}");
        let zero = PollOptions {
            timeout: Some(0.0),
            ..o
        };
        assert!(poll_delay(0, 0.0, &zero).is_err());
        let forever = PollOptions {
            timeout: Some(f64::INFINITY),
            ..o
        };
        assert_eq!(poll_delay(9, 1e12, &forever).unwrap(), 10.0);
        for bad in [
            poll_delay(0, -1.0, &o),
            poll_delay(0, f64::NAN, &o),
            poll_delay(
                0,
                0.0,
                &PollOptions {
                    initial_delay: Some(0.0),
                    ..o
                },
            ),
            poll_delay(
                0,
                0.0,
                &PollOptions {
                    initial_delay: Some(20.0),
                    ..o
                },
            ),
        ] {
            assert_eq!(bad.unwrap_err().code().as_str(), "invalid_argument");
        }
        assert!(is_terminal_run_status("task_failed"));
        assert!(!is_terminal_run_status("running_checks"));
    }
}
