//! The string formats the schema asserts (`uuid`, `date-time`, `date`) and
//! the HTTP date of a `Retry-After` header. Hand-written: each is a few
//! lines, and they must behave the same on every target.

/// Why a string is not a UUID, worded like pydantic's `uuid_parsing`.
pub fn uuid_problem(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() != 36 {
        return Some(format!(
            "invalid length: expected 36 characters in the hyphenated form, found {}",
            s.chars().count()
        ));
    }
    for (i, &c) in b.iter().enumerate() {
        let ok = if matches!(i, 8 | 13 | 18 | 23) {
            c == b'-'
        } else {
            c.is_ascii_hexdigit()
        };
        if !ok {
            return Some(if matches!(i, 8 | 13 | 18 | 23) {
                format!("invalid group separator at {}: expected `-`", i + 1)
            } else {
                format!("invalid character at {}: expected [0-9a-fA-F]", i + 1)
            });
        }
    }
    None
}

/// Why a string is not a UUID to pydantic v2 (what the server runs), in
/// pydantic's words. pydantic-core parses with the `uuid` crate (1.23 at
/// the time of writing); its forms and its messages are reproduced here
/// because later versions of the crate word and count differently: the
/// hyphenated form, the simple form (32 hex digits), `{braced}` and
/// `urn:uuid:`; a bad character is named with its 1-based byte position
/// (`invalid character: found `é` at 1`).
pub fn pydantic_uuid_problem(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let hyphenated = |h: &[u8]| {
        h.len() == 36
            && h.iter().enumerate().all(|(i, c)| {
                if matches!(i, 8 | 13 | 18 | 23) {
                    *c == b'-'
                } else {
                    c.is_ascii_hexdigit()
                }
            })
    };
    let ok = match b.len() {
        32 => b.iter().all(u8::is_ascii_hexdigit),
        36 => hyphenated(b),
        38 if b[0] == b'{' && b[37] == b'}' => hyphenated(&b[1..37]),
        45 if b.starts_with(b"urn:uuid:") => hyphenated(&b[9..]),
        _ => false,
    };
    if ok {
        return None;
    }
    let (inner, offset, simple) = if b.len() >= 2 && b[0] == b'{' && b[b.len() - 1] == b'}' {
        (&s[1..s.len() - 1], 1, false)
    } else if let Some(rest) = s.strip_prefix("urn:uuid:") {
        (rest, 9, false)
    } else {
        (s, 0, true)
    };
    let mut hyphens = 0usize;
    let mut bounds = [0usize; 4];
    for (i, c) in inner.char_indices() {
        if c == '-' {
            if hyphens < 4 {
                bounds[hyphens] = i;
            }
            hyphens += 1;
        } else if !c.is_ascii_hexdigit() {
            return Some(format!(
                "invalid character: found `{c}` at {}",
                i + offset + 1
            ));
        }
    }
    if hyphens == 0 && simple {
        return Some(format!(
            "invalid length: expected length 32 for simple format, found {}",
            s.len()
        ));
    }
    if hyphens != 4 {
        return Some(format!(
            "invalid group count: expected 5, found {}",
            hyphens + 1
        ));
    }
    const STARTS: [usize; 5] = [0, 9, 14, 19, 24];
    const LENGTHS: [usize; 5] = [8, 4, 4, 4, 12];
    // The crate subtracts without checking; pydantic's release build wraps.
    let (group, len) = (0..4)
        .find(|&i| bounds[i] != STARTS[i + 1] - 1)
        .map_or((4, s.len().wrapping_sub(STARTS[4])), |i| {
            (i, bounds[i].wrapping_sub(STARTS[i]))
        });
    Some(format!(
        "invalid group length in group {group}: expected {}, found {len}",
        LENGTHS[group]
    ))
}

/// The pydantic error of a date-time string the server refuses: its
/// `type` and the `error` its message ends with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTimeProblem {
    /// `datetime_from_date_parsing` (neither a datetime nor a date) or
    /// `datetime_parsing` (parsed, but year 0).
    pub kind: &'static str,
    /// speedate's wording, e.g. `day value is outside expected range`.
    pub why: &'static str,
}

const UNIX_0000: i64 = -62_167_219_200;
const UNIX_0001: i64 = -62_135_596_800;
const UNIX_9999: i64 = 253_402_300_799;
/// Above this absolute value a timestamp counts milliseconds.
const MS_WATERSHED: i64 = 20_000_000_000;

