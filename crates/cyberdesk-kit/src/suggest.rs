//! "Did you mean ...?" for unknown field names.

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
/// meant: a small edit away (case and `-`/`_` ignored), or one containing
/// the other.
pub fn closest<'a>(key: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    if key.chars().count() > 64 {
        return None;
    }
    let norm = |s: &str| s.to_lowercase().replace('-', "_");
    let k = norm(key);
    let limit = (k.chars().count() / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let n = norm(c);
        let mut d = distance(&k, &n);
        if d > limit && k.len() >= 4 && (n.contains(&k) || k.contains(&n)) {
            d = limit;
        }
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
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
}
