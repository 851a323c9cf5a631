//! JSON text in and out, with the limits that keep hostile input from
//! exhausting the stack or memory.

use crate::error::{KitError, Result};
use serde_json::Value;

/// The deepest nesting any value may have, from any host. `serde_json`
/// refuses deeper text by itself; the bindings enforce the same limit while
/// converting host values.
pub const MAX_DEPTH: usize = 128;

/// The largest JSON text [`parse_json`] reads.
pub const MAX_JSON_BYTES: usize = 64 * 1024 * 1024;

/// Parses JSON text into a value, refusing text over [`MAX_JSON_BYTES`] and
/// nesting over [`MAX_DEPTH`] with a coded error.
pub fn parse_json(text: &str) -> Result<Value> {
    if text.len() > MAX_JSON_BYTES {
        return Err(KitError::TooLarge {
            what: "JSON text",
            limit: MAX_JSON_BYTES,
        });
    }
    serde_json::from_str(text).map_err(|e| {
        if e.to_string().starts_with("recursion limit exceeded") {
            KitError::TooDeep { limit: MAX_DEPTH }
        } else {
            // serde_json's messages give a position and a category, never
            // the text itself.
            KitError::InvalidJson {
                message: e.to_string(),
            }
        }
    })
}

/// Checks that `value` nests no deeper than [`MAX_DEPTH`], without recursion.
pub fn check_depth(value: &Value) -> Result<()> {
    let mut stack: Vec<(&Value, usize)> = vec![(value, 1)];
    while let Some((v, depth)) = stack.pop() {
        match v {
            Value::Array(items) if !items.is_empty() => {
                if depth >= MAX_DEPTH {
                    return Err(KitError::TooDeep { limit: MAX_DEPTH });
                }
                stack.extend(items.iter().map(|i| (i, depth + 1)));
            }
            Value::Object(map) if !map.is_empty() => {
                if depth >= MAX_DEPTH {
                    return Err(KitError::TooDeep { limit: MAX_DEPTH });
                }
                stack.extend(map.values().map(|i| (i, depth + 1)));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Writes a finite `f64` as ECMAScript does (ECMA-262, Number::toString).
pub(crate) fn write_ecma_f64(out: &mut String, v: f64) {
    if v == 0.0 || !v.is_finite() {
        out.push('0');
        return;
    }
    if v < 0.0 {
        out.push('-');
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "d.ddde-x".
    let sci = format!("{:e}", v.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let k = digits.len() as i64;
    // n: where the decimal point goes, counted from the first digit.
    let n = exp.parse::<i64>().unwrap_or(0) + 1;
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        out.push_str(&digits[..n as usize]);
        out.push('.');
        out.push_str(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-n) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        if k > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if n > 0 { '+' } else { '-' });
        out.push_str(&(n - 1).abs().to_string());
    }
}

/// Compact JSON text (no spaces, keys in the value's own order, non-ASCII
/// kept as UTF-8), with every float written the way ECMAScript's
/// `Number.prototype.toString` (and so `JSON.stringify`) writes it: the
/// shortest digits that read back to the same double, as plain digits when
/// the decimal exponent is from -7 to 20 (`2`, `0.5`, `10000000000000000`,
/// `0.000001`) and as `d.ddde±x` outside that (`1e+21`, `1e-7`); `-0` is
/// `0`. JavaScript can't tell `2.0` from `2` nor keep a sign on zero, so
/// this is the one form all three languages can agree on. Integers (not
/// floats) are written with all their digits.
pub fn to_compact(value: &Value) -> String {
    let mut out = String::with_capacity(128);
    write_value(&mut out, value);
    out
}

/// Appends `value` as [`to_compact`] text, strings scanned eight bytes at a
/// time (the tests hold it to serde_json's own writer with ECMAScript
/// floats).
pub(crate) fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                out.push_str(&u.to_string());
            } else if let Some(i) = n.as_i64() {
                out.push_str(&i.to_string());
            } else {
                write_ecma_f64(out, n.as_f64().unwrap_or(0.0));
            }
        }
        Value::String(s) => write_json_str(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_str(out, k);
                out.push(':');
                write_value(out, v);
            }
            out.push('}');
        }
    }
}

/// Whether any of the eight bytes of `w` must be escaped in a JSON string
/// (`"`, `\\` or a control character below U+0020). Exact as a yes/no
/// answer (the classic "has a zero byte" test).
fn word_needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let control = w.wrapping_sub(ONES * 0x20) & !w;
    let q = w ^ (ONES * u64::from(b'"'));
    let quote = q.wrapping_sub(ONES) & !q;
    let b = w ^ (ONES * u64::from(b'\\'));
    let backslash = b.wrapping_sub(ONES) & !b;
    (control | quote | backslash) & HIGH != 0
}

/// Appends `s` as a JSON string, escaped exactly as serde_json escapes:
/// `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other controls as
/// `\u00xx`; everything else (non-ASCII included) as it is.
pub(crate) fn write_json_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push('"');
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            if !word_needs_escape(u64::from_le_bytes(word)) {
                i += 8;
                continue;
            }
        }
        let c = bytes[i];
        let escape: Option<&str> = match c {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            0x08 => Some("\\b"),
            0x0c => Some("\\f"),
            b'\n' => Some("\\n"),
            b'\r' => Some("\\r"),
            b'\t' => Some("\\t"),
            _ => None,
        };
        if escape.is_some() || c < 0x20 {
            // `c` is ASCII, so both ends of the run are char boundaries.
            out.push_str(&s[start..i]);
            match escape {
                Some(e) => out.push_str(e),
                None => {
                    out.push_str("\\u00");
                    out.push(char::from(HEX[usize::from(c >> 4)]));
                    out.push(char::from(HEX[usize::from(c & 0xf)]));
                }
            }
            start = i + 1;
        }
        i += 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// An optional argument that must be an object: `None` when absent or
