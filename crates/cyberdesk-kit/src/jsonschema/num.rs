//! Numbers as JSON Schema compares them, and as the server does.
//!
//! A JSON number is either an integer (kept exactly, up to 64 bits) or a
//! double. Comparisons are exact across the two kinds, as Python compares
//! `int` and `float` (python-jsonschema, on the server, does no rounding):
//! `9007199254740993` is greater than `9007199254740992.0`. `multipleOf`
//! follows python-jsonschema's rule, which is what decides a workflow's
//! input on the server.

use serde_json::Number;
use std::cmp::Ordering;

fn int_of(n: &Number) -> Option<i128> {
    n.as_i64()
        .map(i128::from)
        .or_else(|| n.as_u64().map(i128::from))
}

/// An integer against a double, exactly.
fn cmp_int_float(i: i128, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    // Beyond i128, any 64-bit integer is on the near side.
    if f >= 1.7e38 {
        return Some(Ordering::Less);
    }
    if f <= -1.7e38 {
        return Some(Ordering::Greater);
    }
    let floor = f.floor();
    Some(match i.cmp(&(floor as i128)) {
        Ordering::Equal if f > floor => Ordering::Less,
        other => other,
    })
}

/// `a` against `b`, exactly.
pub(crate) fn cmp(a: &Number, b: &Number) -> Option<Ordering> {
    match (int_of(a), int_of(b)) {
        (Some(i), Some(j)) => Some(i.cmp(&j)),
        (Some(i), None) => cmp_int_float(i, b.as_f64()?),
        (None, Some(j)) => cmp_int_float(j, a.as_f64()?).map(Ordering::reverse),
        (None, None) => a.as_f64()?.partial_cmp(&b.as_f64()?),
    }
}

/// Whether a double has no fractional part.
pub(crate) fn is_integral(f: f64) -> bool {
    f.is_finite() && f.fract() == 0.0
}

/// The canonical text of a number for hashing: equal numbers, equal texts.
pub(crate) fn canonical(n: &Number) -> String {
    if let Some(i) = int_of(n) {
        return i.to_string();
    }
    match n.as_f64() {
        Some(f) if is_integral(f) && f.abs() < 1.7e38 => (f as i128).to_string(),
        Some(f) => {
            let mut s = String::new();
            crate::json::write_ecma_f64(&mut s, f);
            s
        }
        None => String::new(),
    }
}

/// `(mantissa, exponent)` with `|x| = mantissa * 2^exponent`.
fn decompose(x: f64) -> (u64, i32) {
    let bits = x.abs().to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    }
}

/// Whether `f / m` is an integer, computed exactly on the two doubles.
fn exact_multiple(f: f64, m: f64) -> bool {
    let (fm, fe) = decompose(f);
    let (mm, me) = decompose(m);
    if fm == 0 {
        return true;
    }
    if mm == 0 {
        return false;
    }
    let (ftz, mtz) = (fm.trailing_zeros(), mm.trailing_zeros());
    let (fm, mm) = (fm >> ftz, mm >> mtz);
    // Both odd now: f/m = (fm/mm) * 2^e is an integer iff mm divides fm and
    // the power of two is not negative.
    let e = i64::from(fe) + i64::from(ftz) - i64::from(me) - i64::from(mtz);
    fm % mm == 0 && e >= 0
}

/// `multipleOf`, as python-jsonschema decides it: for an integer `m`, the
/// remainder (exact for integers; for a double, its exact `fmod`); for a
/// double `m`, whether `instance / m` computed in doubles is integral, and
/// when that quotient overflows, the exact quotient of the two doubles. So
/// `0.0075` is a multiple of `0.0001` and `19.99` is not one of `0.01`
/// (`19.99 / 0.01` is `1998.9999999999998` in doubles: the server refuses
/// it too).
pub(crate) fn is_multiple(n: &Number, m: &Number) -> bool {
    if let Some(mi) = int_of(m) {
        if mi == 0 {
            return false;
        }
        return match int_of(n) {
            Some(i) => i % mi == 0,
            None => n.as_f64().is_some_and(|f| f % (mi as f64) == 0.0),
        };
    }
    let (Some(f), Some(mf)) = (n.as_f64(), m.as_f64()) else {
        return false;
    };
    let q = f / mf;
    if q.is_finite() {
        q.fract() == 0.0
    } else {
        exact_multiple(f, mf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn n(v: serde_json::Value) -> Number {
        match v {
            serde_json::Value::Number(n) => n,
            _ => Number::from(0),
        }
    }

    #[test]
    fn integers_and_doubles_compare_exactly() {
        let big = n(json!(9007199254740993u64));
        let dbl = n(json!(9007199254740992.0));
        assert_eq!(cmp(&big, &dbl), Some(Ordering::Greater));
        assert_eq!(cmp(&dbl, &big), Some(Ordering::Less));
        assert_eq!(cmp(&n(json!(1)), &n(json!(1.0))), Some(Ordering::Equal));
        assert_eq!(cmp(&n(json!(1)), &n(json!(1.5))), Some(Ordering::Less));
        assert_eq!(cmp(&n(json!(-2)), &n(json!(-1.5))), Some(Ordering::Less));
        assert_eq!(
            cmp(&n(json!(u64::MAX)), &n(json!(1e300))),
            Some(Ordering::Less)
        );
        assert_eq!(canonical(&n(json!(2.0))), canonical(&n(json!(2))));
        assert_ne!(canonical(&big), canonical(&dbl));
    }

    /// Each verdict is python-jsonschema 4.26's on the same pair.
    #[test]
    fn multiple_of_as_the_server_decides() {
        let yes = [
            (json!(0.0075), json!(0.0001)),
            (json!(10), json!(2)),
            (json!(4.0), json!(2)),
            (json!(1e308), json!(0.5)),
        ];
        let no = [
            (json!(19.99), json!(0.01)),
            (json!(3000000000000001.0), json!(3)),
            (json!(1e20), json!(7)),
            (json!(1e308), json!(0.123456789)),
            (json!(7), json!(2)),
        ];
        for (v, m) in yes {
            assert!(is_multiple(&n(v.clone()), &n(m.clone())), "{v} {m}");
        }
        for (v, m) in no {
            assert!(!is_multiple(&n(v.clone()), &n(m.clone())), "{v} {m}");
        }
    }
}
