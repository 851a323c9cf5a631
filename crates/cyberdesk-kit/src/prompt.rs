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
//!
//! The parser allocates nothing per variable: it finds [`BorrowedVariable`]s,
//! which borrow their root, path and raw text from the prompt. The owned
//! [`Variable`] list is built only by the calls that return it
//! ([`resolve_prompt`], [`parse_prompt`]); [`resolve_prompt_text`] never
//! builds it.

use crate::error::{CappedIssues, Issue, IssueCode, KitError, Result};
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};
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

/// One step of a [`BorrowedVariable`]'s path, borrowed from the prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BorrowedSegment<'a> {
    /// `[3]`
    Index(usize),
    /// `.name` or `['special-key']`
    Key(&'a str),
}

impl BorrowedSegment<'_> {
    /// The owned segment.
    pub fn to_owned_segment(self) -> PathSegment {
        match self {
            BorrowedSegment::Index(i) => PathSegment::Index(i),
            BorrowedSegment::Key(k) => PathSegment::Key(k.to_owned()),
        }
    }
}

impl Serialize for BorrowedSegment<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            BorrowedSegment::Index(i) => s.serialize_u64(*i as u64),
            BorrowedSegment::Key(k) => s.serialize_str(k),
        }
    }
}

/// The segments of a path as written after its root (`.profile.name`,
/// `[1]['sku-code']`), read one by one without allocating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PathSegments<'a>(&'a str);

impl<'a> Iterator for PathSegments<'a> {
    type Item = BorrowedSegment<'a>;

    fn next(&mut self) -> Option<BorrowedSegment<'a>> {
        // The parser checked the syntax: a segment is `.ident`, `[digits]`
        // (at most 9), `['key']` or `["key"]` with no quote inside the key.
        let s = self.0;
        let b = s.as_bytes();
        let (seg, rest) = match *b.first()? {
            b'.' => {
                let e = 1 + b[1..].iter().take_while(|&&c| is_ident(c)).count();
                (BorrowedSegment::Key(s.get(1..e)?), e)
            }
            _ => match *b.get(1)? {
                q @ (b'\'' | b'"') => {
                    let e = 2 + b[2..].iter().position(|&c| c == q)?;
                    (BorrowedSegment::Key(s.get(2..e)?), e + 2)
                }
                _ => {
                    let e = 1 + b[1..].iter().position(|&c| c == b']')?;
                    (BorrowedSegment::Index(s.get(1..e)?.parse().ok()?), e + 1)
                }
            },
        };
        self.0 = s.get(rest..)?;
        Some(seg)
    }
}

/// A variable found in a prompt, borrowed from it: what the parser and the
/// resolver work with, allocating nothing. [`BorrowedVariable::to_variable`]
/// gives the owned [`Variable`]; serialized, both have the same shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BorrowedVariable<'a> {
    /// Which kind.
    pub kind: VariableKind,
    /// The first name, without sigil.
    pub root: &'a str,
    /// The path after the root as written (`.profile.name`); see [`Self::path`].
    pub path_text: &'a str,
    /// The variable exactly as written, braces included.
    pub raw: &'a str,
    /// Where it starts, in the unit asked for (bytes by default).
    pub start: usize,
    /// Where it ends (exclusive).
    pub end: usize,
}

impl<'a> BorrowedVariable<'a> {
    /// The segments after the root.
    pub fn path(&self) -> PathSegments<'a> {
        PathSegments(self.path_text)
    }

    /// The owned [`Variable`].
    pub fn to_variable(&self) -> Variable {
        Variable {
            kind: self.kind,
            root: self.root.to_owned(),
            path: self.path().map(BorrowedSegment::to_owned_segment).collect(),
            raw: self.raw.to_owned(),
            start: self.start,
            end: self.end,
        }
    }
}

struct SegmentList<'a>(PathSegments<'a>);

impl Serialize for SegmentList<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        for seg in self.0 {
            seq.serialize_element(&seg)?;
        }
        seq.end()
    }
}

impl Serialize for BorrowedVariable<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Variable", 6)?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("root", self.root)?;
        st.serialize_field("path", &SegmentList(self.path()))?;
        st.serialize_field("raw", self.raw)?;
        st.serialize_field("start", &self.start)?;
        st.serialize_field("end", &self.end)?;
        st.end()
    }
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

