//! Prompt variables: a hand-written single-pass parser and the resolver.
//!
//! Grammar (cyberdesk-facts §3):
//!
//! ```text
//! input      = "{" path "}"
//! sensitive  = "{$" path "}"
//! runtime    = "{{" path "}}"
//! path       = ident { "." ident | "[" digits "]" | "['" key "']" | "[\"" key "\"]" }
//! ident      = [A-Za-z_][A-Za-z0-9_]*
//! key        = one or more characters other than the quote, "{", "}" and line breaks
//! escape     = "\" before a variable: the backslash is dropped, the variable stays literal
//! ```
//!
//! Anything else (`{ 0 }`, `{"a": 1}`, `{}`) is literal text. Every
//! attempt to read a variable stops at the next brace, so the parser is
//! linear in the length of the prompt whatever the prompt holds.

use crate::error::{Issue, IssueCode, KitError, Result};
use serde::Serialize;
use serde_json::Value;

/// The largest prompt the resolver reads.
pub const MAX_PROMPT_BYTES: usize = 16 * 1024 * 1024;

/// What Cyberdesk renders for a path that does not exist.
pub const EMPTY_SENTINEL: &str = "__EMPTY__";

/// Which kind of variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VariableKind {
    /// `{name}`: replaced before the agent sees the prompt.
    Input,
    /// `{$name}`: kept verbatim, typed at the last mile from the vault.
    Sensitive,
    /// `{{name}}`: kept verbatim, set by the agent during the run.
    Runtime,
}

impl VariableKind {
    /// `"input"`, `"sensitive"` or `"runtime"`.
    pub fn as_str(self) -> &'static str {
        match self {
            VariableKind::Input => "input",
            VariableKind::Sensitive => "sensitive",
            VariableKind::Runtime => "runtime",
        }
    }
}

/// One step of a variable's path after its root.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum PathSegment {
    /// `[3]`
    Index(usize),
    /// `.name` or `['special-key']`
    Key(String),
}

/// A variable found in a prompt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Variable {
    /// Which kind.
    pub kind: VariableKind,
    /// The first name, without sigil: `{$pin}` has root `pin`.
    pub root: String,
    /// The segments after the root.
    pub path: Vec<PathSegment>,
    /// The variable exactly as written, braces included.
    pub raw: String,
    /// Where it starts, in the unit asked for (bytes by default).
    pub start: usize,
    /// Where it ends (exclusive).
    pub end: usize,
}

/// How string positions are counted: each host indexes strings its own way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offsets {
    /// UTF-8 bytes (Rust `str` slicing).
    Utf8,
    /// UTF-16 code units (JavaScript).
    Utf16,
    /// Unicode code points (Python `str`).
    CodePoint,
}

/// The outcome of [`resolve_prompt`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Resolution {
    /// The prompt with input variables replaced, sensitive and runtime
    /// variables kept verbatim and escapes removed.
    pub text: String,
    /// Every variable, in order (escaped ones are text, not variables).
    pub variables: Vec<Variable>,
    /// What would go wrong or is worth knowing.
    pub issues: Vec<Issue>,
}

/// A piece of the parsed prompt.
enum Piece {
    /// Literal bytes `start..end` of the prompt.
    Text(usize, usize),
    /// Index into the variable list.
    Var(usize),
}

struct Parsed {
    pieces: Vec<Piece>,
    vars: Vec<Variable>,
    issues: Vec<Issue>,
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}
fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Reads a path starting at byte `i`. Returns the root, the segments and
/// the position after the path, or `None` when no path starts there.
/// Never reads past a brace.
fn read_path(s: &[u8], text: &str, mut i: usize) -> Option<(String, Vec<PathSegment>, usize)> {
    let start = i;
    if !s.get(i).copied().is_some_and(is_ident_start) {
        return None;
    }
    while s.get(i).copied().is_some_and(is_ident) {
        i += 1;
    }
    let root = text.get(start..i)?.to_owned();
    let mut path = Vec::new();
    loop {
        match s.get(i) {
            Some(b'.') => {
                let b = i + 1;
                if !s.get(b).copied().is_some_and(is_ident_start) {
                    return None;
                }
                let mut e = b;
                while s.get(e).copied().is_some_and(is_ident) {
                    e += 1;
                }
                path.push(PathSegment::Key(text.get(b..e)?.to_owned()));
                i = e;
            }
            Some(b'[') => match s.get(i + 1) {
                Some(&q @ (b'\'' | b'"')) => {
                    let b = i + 2;
                    let mut e = b;
                    while let Some(&c) = s.get(e) {
                        if c == q || matches!(c, b'{' | b'}' | b'\n' | b'\r') {
                            break;
                        }
                        e += 1;
                    }
                    if e == b || s.get(e) != Some(&q) || s.get(e + 1) != Some(&b']') {
                        return None;
                    }
                    path.push(PathSegment::Key(text.get(b..e)?.to_owned()));
                    i = e + 2;
                }
                Some(c) if c.is_ascii_digit() => {
                    let b = i + 1;
                    let mut e = b;
                    while s.get(e).is_some_and(u8::is_ascii_digit) {
                        e += 1;
                    }
                    if s.get(e) != Some(&b']') || e - b > 9 {
                        return None;
                    }
                    let n: usize = text.get(b..e)?.parse().ok()?;
                    path.push(PathSegment::Index(n));
                    i = e + 1;
                }
                _ => return None,
            },
            _ => return Some((root, path, i)),
        }
    }
}