fn digit(b: &[u8], at: usize, why: &'static str) -> Result<u32, &'static str> {
    match b.get(at) {
        Some(c) if c.is_ascii_digit() => Ok(u32::from(c - b'0')),
        _ => Err(why),
    }
}

/// speedate's `Date::parse_bytes_partial`: `YYYY-MM-DD` at the start.
fn sd_date(b: &[u8]) -> Result<(u32, u32, u32), &'static str> {
    if b.len() < 10 {
        return Err("input is too short");
    }
    let mut y = 0;
    for i in 0..4 {
        y = y * 10 + digit(b, i, "invalid character in year")?;
    }
    if b[4] != b'-' {
        return Err("invalid date separator, expected `-`");
    }
    let m = digit(b, 5, "invalid character in month")? * 10
        + digit(b, 6, "invalid character in month")?;
    if b[7] != b'-' {
        return Err("invalid date separator, expected `-`");
    }
    let d =
        digit(b, 8, "invalid character in day")? * 10 + digit(b, 9, "invalid character in day")?;
    if !(1..=12).contains(&m) {
        return Err("month value is outside expected range of 1-12");
    }
    if d == 0 || d > days_in_month(y, m) {
        return Err("day value is outside expected range");
    }
    Ok((y, m, d))
}

/// speedate's time of day with its offset, from `at` to the end.
fn sd_time(b: &[u8], at: usize) -> Result<(), &'static str> {
    if b.len() < at + 5 {
        return Err("input is too short");
    }
    let h = digit(b, at, "invalid character in hour")? * 10
        + digit(b, at + 1, "invalid character in hour")?;
    if b[at + 2] != b':' {
        return Err("invalid time separator, expected `:`");
    }
    let mi = digit(b, at + 3, "invalid character in minute")? * 10
        + digit(b, at + 4, "invalid character in minute")?;
    if h > 23 {
        return Err("hour value is outside expected range of 0-23");
    }
    if mi > 59 {
        return Err("minute value is outside expected range of 0-59");
    }
    let mut i = at + 5;
    if b.get(i) == Some(&b':') {
        let sec = digit(b, i + 1, "invalid character in second")? * 10
            + digit(b, i + 2, "invalid character in second")?;
        if sec > 59 {
            return Err("second value is outside expected range of 0-59");
        }
        i += 3;
        if matches!(b.get(i), Some(b'.' | b',')) {
            i += 1;
            let start = i;
            // Digits past the sixth are truncated (pydantic's default).
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return Err("second fraction digits missing after `.`");
            }
        }
    }
    if let Some(&c) = b.get(i) {
        i += 1;
        if c == b'Z' || c == b'z' {
        } else {
            let sign_ok = match c {
                b'+' | b'-' => true,
                // U+2212 MINUS SIGN, which ISO 8601 allows.
                0xE2 if b.get(i) == Some(&0x88) && b.get(i + 1) == Some(&0x92) => {
                    i += 2;
                    true
                }
                _ => false,
            };
            if !sign_ok {
                return Err("invalid timezone sign");
            }
            let oh = digit(b, i, "invalid timezone hour")? * 10
                + digit(b, i + 1, "invalid timezone hour")?;
            let m1 = match b.get(i + 2) {
                Some(b':') => {
                    i += 3;
                    digit(b, i, "invalid timezone minute")?
                }
                Some(c) if c.is_ascii_digit() => {
                    i += 2;
                    u32::from(c - b'0')
                }
                _ => return Err("invalid timezone minute"),
            };
            let m2 = digit(b, i + 1, "invalid timezone minute")?;
            if m1 * 10 + m2 >= 60 {
                return Err("timezone minute value is outside expected range of 0-59");
            }
            if oh * 3600 + (m1 * 10 + m2) * 60 >= 24 * 3600 {
                return Err("timezone offset must be less than 24 hours");
            }
            i += 2;
        }
    }
    if b.len() > i {
        return Err("unexpected extra characters at the end of the input");
    }
    Ok(())
}

/// speedate's integer reading: an optional sign, then ASCII digits. On
/// failure, the byte that stopped it (`None` for empty input).
fn sd_int(b: &[u8]) -> Result<i64, Option<u8>> {
    let (neg, digits) = match b {
        [b'-', rest @ ..] if !rest.is_empty() => (true, rest),
        [b'+', rest @ ..] if !rest.is_empty() => (false, rest),
        [] => return Err(None),
        rest => (false, rest),
    };
    let mut v: i64 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return Err(Some(c));
        }
        v = v.wrapping_mul(10).wrapping_add(i64::from(c - b'0'));
        if v < 0 {
            return Err(Some(c));
        }
    }
    Ok(if neg { -v } else { v })
}