/// The outcome of [`resolve_prompt_borrowed`]: [`Resolution`] with the
/// variables borrowed from the prompt (serialized, the same shape).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BorrowedResolution<'a> {
    /// As [`Resolution::text`].
    pub text: String,
    /// As [`Resolution::variables`], borrowed from the prompt.
    pub variables: Vec<BorrowedVariable<'a>>,
    /// As [`Resolution::issues`].
    pub issues: Vec<Issue>,
}

impl BorrowedResolution<'_> {
    /// The owned [`Resolution`].
    pub fn into_owned(self) -> Resolution {
        Resolution {
            text: self.text,
            variables: self
                .variables
                .iter()
                .map(BorrowedVariable::to_variable)
                .collect(),
            issues: self.issues,
        }
    }
}

/// The outcome of [`resolve_prompt_text`]: [`Resolution`] without the
/// variable list. `text` and `issues` are those [`resolve_prompt`] gives.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResolvedText {
    /// The resolved prompt (as [`Resolution::text`]).
    pub text: String,
    /// What would go wrong or is worth knowing (as [`Resolution::issues`]).
    pub issues: Vec<Issue>,
}

/// A piece of the parsed prompt.
enum Piece<'a> {
    /// Literal text.
    Text(&'a str),
    /// A variable.
    Var(BorrowedVariable<'a>),
}

struct Parsed<'a> {
    pieces: Vec<Piece<'a>>,
    /// How many of the pieces are variables.
    var_count: usize,
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}
fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Reads a path starting at byte `i`. Returns where the root ends and
/// where the path ends, or `None` when no path starts there. Never reads
/// past a brace; allocates nothing.
fn read_path(s: &[u8], mut i: usize) -> Option<(usize, usize)> {
    if !s.get(i).copied().is_some_and(is_ident_start) {
        return None;
    }
    while s.get(i).copied().is_some_and(is_ident) {
        i += 1;
    }
    let root_end = i;
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
                    i = e + 1;
                }
                _ => return None,
            },
            _ => return Some((root_end, i)),
        }
    }
}

/// Tries to read a variable whose opening brace is at byte `at`.
fn read_var(text: &str, at: usize) -> Option<BorrowedVariable<'_>> {
    let s = text.as_bytes();
    let (kind, body, close) = match s.get(at + 1) {
        Some(b'{') => (VariableKind::Runtime, at + 2, "}}"),
        Some(b'$') => (VariableKind::Sensitive, at + 2, "}"),
        _ => (VariableKind::Input, at + 1, "}"),
    };
    let (root_end, e) = read_path(s, body)?;
    let end = e + close.len();
    if s.get(e..end)? != close.as_bytes() {
        return None;
    }
    Some(BorrowedVariable {
        kind,
        root: text.get(body..root_end)?,
        path_text: text.get(root_end..e)?,
        raw: text.get(at..end)?,
        start: at,
        end,
    })
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
        if let Some((_, e)) = read_path(s, body_start) {
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
        if let Some((_, e)) = read_path(tb, 0) {
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

/// One pass over the prompt: its literal pieces and variables, in order.
/// Near misses go to `issues` when it is given.
fn parse<'a>(text: &'a str, mut issues: Option<&mut CappedIssues>) -> Parsed<'a> {
    let s = text.as_bytes();
    let mut pieces = Vec::new();
    let mut var_count = 0;
    let mut lit = 0; // start of the pending literal run
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'\\' if s.get(i + 1) == Some(&b'{') => {
                if let Some(v) = read_var(text, i + 1) {
                    // Escape: drop the backslash, keep the variable as text.
                    pieces.push(Piece::Text(text.get(lit..i).unwrap_or_default()));
                    lit = i + 1;
                    i = v.end;
                } else {
                    i += 1;
                }
            }
            b'{' => {
                if let Some(v) = read_var(text, i) {
                    pieces.push(Piece::Text(text.get(lit..i).unwrap_or_default()));
                    lit = v.end;
                    i = v.end;
                    pieces.push(Piece::Var(v));
                    var_count += 1;
                } else {
                    if let Some(sink) = issues.as_deref_mut() {
                        if let Some(issue) = near_miss(s, text, i) {
                            sink.push_with(issue.code, || issue);
                        }
                    }
                    i += 1;
                }
            }
            // Jump to the next brace or backslash (SIMD where available).
            _ => i = memchr::memchr2(b'{', b'\\', &s[i..]).map_or(s.len(), |off| i + off.max(1)),
        }
    }
    pieces.push(Piece::Text(text.get(lit..).unwrap_or_default()));
    Parsed { pieces, var_count }
}