/// Tries to read a variable whose opening brace is at byte `at`.
fn read_var(
    s: &[u8],
    text: &str,
    at: usize,
) -> Option<(VariableKind, String, Vec<PathSegment>, usize)> {
    match s.get(at + 1) {
        Some(b'{') => {
            let (root, path, e) = read_path(s, text, at + 2)?;
            (s.get(e) == Some(&b'}') && s.get(e + 1) == Some(&b'}')).then_some((
                VariableKind::Runtime,
                root,
                path,
                e + 2,
            ))
        }
        Some(b'$') => {
            let (root, path, e) = read_path(s, text, at + 2)?;
            (s.get(e) == Some(&b'}')).then_some((VariableKind::Sensitive, root, path, e + 1))
        }
        _ => {
            let (root, path, e) = read_path(s, text, at + 1)?;
            (s.get(e) == Some(&b'}')).then_some((VariableKind::Input, root, path, e + 1))
        }
    }
}

/// When the `{` at `at` opens no variable: does it look like a failed
/// attempt at one? Looks at most 64 bytes ahead, so it stays linear.
fn near_miss(s: &[u8], text: &str, at: usize) -> Option<Issue> {
    let limit = (at + 64).min(s.len());
    let close = (at + 1..limit).find(|&i| matches!(s[i], b'}' | b'{' | b'\n'));
    let sigil = match s.get(at + 1) {
        Some(b'$') => "$",
        Some(b'{') => "{",
        _ => "",
    };
    let body_start = at + 1 + sigil.len();
    // `{{name}`: a runtime variable missing a brace.
    if sigil == "{" {
        if let Some((_, _, e)) = read_path(s, text, body_start) {
            if s.get(e) == Some(&b'}') {
                let raw = text.get(at..e + 1)?;
                return Some(
                    Issue::new(
                        IssueCode::MalformedVariable,
                        format!("{raw} is not a variable: a runtime variable is written {{{{name}}}} (two braces on each side)"),
                    )
                    .for_variable(raw),
                );
            }
        }
        return None;
    }
    let close = close.filter(|&c| s[c] == b'}')?;
    let inner = text.get(body_start..close)?;
    let raw = text.get(at..close + 1)?;
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        return None;
    }
    // `{ name }`: spaces around a valid path.
    if trimmed.len() != inner.len() {
        let tb = trimmed.as_bytes();
        if let Some((_, _, e)) = read_path(tb, trimmed, 0) {
            if e == tb.len() {
                return Some(
                    Issue::new(
                        IssueCode::MalformedVariable,
                        format!("{raw} is literal text because of the spaces inside the braces; did you mean {{{sigil}{trimmed}}}?"),
                    )
                    .for_variable(raw),
                );
            }
        }
        return None;
    }
    // `{user.}`, `{items[x]}`, `{customer-name}`: a valid start, then a
    // path that breaks on path syntax.
    let ib = inner.as_bytes();
    if !ib.first().copied().is_some_and(is_ident_start) {
        return None;
    }
    let looks_like_path = ib
        .iter()
        .all(|&c| is_ident(c) || matches!(c, b'.' | b'[' | b']' | b'\'' | b'"' | b'-'));
    if looks_like_path
        && ib
            .iter()
            .any(|&c| matches!(c, b'.' | b'[' | b']' | b'-' | b'\'' | b'"'))
    {
        let hint = if ib.contains(&b'-') && !ib.contains(&b'[') {
            " (keys with special characters are written with quotes, e.g. {data['special-key']})"
        } else {
            ""
        };
        return Some(
            Issue::new(
                IssueCode::MalformedVariable,
                format!("{raw} looks like a variable but its path is not valid, so it stays literal text{hint}"),
            )
            .for_variable(raw),
        );
    }
    None
}