/// null, an `invalid_argument` error for any other type.
pub(crate) fn object_arg<'v>(
    v: Option<&'v Value>,
    name: &str,
) -> Result<Option<&'v serde_json::Map<String, Value>>> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => Ok(Some(m)),
        Some(other) => Err(KitError::invalid_argument(format!(
            "{name} must be an object (a mapping of names to values), not {}",
            type_name(other)
        ))),
    }
}

/// The JSON type name of a value, for messages.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// serde_json's compact writer with floats written by `write_ecma_f64`:
    /// the reference the direct writer is held to.
    struct Canonical;

    impl serde_json::ser::Formatter for Canonical {
        fn write_f64<W: ?Sized + std::io::Write>(
            &mut self,
            w: &mut W,
            v: f64,
        ) -> std::io::Result<()> {
            let mut s = String::with_capacity(24);
            write_ecma_f64(&mut s, v);
            w.write_all(s.as_bytes())
        }
    }

    fn write_compact(value: &Value) -> String {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, Canonical);
        serde::Serialize::serialize(value, &mut ser).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The direct writer against serde_json with the same formatter.
    fn assert_same_text(v: &Value) {
        assert_eq!(to_compact(v), write_compact(v), "{v:?}");
    }

    #[test]
    fn the_direct_writer_writes_what_serde_json_writes() {
        let every_ascii: String = (0u8..=0x7f).map(char::from).collect();
        for s in [
            String::new(),
            every_ascii.clone(),
            every_ascii.repeat(3),
            "\u{7f}\u{80}é🙂\u{2028}\u{fffd}".into(),
            "12345678\"2345678\\234567\u{1}".into(),
            "a".repeat(1000) + "\n",
        ] {
            assert_same_text(&Value::String(s.clone()));
            assert_same_text(
                &serde_json::json!({ s.clone(): [s, 1, -2, 2.5, 1e21, 1e-7, null, true, false, u64::MAX, i64::MIN] }),
            );
        }
    }

    /// serde_json reads some decimals one unit in the last place off unless
    /// its `float_roundtrip` feature is on (found by the validate fuzz
    /// target): a number must cross text unchanged.
    #[test]
    fn numbers_read_from_text_are_the_nearest_double() {
        for text in [
            "4.4e+182",
            "44e181",
            "6.049434498168e+150",
            "1.6671079275418203e-146",
            "7.205992133222177e+222",
            "0.3",
            "2.2250738585072014e-308",
        ] {
            let v = parse_json(text).unwrap();
            let want: f64 = text.parse().unwrap();
            assert_eq!(v.as_f64(), Some(want), "{text}");
            assert_eq!(
                parse_json(&to_compact(&v)).unwrap().as_f64(),
                Some(want),
                "{text}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn any_string_is_written_as_serde_json_writes_it(s in any::<String>(), t in "[\\x00-\\x7f]{0,40}") {
            assert_same_text(&Value::String(s.clone()));
            assert_same_text(&Value::String(t.clone()));
            assert_same_text(&serde_json::json!({ t: s }));
        }
    }

    #[test]
    fn deep_text_is_too_deep_not_a_crash() {
        let text = "[".repeat(100_000) + &"]".repeat(100_000);
        assert_eq!(
            parse_json(&text).map_err(|e| e.code()),
            Err(crate::ErrorCode::TooDeep)
        );
    }

    #[test]
    fn depth_check_counts_levels() {
        let mut v = Value::from(1);
        for _ in 0..MAX_DEPTH - 1 {
            v = Value::Array(vec![v]);
        }
        assert!(check_depth(&v).is_ok());
        let v = Value::Array(vec![v]);
        assert!(check_depth(&v).is_err());
    }

    #[test]
    fn compact_keeps_key_order_and_unicode() {
        let v = parse_json(r#"{"b": 1, "a": "é"}"#).unwrap_or_default();
        assert_eq!(to_compact(&v), r#"{"b":1,"a":"é"}"#);
        let v = parse_json(r#"[2.0, -0.0, 0.5, 1e300]"#).unwrap_or_default();
        assert_eq!(to_compact(&v), "[2,0,0.5,1e+300]");
    }

    #[test]
    fn floats_are_written_as_javascript_writes_them() {
        // Expected texts: what Node's String(x) prints for the same doubles.
        for (v, text) in [
            (1e16, "10000000000000000"),
            (9_007_199_254_740_992.0, "9007199254740992"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123_456_789_012_345_680_000.0, "123456789012345680000"),
            (-0.0, "0"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (0.000_001, "0.000001"),
            (0.1 + 0.2, "0.30000000000000004"),
            (-2.5, "-2.5"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (9_223_372_036_854_775_807.0, "9223372036854776000"),
            (18_446_744_073_709_551_615.0, "18446744073709552000"),
            (123.456, "123.456"),
        ] {
            let mut s = String::new();
            write_ecma_f64(&mut s, v);
            assert_eq!(s, text, "{v:e}");
        }
    }
}