impl<'a> Parsed<'a> {
    /// The variables, in order, offsets counted in `unit`.
    fn variables(&self, text: &str, unit: Offsets) -> Vec<BorrowedVariable<'a>> {
        let mut vars = Vec::with_capacity(self.var_count);
        vars.extend(self.pieces.iter().filter_map(|p| match p {
            Piece::Var(v) => Some(*v),
            Piece::Text(_) => None,
        }));
        convert_offsets(text, &mut vars, unit);
        vars
    }
}

/// Rewrites byte offsets (ascending) into `unit`, in one pass. Each span
/// of bytes between two offsets is counted at once (a loop the compiler
/// vectorizes), not char by char: the offsets always sit on a brace, so
/// on a character boundary.
fn convert_offsets(text: &str, vars: &mut [BorrowedVariable<'_>], unit: Offsets) {
    if unit == Offsets::Utf8 || text.is_ascii() {
        return;
    }
    let bytes = text.as_bytes();
    // A character starts at every byte that is not a continuation byte
    // (0b10xx_xxxx); in UTF-16 the 4-byte ones (lead byte 0xF0 and up)
    // take two units.
    let units = |span: &[u8]| -> usize {
        span.iter()
            .map(|&b| {
                usize::from((b as i8) >= -0x40) + usize::from(unit == Offsets::Utf16 && b >= 0xF0)
            })
            .sum()
    };
    let (mut byte, mut count) = (0, 0);
    let mut advance_to = |target: usize| -> usize {
        let target = target.min(bytes.len());
        if target > byte {
            count += units(&bytes[byte..target]);
            byte = target;
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
    Ok(parse_prompt_borrowed(text, unit)?
        .iter()
        .map(BorrowedVariable::to_variable)
        .collect())
}

/// [`parse_prompt_with`] with the variables borrowed from `text`.
///
/// Errors: `too_large` when `text` is over [`MAX_PROMPT_BYTES`].
pub fn parse_prompt_borrowed(text: &str, unit: Offsets) -> Result<Vec<BorrowedVariable<'_>>> {
    check_size(text)?;
    Ok(parse(text, None).variables(text, unit))
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

pub(crate) fn lookup<'v, 'p>(
    root: Option<&'v Value>,
    path: impl IntoIterator<Item = BorrowedSegment<'p>>,
) -> Lookup<'v> {
    let Some(mut cur) = root else {
        return Lookup::Missing;
    };
    for seg in path {
        if is_ref(cur) {
            return Lookup::Deferred;
        }
        let next = match (cur, seg) {
            (Value::Object(m), BorrowedSegment::Key(k)) => m.get(k),
            (Value::Object(m), BorrowedSegment::Index(i)) => m.get(&i.to_string()),
            (Value::Array(a), BorrowedSegment::Index(i)) => a.get(i),
            (Value::Array(_), BorrowedSegment::Key(_)) | (Value::Null, _) => None,
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
///
/// `text` is the prompt (at most [`MAX_PROMPT_BYTES`] of UTF-8);
/// `input_values` and `sensitive_input_values` are objects (or absent).
/// Input variables are replaced (strings as they are, other values as
/// compact JSON, a missing path or `null` as [`EMPTY_SENTINEL`]), sensitive
/// and runtime variables kept as written, escapes removed (cyberdesk-facts
/// §3). Problems in the prompt are [`Issue`]s, at most
/// [`crate::MAX_ISSUES_PER_CODE`] of a code, never errors.
///
/// Errors: `too_large` (prompt over the limit), `too_deep` (a value nested
/// past [`crate::MAX_DEPTH`]), `invalid_argument` (values not an object).
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
    resolve_prompt_borrowed(text, input_values, sensitive_input_values, unit)
        .map(BorrowedResolution::into_owned)
}

/// [`resolve_prompt_with`] with the variables borrowed from `text`: the
/// same result (serialized, the same JSON) without allocating a string per
/// variable. What the bindings use to hand variables to their host.
///
/// Errors: as [`resolve_prompt`].
pub fn resolve_prompt_borrowed<'a>(
    text: &'a str,
    input_values: Option<&Value>,
    sensitive_input_values: Option<&Value>,
    unit: Offsets,
) -> Result<BorrowedResolution<'a>> {
    let (parsed, resolved) = resolve(text, input_values, sensitive_input_values)?;
    Ok(BorrowedResolution {
        text: resolved.text,
        variables: parsed.variables(text, unit),
        issues: resolved.issues,
    })
}

/// The text and issues of [`resolve_prompt`], without the variable list:
/// for callers that send the resolved prompt and check the issues, and
/// would only throw the variables away.
///
/// `text` is the prompt (at most [`MAX_PROMPT_BYTES`] of UTF-8);
/// `input_values` and `sensitive_input_values` are objects (or absent).
/// The result equals [`resolve_prompt`]'s `text` and `issues` exactly:
/// sensitive variables stay as written (`{$pin}`), and no message quotes a
/// value.
///
/// Errors: `too_large` (prompt over the limit), `too_deep` (a value nested
/// past [`crate::MAX_DEPTH`]), `invalid_argument` (values not an object).
pub fn resolve_prompt_text(
    text: &str,
    input_values: Option<&Value>,
    sensitive_input_values: Option<&Value>,
) -> Result<ResolvedText> {
    resolve(text, input_values, sensitive_input_values).map(|(_, r)| r)
}

/// The resolver, shared by every resolve call: the parsed prompt (for
/// those that list its variables) and the resolved text with its issues.
fn resolve<'a>(
    text: &'a str,
    input_values: Option<&Value>,
    sensitive_input_values: Option<&Value>,
) -> Result<(Parsed<'a>, ResolvedText)> {
    check_size(text)?;
    for v in [input_values, sensitive_input_values].into_iter().flatten() {
        crate::json::check_depth(v)?;
    }
    let inputs = crate::json::object_arg(input_values, "input_values")?;
    let sensitive = crate::json::object_arg(sensitive_input_values, "sensitive_input_values")?;
    // Near misses first, then what resolution finds: the order of the list.
    let mut issues = CappedIssues::default();
    let parsed = parse(text, Some(&mut issues));
    let mut out = String::with_capacity(text.len());
    let mut seen: std::collections::HashSet<(IssueCode, &str)> = std::collections::HashSet::new();
    // The addresses of the root values variables used, per kind: sorted
    // once at the end, they say which keys went unused without hashing.
    let addr = |v: &Value| std::ptr::from_ref(v) as usize;
    let mut used_inputs: Vec<usize> = Vec::new();
    let mut used_sensitive: Vec<usize> = Vec::new();
    let mut report = |code: IssueCode, raw: &'a str, message: &dyn Fn() -> String| {
        if seen.insert((code, raw)) {
            issues.push_with(code, || Issue::new(code, message()).for_variable(raw));
        }
    };
    for piece in &parsed.pieces {
        let v = match piece {
            Piece::Text(t) => {
                out.push_str(t);
                continue;
            }
            Piece::Var(v) => v,
        };
        match v.kind {
            VariableKind::Runtime => out.push_str(v.raw),
            VariableKind::Sensitive => {
                out.push_str(v.raw);
                let root = sensitive.and_then(|m| m.get(v.root));
                used_sensitive.extend(root.map(addr));
                match lookup(root, v.path()) {
                    Lookup::Found(_) | Lookup::Deferred => {}
                    Lookup::TypeError => report(IssueCode::PathTypeError, v.raw, &|| {
                        format!("{} reaches into a sensitive value that is not an object or array: the run would fail", v.raw)
                    }),
                    Lookup::Missing => report(IssueCode::MissingSensitiveInput, v.raw, &|| {
                        let hint = if inputs.is_some_and(|m| m.contains_key(v.root)) {
                            format!(" ({0} is in input_values, but {{${0}}} reads sensitive_input_values)", v.root)
                        } else {
                            String::new()
                        };
                        format!("{} has no value in sensitive_input_values{hint}", v.raw)
                    }),
                }
            }
            VariableKind::Input => {
                let root = inputs.and_then(|m| m.get(v.root));
                used_inputs.extend(root.map(addr));
                match lookup(root, v.path()) {
                    Lookup::Found(Value::String(val)) => out.push_str(val),
                    Lookup::Found(val) => out.push_str(&render_value(val)),
                    Lookup::Deferred => {
                        out.push_str(v.raw);
                        report(IssueCode::DeferredRef, v.raw, &|| {
                            format!("{} refers to an earlier run's output ($ref): the server resolves it, so it is left as written", v.raw)
                        });
                    }
                    Lookup::Missing => {
                        out.push_str(EMPTY_SENTINEL);
                        report(IssueCode::MissingInput, v.raw, &|| {
                            let what = if root.is_none() || root.is_some_and(Value::is_null) {
                                let hint = if sensitive.is_some_and(|m| m.contains_key(v.root)) {
                                    format!(
                                        " ({0} is a sensitive input: write {{${0}}} to use it)",
                                        v.root
                                    )
                                } else {
                                    String::new()
                                };
                                format!("{} has no value{hint}", v.raw)
                            } else {
                                format!("the path of {} does not exist in its value", v.raw)
                            };
                            format!("{what}: Cyberdesk renders it as {EMPTY_SENTINEL}")
                        });
                    }
                    Lookup::TypeError => {
                        out.push_str(v.raw);
                        report(IssueCode::PathTypeError, v.raw, &|| {
                            format!("{} reaches into a value that is not an object or array: the run would fail at once", v.raw)
                        });
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
                    issues.push_with(code, || {
                        Issue::new(
                            code,
                            format!("{label}.{key} is not used by any variable of the prompt"),
                        )
                    });
                }
            }
        }
    }
    let resolved = ResolvedText {
        text: out,
        issues: issues.finish(),
    };
    Ok((parsed, resolved))
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
    fn borrowed_variables_serialize_as_the_owned_ones() {
        let text = "é {a.b[12]['k-1'][\"q r\"]} {$s.t} {{u}} \\{x} {x[0]}";
        let inputs = json!({"a": {"b": []}, "x": ["y"]});
        for unit in [Offsets::Utf8, Offsets::Utf16, Offsets::CodePoint] {
            let borrowed = resolve_prompt_borrowed(text, Some(&inputs), None, unit).unwrap();
            let owned = resolve_prompt_with(text, Some(&inputs), None, unit).unwrap();
            assert_eq!(
                serde_json::to_value(&borrowed).unwrap(),
                serde_json::to_value(&owned).unwrap()
            );
            assert_eq!(borrowed.clone().into_owned(), owned);
            assert_eq!(owned.variables.len(), 4);
        }
        let v = &parse_prompt(text).unwrap()[0];
        assert_eq!(
            v.path,
            [
                PathSegment::Key("b".into()),
                PathSegment::Index(12),
                PathSegment::Key("k-1".into()),
                PathSegment::Key("q r".into())
            ]
        );
    }

    #[test]
    fn text_only_equals_the_full_call_past_the_issue_cap() {
        // 150 of one issue: 100 listed, then one summary, in both calls.
        let text: String = (0..150).map(|i| format!("{{m{i}}} {{$s{i}}} ")).collect();
        let full = resolve_prompt(&text, Some(&json!({"unused": 1})), None).unwrap();
        let only = resolve_prompt_text(&text, Some(&json!({"unused": 1})), None).unwrap();
        assert_eq!((&full.text, &full.issues), (&only.text, &only.issues));
        let codes: Vec<&str> = only.issues.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(codes.len(), 100 + 100 + 2 + 1);
        assert_eq!(codes[0], "missing_input");
        assert_eq!(codes[1], "missing_sensitive_input");
        assert_eq!(codes[200], "unused_input");
        assert!(only.issues[201]
            .message
            .starts_with("50 more missing_input"));
        assert!(only.issues[202]
            .message
            .starts_with("50 more missing_sensitive_input"));
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