/// Seconds since the epoch of a timestamp, milliseconds above the watershed.
fn sd_seconds(ts: i64) -> Option<(i64, i64)> {
    let abs = ts.checked_abs()?;
    if abs <= MS_WATERSHED {
        Some((ts, 0))
    } else {
        Some((ts.div_euclid(1000), ts.rem_euclid(1000) * 1000))
    }
}

/// Year 0, 1-9999 or out of range (`None`) for seconds since the epoch.
fn timestamp_year_ok(seconds: i64) -> Result<bool, &'static str> {
    if seconds < UNIX_0000 {
        return Err("dates before 0000 are not supported as unix timestamps");
    }
    if seconds > UNIX_9999 {
        return Err("dates after 9999 are not supported as unix timestamps");
    }
    Ok(seconds >= UNIX_0001)
}

/// speedate's `DateTime::parse_bytes`: `Ok(year_is_not_zero)`.
fn sd_datetime(b: &[u8]) -> Result<bool, &'static str> {
    let text = (|| {
        let (y, _, _) = sd_date(b)?;
        if !matches!(b.get(10), Some(b'T' | b't' | b' ' | b'_')) {
            return Err("invalid datetime separator, expected `T`, `t`, `_` or space");
        }
        sd_time(b, 11)?;
        Ok(y != 0)
    })();
    let Err(e) = text else { return text };
    match sd_int(b) {
        Ok(ts) => timestamp_year_ok(
            sd_seconds(ts)
                .ok_or("dates before 0000 are not supported as unix timestamps")?
                .0,
        ),
        Err(Some(b'.')) => {
            let f: f64 = std::str::from_utf8(b)
                .ok()
                .filter(|t| {
                    t.bytes().all(|c| {
                        c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+' | b'e' | b'E')
                    })
                })
                .and_then(|t| t.parse().ok())
                .filter(|f: &f64| f.is_finite())
                .ok_or(e)?;
            let f = if f.abs() > MS_WATERSHED as f64 {
                f / 1000.0
            } else {
                f
            };
            let mut seconds = f.floor() as i64;
            if ((f - f.floor()) * 1_000_000.0).round() >= 1_000_000.0 {
                seconds += 1;
            }
            timestamp_year_ok(seconds)
        }
        Err(_) => Err(e),
    }
}

/// speedate's `Date::parse_bytes`: `Ok(year_is_not_zero)`.
fn sd_date_only(b: &[u8]) -> Result<bool, &'static str> {
    let e = match sd_date(b) {
        Ok(_) if b.len() > 10 => "unexpected extra characters at the end of the input",
        Ok((y, _, _)) => return Ok(y != 0),
        Err(e) => e,
    };
    match sd_int(b) {
        Ok(ts) => {
            let (seconds, micros) =
                sd_seconds(ts).ok_or("dates before 0000 are not supported as unix timestamps")?;
            let year_ok = timestamp_year_ok(seconds)?;
            if seconds.rem_euclid(86_400) != 0 || micros != 0 {
                return Err("Timestamp is not an exact date");
            }
            Ok(year_ok)
        }
        Err(_) => Err(e),
    }
}

/// Why pydantic v2 in lax mode (FastAPI validating a JSON body; the
/// official SDK reading a response) refuses a string as a `datetime`.
/// Ported from speedate, the parser pydantic-core uses: `YYYY-MM-DD`, a
/// separator (`T`, `t`, space or `_`), `HH:MM[:SS[.ffffff]]` (any number
/// of fraction digits, `.` or `,`), then optionally `Z`/`z` or an offset
/// `±HH:MM` / `±HHMM` under 24 hours; no zone means a naive datetime, which
/// pydantic accepts. Failing that, a Unix timestamp (seconds, or
/// milliseconds above 2e10), and failing that a date alone (midnight).
/// Year 0 parses but Python's `datetime` refuses it.
pub fn pydantic_datetime_problem(s: &str) -> Option<DateTimeProblem> {
    let b = s.as_bytes();
    let parsed = match sd_datetime(b) {
        Ok(year_ok) => Ok(year_ok),
        Err(_) => sd_date_only(b).map_err(|why| DateTimeProblem {
            kind: "datetime_from_date_parsing",
            why,
        }),
    };
    match parsed {
        Ok(true) => None,
        Ok(false) => Some(DateTimeProblem {
            kind: "datetime_parsing",
            why: "year 0 is out of range",
        }),
        Err(p) => Some(p),
    }
}

fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = b.get(at..at + n)?;
    let mut v = 0u32;
    for &c in part {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

fn is_leap(y: u32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        _ => 28,
    }
}

/// Why a string is not an RFC 3339 `full-date`.
pub fn date_problem(s: &str) -> Option<&'static str> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Some("expected YYYY-MM-DD");
    }
    let (Some(y), Some(m), Some(d)) = (digits(b, 0, 4), digits(b, 5, 2), digits(b, 8, 2)) else {
        return Some("expected YYYY-MM-DD");
    };
    if !(1..=12).contains(&m) {
        return Some("month value is outside expected range of 1-12");
    }
    if d == 0 || d > days_in_month(y, m) {
        return Some("day value is outside expected range");
    }
    None
}

/// Why a string is not an RFC 3339 `date-time` (what JSON Schema's
/// `date-time` format asks: `2026-11-24T10:00:00Z`, `...+02:00`, fractions
/// allowed, `T`/`Z` in either case).
pub fn datetime_problem(s: &str) -> Option<&'static str> {
    let b = s.as_bytes();
    if b.len() < 20 {
        return Some("input is too short");
    }
    match s.get(..10) {
        Some(date) => {
            if let Some(p) = date_problem(date) {
                return Some(p);
            }
        }
        None => return Some("expected YYYY-MM-DD"),
    }
    if !matches!(b[10], b'T' | b't') {
        return Some("expected `T` between date and time");
    }
    let (Some(h), Some(mi), Some(sec)) = (digits(b, 11, 2), digits(b, 14, 2), digits(b, 17, 2))
    else {
        return Some("expected HH:MM:SS");
    };
    if b[13] != b':' || b[16] != b':' {
        return Some("expected HH:MM:SS");
    }
    if h > 23 {
        return Some("hour value is outside expected range of 0-23");
    }
    if mi > 59 {
        return Some("minute value is outside expected range of 0-59");
    }
    if sec > 60 {
        return Some("second value is outside expected range of 0-60");
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return Some("expected digits after the decimal point");
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => None,
        Some(b'+' | b'-') if i + 6 == b.len() => {
            match (digits(b, i + 1, 2), b[i + 3], digits(b, i + 4, 2)) {
                (Some(oh), b':', Some(om)) if oh <= 23 && om <= 59 => None,
                _ => Some("invalid timezone offset"),
            }
        }
        _ => Some("expected a timezone (`Z` or `+HH:MM`)"),
    }
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let d = i64::from(d);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const LONG_DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Unix seconds of a checked civil date and `HH:MM:SS` time.
fn http_seconds(y: i64, month: &str, d: &str, time: &str) -> Option<f64> {
    let m = MONTH_NAMES.iter().position(|x| *x == month)? as u32 + 1;
    if d.is_empty() || d.len() > 2 || !d.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let d: u32 = d.parse().ok()?;
    let tb = time.as_bytes();
    if tb.len() != 8 || tb[2] != b':' || tb[5] != b':' {
        return None;
    }
    let (h, mi, sec) = (digits(tb, 0, 2)?, digits(tb, 3, 2)?, digits(tb, 6, 2)?);
    if !(1..=9999).contains(&y)
        || d == 0
        || d > days_in_month(y as u32, m)
        || h > 23
        || mi > 59
        || sec > 60
    {
        return None;
    }
    let days = days_from_civil(y, m, d);
    Some((days * 86_400 + i64::from(h * 3600 + mi * 60 + sec)) as f64)
}

fn four_digit_year(y: &str) -> Option<i64> {
    if y.len() == 4 && y.bytes().all(|c| c.is_ascii_digit()) {
        y.parse().ok()
    } else {
        None
    }
}