fn parse(text: &str) -> Parsed {
    let s = text.as_bytes();
    let mut pieces = Vec::new();
    let mut vars = Vec::new();
    let mut issues = Vec::new();
    let mut lit = 0; // start of the pending literal run
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'\\' if s.get(i + 1) == Some(&b'{') => {
                if let Some((_, _, _, end)) = read_var(s, text, i + 1) {
                    // Escape: drop the backslash, keep the variable as text.
                    pieces.push(Piece::Text(lit, i));
                    lit = i + 1;
                    i = end;
                } else {
                    i += 1;
                }
            }
            b'{' => {
                if let Some((kind, root, path, end)) = read_var(s, text, i) {
                    pieces.push(Piece::Text(lit, i));
                    pieces.push(Piece::Var(vars.len()));
                    vars.push(Variable {
                        kind,
                        root,
                        path,
                        raw: text.get(i..end).unwrap_or_default().to_owned(),
                        start: i,
                        end,
                    });
                    lit = end;
                    i = end;
                } else {
                    if let Some(issue) = near_miss(s, text, i) {
                        issues.push(issue);
                    }
                    i += 1;
                }
            }
            // Jump to the next brace or backslash (SIMD where available).
            _ => i = memchr::memchr2(b'{', b'\\', &s[i..]).map_or(s.len(), |off| i + off.max(1)),
        }
    }
    pieces.push(Piece::Text(lit, s.len()));
    Parsed {
        pieces,
        vars,
        issues,
    }
}

/// Rewrites byte offsets (ascending) into `unit`, in one pass.
fn convert_offsets(text: &str, vars: &mut [Variable], unit: Offsets) {
    if unit == Offsets::Utf8 {
        return;
    }
    let mut byte = 0;
    let mut count = 0;
    let mut chars = text.char_indices().peekable();
    let mut advance_to = |target: usize| -> usize {
        while byte < target {
            match chars.next() {
                Some((_, c)) => {
                    byte += c.len_utf8();
                    count += match unit {
                        Offsets::Utf16 => c.len_utf16(),
                        _ => 1,
                    };
                }
                None => break,
            }
        }
        count
    };
    for v in vars {
        v.start = advance_to(v.start);
        v.end = advance_to(v.end);
    }
}

fn check_size(text: &str) -> Result<()> {
    if text.len() > MAX_PROMPT_BYTES {
        return Err(KitError::TooLarge {
            what: "prompt",
            limit: MAX_PROMPT_BYTES,
        });
    }
    Ok(())
}

/// Every variable of a prompt, in order, with byte offsets.
pub fn parse_prompt(text: &str) -> Result<Vec<Variable>> {
    parse_prompt_with(text, Offsets::Utf8)
}

/// [`parse_prompt`] with offsets counted in `unit`.
pub fn parse_prompt_with(text: &str, unit: Offsets) -> Result<Vec<Variable>> {
    check_size(text)?;
    let mut vars = parse(text).vars;
    convert_offsets(text, &mut vars, unit);
    Ok(vars)
}

/// A `{"$ref": "step1.outputs.result"}` value: resolved by the server.
pub fn is_ref(v: &Value) -> bool {
    // One key, `$ref`, holding a string: checked without hashing, since
    // every object on every variable's path is asked.
    v.as_object().is_some_and(|o| {
        o.len() == 1
            && o.iter()
                .next()
                .is_some_and(|(k, v)| k == "$ref" && v.is_string())
    })
}

/// What a path lookup found.
pub(crate) enum Lookup<'v> {
    Found(&'v Value),
    /// Missing key, index out of range, or null.
    Missing,
    /// Reached into a scalar.
    TypeError,
    /// Went through a `$ref` value.
    Deferred,
}

pub(crate) fn lookup<'v>(root: Option<&'v Value>, path: &[PathSegment]) -> Lookup<'v> {
    let Some(mut cur) = root else {
        return Lookup::Missing;
    };
    for seg in path {
        if is_ref(cur) {
            return Lookup::Deferred;
        }
        let next = match (cur, seg) {
            (Value::Object(m), PathSegment::Key(k)) => m.get(k),
            (Value::Object(m), PathSegment::Index(i)) => m.get(&i.to_string()),
            (Value::Array(a), PathSegment::Index(i)) => a.get(*i),
            (Value::Array(_), PathSegment::Key(_)) | (Value::Null, _) => None,
            _ => return Lookup::TypeError,
        };
        match next {
            Some(v) => cur = v,
            None => return Lookup::Missing,
        }
    }
    if is_ref(cur) {
        Lookup::Deferred
    } else if cur.is_null() {
        Lookup::Missing
    } else {
        Lookup::Found(cur)
    }
}

