//! "Did you mean ...?" for unknown field and option names.

use crate::error::{KitError, Result};

/// Optimal-string-alignment distance (Levenshtein plus adjacent swaps),
/// over characters.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

/// The candidate closest to `key`, if it is close enough to be what was
/// meant: a small edit away (ASCII case and `-`/`_` ignored: the names
/// compared are API field and option names), or one containing the other.
pub fn closest<'a>(key: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    if key.chars().count() > 64 {
        return None;
    }
    // ASCII case only: Unicode lowercasing would bring its tables into the
    // wasm (some 5 KB gzipped) for names that are ASCII.
    let norm = |s: &str| s.to_ascii_lowercase().replace('-', "_");
    let k = norm(key);
    let limit = (k.chars().count() / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    let k_chars = k.chars().count();
    for c in candidates {
        let n = norm(c);
        let contained = k.len() >= 4 && (n.contains(&k) || k.contains(&n));
        // The distance is at least the difference in length: a candidate
        // that differs by more than the limit can only be taken by
        // containment, so its distance need not be computed.
        let mut d = if k_chars.abs_diff(n.chars().count()) > limit {
            limit + 1
        } else {
            distance(&k, &n)
        };
        if d > limit && contained {
            d = limit;
        }
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Checks the option names a host was given (a JavaScript options object,
/// keyword arguments) against the ones `function` takes, so a misspelt or
/// misplaced option is refused instead of ignored in silence.
///
/// `given` are the caller's keys in their order; `known` the names
/// `function` accepts. The first unknown key is reported, with the closest
/// known name when one is close enough to be what was meant (case and
/// `-`/`_` ignored, so `idempotency_key` suggests `idempotencyKey`).
///
/// # Errors
/// [`KitError::InvalidArgument`] (`invalid_argument`) naming `function`,
/// the unknown key (cut to 64 characters) and the suggestion or, when none
/// is close, every known name.
pub fn check_option_names<'a>(
    function: &str,
    given: impl IntoIterator<Item = &'a str>,
    known: &[&str],
) -> Result<()> {
    for key in given {
        if known.contains(&key) {
            continue;
        }
        let shown: String = key.chars().take(64).collect();
        let cut = if shown.len() < key.len() { "..." } else { "" };
        let hint = match closest(key, known.iter().copied()) {
            Some(c) => format!("; did you mean `{c}`?"),
            None if known.is_empty() => "; it takes no options".to_owned(),
            None => format!("; it takes {}", known.join(", ")),
        };
        return Err(KitError::invalid_argument(format!(
            "{function}: unknown option {shown:?}{cut}{hint}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let fields = [
            "name",
            "main_prompt",
            "input_schema",
            "output_schema",
            "post_run_checks",
        ];
        assert_eq!(
            closest("main_promt", fields.into_iter()),
            Some("main_prompt")
        );
        assert_eq!(
            closest("Main-Prompt", fields.into_iter()),
            Some("main_prompt")
        );
        assert_eq!(closest("prompt", fields.into_iter()), Some("main_prompt"));
        assert_eq!(
            closest("inptu_schema", fields.into_iter()),
            Some("input_schema")
        );
        assert_eq!(closest("zzz", fields.into_iter()), None);
        assert_eq!(distance("ab", "ba"), 1);
    }

    #[test]
    fn unknown_options_name_the_closest() {
        let known = ["workflow", "idempotencyKey", "spec"];
        assert!(check_option_names("buildRunCreate", ["workflow", "spec"], &known).is_ok());
        let e = check_option_names("buildRunCreate", ["workflow", "idempotency_key"], &known)
            .unwrap_err();
        assert_eq!(e.code().as_str(), "invalid_argument");
        assert!(
            e.message()
                .contains("\"idempotency_key\"; did you mean `idempotencyKey`?"),
            "{}",
            e.message()
        );
        // A workflow passed where the options go: nothing is close, so every name is listed.
        let e = check_option_names("buildRunCreate", ["main_prompt"], &known).unwrap_err();
        assert!(
            e.message().ends_with(
                "unknown option \"main_prompt\"; it takes workflow, idempotencyKey, spec"
            ),
            "{}",
            e.message()
        );
        let long = "x".repeat(500);
        let e = check_option_names("f", [long.as_str()], &[]).unwrap_err();
        assert!(e.message().len() < 140, "{}", e.message());
    }
}
