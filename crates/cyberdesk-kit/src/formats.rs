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

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form
/// RFC 9110 tells senders to use, into Unix seconds.
pub fn parse_http_date(s: &str) -> Option<f64> {
    let parts: Vec<&str> = s.split_ascii_whitespace().collect();
    let [_weekday, day, month, year, time, gmt] = parts.as_slice() else {
        return None;
    };
    if *gmt != "GMT" {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let m = MONTHS.iter().position(|x| x == month)? as u32 + 1;
    let d: u32 = day.parse().ok()?;
    let y: i64 = year.parse().ok()?;
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
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777.0)
        );
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("06 Nov 1994 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"), None);
    }
}