/// How a found value is written into the prompt: strings as they are,
/// everything else as compact JSON (our convention, the same in every
/// language).
pub fn render_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => crate::json::to_compact(other),
    }
}

/// Resolves a prompt the way Cyberdesk does, with byte offsets.
pub fn resolve_prompt(
    text: &str,
    input_values: Option<&Value>,
    sensitive_input_values: Option<&Value>,
) -> Result<Resolution> {
    resolve_prompt_with(text, input_values, sensitive_input_values, Offsets::Utf8)
}

/// [`resolve_prompt`] with offsets counted in `unit`.
pub fn resolve_prompt_with(
    text: &str,
    input_values: Option<&Value>,
    sensitive_input_values: Option<&Value>,
    unit: Offsets,
) -> Result<Resolution> {
    check_size(text)?;
    for v in [input_values, sensitive_input_values].into_iter().flatten() {
        crate::json::check_depth(v)?;
    }
    let inputs = crate::json::object_arg(input_values, "input_values")?;
    let sensitive = crate::json::object_arg(sensitive_input_values, "sensitive_input_values")?;
    let Parsed {
        pieces,
        mut vars,
        issues: mut malformed,
    } = parse(text);
    let mut out = String::with_capacity(text.len());
    let mut issues: Vec<Issue> = Vec::new();
    let mut seen: std::collections::HashSet<(IssueCode, &str)> = std::collections::HashSet::new();
    // The addresses of the root values variables used, per kind: sorted
    // once at the end, they say which keys went unused without hashing.
    let addr = |v: &Value| std::ptr::from_ref(v) as usize;
    let mut used_inputs: Vec<usize> = Vec::new();
    let mut used_sensitive: Vec<usize> = Vec::new();
    for piece in &pieces {
        match *piece {
            Piece::Text(a, b) => out.push_str(text.get(a..b).unwrap_or_default()),
            Piece::Var(idx) => {
                let v = &vars[idx];
                match v.kind {
                    VariableKind::Runtime => out.push_str(&v.raw),
                    VariableKind::Sensitive => {
                        out.push_str(&v.raw);
                        let root = sensitive.and_then(|m| m.get(&v.root));
                        used_sensitive.extend(root.map(addr));
                        let problem = match lookup(root, &v.path) {
                            Lookup::Found(_) | Lookup::Deferred => None,
                            Lookup::TypeError => Some((
                                IssueCode::PathTypeError,
                                format!("{} reaches into a sensitive value that is not an object or array: the run would fail", v.raw),
                            )),
                            Lookup::Missing => {
                                let hint = if inputs.is_some_and(|m| m.contains_key(&v.root)) {
                                    format!(" ({0} is in input_values, but {{${0}}} reads sensitive_input_values)", v.root)
                                } else {
                                    String::new()
                                };
                                Some((
                                    IssueCode::MissingSensitiveInput,
                                    format!("{} has no value in sensitive_input_values{hint}", v.raw),
                                ))
                            }
                        };
                        if let Some((code, msg)) = problem {
                            if seen.insert((code, v.raw.as_str())) {
                                issues.push(Issue::new(code, msg).for_variable(&v.raw));
                            }
                        }
                    }
                    VariableKind::Input => {
                        let root = inputs.and_then(|m| m.get(&v.root));
                        used_inputs.extend(root.map(addr));
                        match lookup(root, &v.path) {
                            Lookup::Found(Value::String(val)) => out.push_str(val),
                            Lookup::Found(val) => out.push_str(&render_value(val)),
                            Lookup::Deferred => {
                                out.push_str(&v.raw);
                                if seen.insert((IssueCode::DeferredRef, v.raw.as_str())) {
                                    issues.push(Issue::new(
                                        IssueCode::DeferredRef,
                                        format!("{} refers to an earlier run's output ($ref): the server resolves it, so it is left as written", v.raw),
                                    ).for_variable(&v.raw));
                                }
                            }
                            Lookup::Missing => {
                                out.push_str(EMPTY_SENTINEL);
                                if seen.insert((IssueCode::MissingInput, v.raw.as_str())) {
                                    let what = if root.is_none() || root.is_some_and(Value::is_null)
                                    {
                                        let hint = if sensitive
                                            .is_some_and(|m| m.contains_key(&v.root))
                                        {
                                            format!(" ({0} is a sensitive input: write {{${0}}} to use it)", v.root)
                                        } else {
                                            String::new()
                                        };
                                        format!("{} has no value{hint}", v.raw)
                                    } else {
                                        format!("the path of {} does not exist in its value", v.raw)
                                    };
                                    issues.push(
                                        Issue::new(
                                            IssueCode::MissingInput,
                                            format!(
                                                "{what}: Cyberdesk renders it as {EMPTY_SENTINEL}"
                                            ),
                                        )
                                        .for_variable(&v.raw),
                                    );
                                }
                            }
                            Lookup::TypeError => {
                                out.push_str(&v.raw);
                                if seen.insert((IssueCode::PathTypeError, v.raw.as_str())) {
                                    issues.push(Issue::new(
                                        IssueCode::PathTypeError,
                                        format!("{} reaches into a value that is not an object or array: the run would fail at once", v.raw),
                                    ).for_variable(&v.raw));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    for (m, used, code, label) in [
        (
            inputs,
            &mut used_inputs,
            IssueCode::UnusedInput,
            "input_values",
        ),
        (
            sensitive,
            &mut used_sensitive,
            IssueCode::UnusedSensitiveInput,
            "sensitive_input_values",
        ),
    ] {
        if let Some(m) = m {
            used.sort_unstable();
            for (key, value) in m {
                if used.binary_search(&addr(value)).is_err() {
                    issues.push(Issue::new(
                        code,
                        format!("{label}.{key} is not used by any variable of the prompt"),
                    ));
                }
            }
        }
    }
    malformed.append(&mut issues);
    convert_offsets(text, &mut vars, unit);
    Ok(Resolution {
        text: out,
        variables: vars,
        issues: crate::error::cap_issues(malformed),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn kinds(text: &str) -> Vec<(VariableKind, String)> {
        parse_prompt(text)
            .unwrap()
            .into_iter()
            .map(|v| (v.kind, v.raw))
            .collect()
    }

    #[test]
    fn the_three_kinds() {
        assert_eq!(
            kinds("{a} {$b} {{c}}"),
            [
                (VariableKind::Input, "{a}".into()),
                (VariableKind::Sensitive, "{$b}".into()),
                (VariableKind::Runtime, "{{c}}".into())
            ]
        );
    }

    #[test]
    fn paths() {
        let v = &parse_prompt("{form.sections[0].fields['field-name'].value}").unwrap()[0];
        assert_eq!(v.root, "form");
        assert_eq!(
            v.path,
            [
                PathSegment::Key("sections".into()),
                PathSegment::Index(0),
                PathSegment::Key("fields".into()),
                PathSegment::Key("field-name".into()),
                PathSegment::Key("value".into())
            ]
        );
    }

    #[test]
    fn literals_and_escapes() {
        assert!(parse_prompt("{ 0 } {\"a\": 1} {} {1a}").unwrap().is_empty());
        let r = resolve_prompt(
            r"\{customer_name} \{{status}} \{$pin} {x}",
            Some(&json!({"x": 1})),
            None,
        )
        .unwrap();
        assert_eq!(r.text, "{customer_name} {{status}} {$pin} 1");
        assert_eq!(r.variables.len(), 1);
    }

    #[test]
    fn hostile_prompts_are_linear() {
        let text = "{".repeat(100_000);
        assert!(parse_prompt(&text).unwrap().is_empty());
        let text = "{a['".repeat(50_000);
        assert!(parse_prompt(&text).unwrap().is_empty());
        let text = "\\{{".repeat(50_000);
        assert!(parse_prompt(&text).unwrap().is_empty());
    }

    #[test]
    fn offsets_in_every_unit() {
        let text = "é😀 {x}";
        let b = &parse_prompt_with(text, Offsets::Utf8).unwrap()[0];
        assert_eq!((b.start, b.end), (7, 10));
        let u = &parse_prompt_with(text, Offsets::Utf16).unwrap()[0];
        assert_eq!((u.start, u.end), (4, 7));
        let c = &parse_prompt_with(text, Offsets::CodePoint).unwrap()[0];
        assert_eq!((c.start, c.end), (3, 6));
    }

    #[test]
    fn too_large() {
        let text = "x".repeat(MAX_PROMPT_BYTES + 1);
        assert_eq!(
            parse_prompt(&text).unwrap_err().code(),
            crate::ErrorCode::TooLarge
        );
    }
}
