//! `format` in user schemas: an annotation (JSON Schema 2020-12 Validation
//! §7.2.1, and python-jsonschema's default), so a value that does not meet
//! it is reported as a warning by the callers, never as an error. These
//! checks decide that warning for the common formats; other format names
//! are not checked.

use std::net::{Ipv4Addr, Ipv6Addr};

/// `Some(ok)` for a format this module knows, `None` otherwise.
pub(crate) fn check(format: &str, s: &str) -> Option<bool> {
    Some(match format {
        "date-time" => date_time(s),
        "date" => date(s),
        "time" => time(s),
        "email" | "idn-email" => email(s),
        "uuid" => crate::formats::uuid_problem(s).is_none(),
        "ipv4" => ipv4(s),
        "ipv6" => s.parse::<Ipv6Addr>().is_ok() && !s.contains('%'),
        "hostname" | "idn-hostname" => hostname(s),
        "uri" | "iri" => uri(s),
        "regex" => super::ecma::Pattern::new(s).is_ok(),
        "json-pointer" => s.is_empty() || s.starts_with('/') && escapes_ok(s),
        _ => return None,
    })
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// RFC 3339 `full-date`, with the days of each month and leap years.
fn date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(y), Some(m), Some(d)) = (digits(&s[0..4]), digits(&s[5..7]), digits(&s[8..10]))
    else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// RFC 3339 `full-time`: `HH:MM:SS[.frac](Z|+HH:MM)`, a leap second only
/// at 23:59:60 UTC.
fn time(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 9 || b[2] != b':' || b[5] != b':' {
        return false;
    }
    let (Some(h), Some(mi), Some(sec)) = (digits(&s[0..2]), digits(&s[3..5]), digits(&s[6..8]))
    else {
        return false;
    };
    let mut rest = &s[8..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    let offset_minutes: i64 = if rest == "Z" || rest == "z" {
        0
    } else {
        let ob = rest.as_bytes();
        if ob.len() != 6 || !matches!(ob[0], b'+' | b'-') || ob[3] != b':' {
            return false;
        }
        let (Some(oh), Some(om)) = (digits(&rest[1..3]), digits(&rest[4..6])) else {
            return false;
        };
        if oh > 23 || om > 59 {
            return false;
        }
        let m = i64::from(oh * 60 + om);
        if ob[0] == b'+' {
            m
        } else {
            -m
        }
    };
    if h > 23 || mi > 59 || sec > 60 {
        return false;
    }
    if sec == 60 {
        let utc = (i64::from(h * 60 + mi) - offset_minutes).rem_euclid(24 * 60);
        return utc == 23 * 60 + 59;
    }
    true
}

fn date_time(s: &str) -> bool {
    match s.find(['T', 't']) {
        Some(10) => date(&s[..10]) && time(&s[11..]),
        _ => false,
    }
}

fn email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    if local.is_empty() || domain.is_empty() || local.len() > 64 {
        return false;
    }
    let quoted = local.starts_with('"') && local.ends_with('"') && local.len() >= 2;
    if !quoted
        && (local.starts_with('.')
            || local.ends_with('.')
            || local.contains("..")
            || local
                .chars()
                .any(|c| c.is_whitespace() || "()<>[]:;@\\,\"".contains(c)))
    {
        return false;
    }
    if let Some(ip) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        return match ip.strip_prefix("IPv6:") {
            Some(v6) => v6.parse::<Ipv6Addr>().is_ok(),
            None => ipv4(ip),
        };
    }
    hostname(domain)
}

fn ipv4(s: &str) -> bool {
    // No leading zeros (RFC 2673 §3.2's dotted-quad), as the test suite asks.
    s.parse::<Ipv4Addr>().is_ok() && s.split('.').all(|p| p == "0" || !p.starts_with('0'))
}

fn hostname(s: &str) -> bool {
    let s = s.strip_suffix('.').unwrap_or(s);
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

fn uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.chars().any(|c| {
            c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\\' | '^' | '`' | '{' | '|' | '}')
        })
}

fn escapes_ok(s: &str) -> bool {
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == '~' && !matches!(it.next(), Some('0' | '1')) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn formats_per_their_rfcs() {
        let yes = [
            ("date-time", "1963-06-19T08:30:06.283185Z"),
            ("date-time", "1998-12-31T23:59:60Z"),
            ("date-time", "1998-12-31T15:59:60.123-08:00"),
            ("date", "2020-02-29"),
            ("time", "08:30:06+01:00"),
            ("email", "joe.bloggs@example.com"),
            ("uuid", "2eb8aa08-aa98-11ea-b4aa-73b441d16380"),
            ("ipv4", "192.168.0.1"),
            ("ipv6", "::1"),
            ("hostname", "www.example.com"),
            ("uri", "http://foo.bar/?baz=qux#quux"),
            ("json-pointer", "/foo/bar~0baz"),
            ("regex", "^(?!x)a$"),
        ];
        for (f, s) in yes {
            assert_eq!(check(f, s), Some(true), "{f} {s}");
        }
        let no = [
            ("date-time", "1990-02-31T15:59:59.123-08:00"),
            ("date-time", "1998-12-31T23:58:60Z"),
            ("date-time", "1963-06-19 08:30:06Z"),
            ("date", "2021-02-29"),
            ("date", "2020-1-01"),
            ("time", "24:00:00Z"),
            ("time", "08:30:06"),
            ("email", "2962"),
            ("email", "joe..bloggs@example.com"),
            ("uuid", "2eb8aa08-aa98-11ea-b4aa-73b441d1638"),
            ("ipv4", "087.10.0.1"),
            ("ipv6", "12345::"),
            ("hostname", "-a-host-name-that-starts-with--"),
            ("uri", "//foo.bar/?baz=qux#quux"),
            ("json-pointer", "/foo/bar~"),
            ("regex", "^(abc]"),
        ];
        for (f, s) in no {
            assert_eq!(check(f, s), Some(false), "{f} {s}");
        }
        assert_eq!(check("x-custom", "anything"), None);
    }
}