/// Parses an HTTP date in any of the three forms RFC 9110 §5.6.7 says a
/// recipient must accept, into Unix seconds: IMF-fixdate
/// (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 form
/// (`Sunday, 06-Nov-94 08:49:37 GMT`) and ANSI C's asctime form
/// (`Sun Nov  6 08:49:37 1994`, read as UTC). An RFC 850 two-digit year
/// is placed in `now`'s century, or the one before when that would put
/// it more than 50 years after `now` (RFC 9110's rule); without `now` it
/// is not read.
pub fn parse_http_date_at(s: &str, now: Option<f64>) -> Option<f64> {
    let parts: Vec<&str> = s.split_ascii_whitespace().collect();
    match parts.as_slice() {
        [weekday, day, month, year, time, "GMT"] => {
            let weekday = weekday.strip_suffix(',')?;
            if !DAY_NAMES.contains(&weekday) || day.len() != 2 {
                return None;
            }
            http_seconds(four_digit_year(year)?, month, day, time)
        }
        [weekday, date, time, "GMT"] => {
            let weekday = weekday.strip_suffix(',')?;
            if !LONG_DAY_NAMES.contains(&weekday) {
                return None;
            }
            let mut it = date.split('-');
            let (Some(day), Some(month), Some(yy), None) =
                (it.next(), it.next(), it.next(), it.next())
            else {
                return None;
            };
            if day.len() != 2 || yy.len() != 2 || !yy.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let yy: i64 = yy.parse().ok()?;
            let now = now?;
            let now_year = 1970 + (now / 31_556_952.0).floor() as i64;
            let mut year = now_year - now_year.rem_euclid(100) + yy;
            if year > now_year + 50 {
                year -= 100;
            }
            http_seconds(year, month, day, time)
        }
        [weekday, month, day, time, year] => {
            if !DAY_NAMES.contains(weekday) {
                return None;
            }
            http_seconds(four_digit_year(year)?, month, day, time)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids() {
        assert_eq!(uuid_problem("550e8400-e29b-41d4-a716-446655440000"), None);
        assert_eq!(uuid_problem("550E8400-E29B-41D4-A716-446655440000"), None);
        assert!(uuid_problem("550e8400e29b41d4a716446655440000").is_some());
        assert!(uuid_problem("550e8400-e29b-41d4-a716-44665544000g").is_some());
        assert!(uuid_problem("").is_some());
        assert!(uuid_problem("550e8400-e29b-41d4-a716-4466554400é").is_some());
    }

    #[test]
    fn datetimes() {
        for ok in [
            "2026-11-24T10:00:00Z",
            "2026-11-24t10:00:00.123456+02:00",
            "2024-02-29T23:59:60-00:30",
        ] {
            assert_eq!(datetime_problem(ok), None, "{ok}");
        }
        for bad in [
            "2026-11-24",
            "2026-11-24 10:00:00Z",
            "2026-13-01T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-11-24T24:00:00Z",
            "2026-11-24T10:00:00",
            "2026-11-24T10:00:00.Z",
            "2026-11-24T10:00:00+2:00",
            "2026-11-24T10:00:00ZZ",
            "２026-11-24T10:00:00Z",
        ] {
            assert!(datetime_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn http_dates() {
        assert_eq!(
            parse_http_date_at("Sun, 06 Nov 1994 08:49:37 GMT", None),
            Some(784_111_777.0)
        );
        assert_eq!(
            parse_http_date_at("Thu, 01 Jan 1970 00:00:00 GMT", None),
            Some(0.0)
        );
        // RFC 850 needs `now` to place its two-digit year.
        assert_eq!(
            parse_http_date_at("Sunday, 06-Nov-94 08:49:37 GMT", None),
            None
        );
        assert_eq!(parse_http_date_at("06 Nov 1994 08:49:37 GMT", None), None);
        assert_eq!(
            parse_http_date_at("Sun, 31 Feb 1994 08:49:37 GMT", None),
            None
        );
        let now = Some(1_700_000_000.0); // 2023-11-14
        assert_eq!(
            parse_http_date_at("Sunday, 06-Nov-94 08:49:37 GMT", now),
            Some(784_111_777.0)
        );
        assert_eq!(
            parse_http_date_at("Sun Nov  6 08:49:37 1994", now),
            Some(784_111_777.0)
        );
        // 2074 would be more than 50 years after 2023: 1974.
        assert_eq!(
            parse_http_date_at("Wednesday, 06-Nov-74 00:00:00 GMT", now),
            Some(152_928_000.0)
        );
        assert_eq!(
            parse_http_date_at("Friday, 06-Nov-26 00:00:00 GMT", now),
            Some(1_793_923_200.0)
        );
        for bad in [
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-1994 08:49:37 GMT",
            "Sun, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 94",
            "Sun Nov 31 08:49:37 1994",
            "Xyz Nov  6 08:49:37 1994",
        ] {
            assert_eq!(parse_http_date_at(bad, now), None, "{bad}");
        }
    }
}
