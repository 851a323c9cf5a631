//! Prompt versions kept by the caller (issue 10).
//!
//! Cyberdesk keeps no prompt version history: "Store version history and
//! 'latest vs pinned' logic in your system, then send the resolved prompt
//! text when creating a run" (the per-run `main_prompt` override, seed 000
//! of cyberdesk-facts.md). This module is that logic, sans-IO: the history
//! is a plain JSON document the host stores where it likes.
//!
//! # The document (format version 1)
//!
//! ```json
//! {"version": 1,
//!  "versions": [{"number": 1, "id": "sha256:…", "text": "…",
//!                "note": "optional", "created_at": "2026-11-30T10:00:00Z"}],
//!  "labels": {"production": 1}}
//! ```
//!
//! * `version` is the document format, always `1` for now.
//! * `versions[i].number` is `i + 1`: numbers start at 1 and run without
//!   gaps in list order. `id` is `"sha256:"` + the lowercase hex SHA-256 of
//!   the text's UTF-8 bytes ([`content_id`]); no two versions share a text.
//!   `text` is a `main_prompt` (1 character to 16 MiB). `note` and
//!   `created_at` (RFC 3339, given by the caller: the core has no clock)
//!   are optional; `null` means absent.
//! * `labels` maps a name (`[A-Za-z][A-Za-z0-9_.-]{0,63}`) to a version
//!   number. `latest` is implied (the highest number) and never stored.
//!
//! Every function that takes a history checks all of this and refuses a
//! broken document with [`KitError::InvalidHistory`], naming where.
//!
//! # Pins
//!
//! A [`Pin`] selects a version: `"latest"`, a number (an integer), an id
//! (`"sha256:…"`) or a label name.

use crate::error::{Issue, IssueCode, KitError, Result};
use crate::prompt::{parse_prompt, resolve_prompt_text, PathSegment, VariableKind};
use crate::request::{build_run_create, Request, RunOptions};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The one map type of this module (ids, labels, sets, line interning):
/// one instantiation keeps the wasm small.
type Names = BTreeMap<String, u64>;

/// The document format this kit writes and reads.
pub const HISTORY_FORMAT: u64 = 1;
/// The most versions a history holds.
pub const MAX_VERSIONS: usize = 100_000;
/// The most labels a history holds.
pub const MAX_LABELS: usize = 1_000;
/// The longest `note`, in bytes.
pub const MAX_NOTE_BYTES: usize = 64 * 1024;
/// The most runs one batch builds.
pub const MAX_BATCH_ITEMS: usize = 10_000;
/// When the lines between the texts' common first and last lines number
/// more than this (old + new), [`compare_prompts`] gives them as one delete
/// and one insert instead of the shortest diff, so that time stays bounded
/// (Myers takes time proportional to lines × differences).
pub const MAX_DIFF_LINES: usize = 4_000;
/// The namespace of batch idempotency keys (see [`batch_idempotency_key`]).
pub const BATCH_KEY_NAMESPACE: &str = "2757b536-55a0-40ea-bff3-167ccc35dec8";
const NAMESPACE_BYTES: [u8; 16] = [
    0x27, 0x57, 0xb5, 0x36, 0x55, 0xa0, 0x40, 0xea, 0xbf, 0xf3, 0x16, 0x7c, 0xcc, 0x35, 0xde, 0xc8,
];

/// `"sha256:"` + the lowercase hex SHA-256 of the text's UTF-8 bytes: the
/// same text has the same id in every language.
pub fn content_id(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(71);
    out.push_str("sha256:");
    push_hex(&mut out, &digest);
    out
}

fn push_hex(out: &mut String, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for b in bytes {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 15)] as char);
    }
}

fn is_content_id(s: &str) -> bool {
    s.strip_prefix("sha256:")
        .is_some_and(|h| h.len() == 64 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
}

fn is_label_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_alphabetic()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
}

/// One version of a prompt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PromptVersion {
    /// 1, 2, 3, … in the order versions were added.
    pub number: u64,
    /// [`content_id`] of `text`.
    pub id: String,
    /// The prompt text, exactly as given.
    pub text: String,
    /// The caller's note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When the caller created it (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
}

/// A version as [`PromptHistory::describe`] gives it: the version plus the
/// labels pointing at it (`latest` included), sorted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SelectedVersion {
    /// See [`PromptVersion::number`].
    pub number: u64,
    /// See [`PromptVersion::id`].
    pub id: String,
    /// See [`PromptVersion::text`].
    pub text: String,
    /// See [`PromptVersion::note`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// See [`PromptVersion::created_at`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// The labels pointing at this version, sorted; `latest` for the newest.
    pub labels: Vec<String>,
}

/// What selects a version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pin {
    /// The highest number.
    Latest,
    /// A version number.
    Number(u64),
    /// A content id, `sha256:…`.
    Id(String),
    /// A label name.
    Label(String),
}

impl Pin {
    /// A pin from a host value: an integer is a number; a string is
    /// `"latest"`, an id (`sha256:` + 64 lowercase hex digits) or a label
    /// name. Anything else is `invalid_argument`.
    pub fn from_value(v: &Value) -> Result<Pin> {
        match v {
            Value::Number(n) => n.as_u64().map(Pin::Number).ok_or_else(|| {
                KitError::invalid_argument("pin: a version number is a positive integer")
            }),
            Value::String(s) => Pin::parse(s),
            _ => Err(KitError::invalid_argument(
                "pin must be \"latest\", a version number, an id (\"sha256:...\") or a label name",
            )),
        }
    }

    /// A pin from a string: `"latest"`, an id or a label name.
    pub fn parse(s: &str) -> Result<Pin> {
        if s == "latest" {
            Ok(Pin::Latest)
        } else if s.starts_with("sha256:") {
            if is_content_id(s) {
                Ok(Pin::Id(s.to_owned()))
            } else {
                Err(KitError::invalid_argument(
                    "pin: an id is \"sha256:\" and 64 lowercase hex digits",
                ))
            }
        } else if is_label_name(s) {
            Ok(Pin::Label(s.to_owned()))
        } else {
            Err(KitError::invalid_argument(
                "pin must be \"latest\", a version number (an integer), an id (\"sha256:...\") or a label name ([A-Za-z][A-Za-z0-9_.-]*, at most 64)",
            ))
        }
    }

    fn describe(&self) -> String {
        match self {
            Pin::Latest => "latest".into(),
            Pin::Number(n) => n.to_string(),
            Pin::Id(s) | Pin::Label(s) => s.clone(),
        }
    }
}

/// Optional facts about a version being added.
#[derive(Clone, Copy, Debug, Default)]
pub struct VersionMeta<'a> {
    /// A note (at most 64 KiB).
    pub note: Option<&'a str>,
    /// When the caller created it, RFC 3339 (`2026-11-30T10:00:00Z`).
    pub created_at: Option<&'a str>,
}

/// A prompt's version history, read from and written to a JSON document
/// of format version 1: `{"version": 1, "versions": [{"number", "id",
/// "text", "note"?, "created_at"?}], "labels": {"name": number}}`, numbers
/// from 1 without gaps, ids `"sha256:"` + the hex SHA-256 of the text, no
/// two versions with one text, `latest` implied and never stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PromptHistory {
    versions: Vec<PromptVersion>,
    labels: Names,
    ids: Names,
}

#[derive(Serialize)]
struct Document<'a> {
    version: u64,
    versions: &'a [PromptVersion],
    labels: &'a Names,
}

fn broken(message: impl Into<String>) -> KitError {
    KitError::InvalidHistory {
        message: message.into(),
    }
}

fn optional_string(
    obj: &Map<String, Value>,
    key: &str,
    at: &str,
    max: usize,
) -> Result<Option<String>> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.len() <= max => Ok(Some(s.clone())),
        Some(Value::String(_)) => Err(broken(format!("{at}.{key} is longer than {max} bytes"))),
        Some(_) => Err(broken(format!("{at}.{key} must be a string or null"))),
    }
}

fn check_text(text: &str) -> std::result::Result<(), &'static str> {
    if text.is_empty() {
        Err("is empty (a main_prompt has at least 1 character)")
    } else if text.len() > crate::prompt::MAX_PROMPT_BYTES {
        Err("is larger than 16 MiB")
    } else {
        Ok(())
    }
}

impl PromptHistory {
    /// An empty history (no versions, no labels).
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads a history document given as JSON text. Not JSON, or a broken
    /// document, is `invalid_history`.
    pub fn parse(text: &str) -> Result<Self> {
        let v = crate::json::parse_json(text).map_err(|e| match e {
            KitError::InvalidJson { message } => broken(format!("not JSON: {message}")),
            other => other,
        })?;
        Self::from_value(&v)
    }

    /// Reads a history document given as a value, checking every rule of
    /// the format (see [`PromptHistory`]).
    pub fn from_value(v: &Value) -> Result<Self> {
        crate::json::check_depth(v)?;
        let obj = v
            .as_object()
            .ok_or_else(|| broken("a prompt history is a JSON object"))?;
        for k in obj.keys() {
            if !matches!(k.as_str(), "version" | "versions" | "labels") {
                return Err(broken(format!(
                    "unknown key {k:?} (a history has version, versions and labels)"
                )));
            }
        }
        match obj.get("version") {
            Some(Value::Number(n)) if n.as_u64() == Some(HISTORY_FORMAT) => {}
            Some(_) => {
                return Err(broken(
                    "version must be 1 (the only history format this kit reads)",
                ))
            }
            None => return Err(broken("version is missing (expected 1)")),
        }
        let list = match obj.get("versions") {
            Some(Value::Array(a)) => a,
            _ => return Err(broken("versions must be a list")),
        };
        if list.len() > MAX_VERSIONS {
            return Err(broken(format!(
                "versions has more than {MAX_VERSIONS} entries"
            )));
        }
        let mut h = PromptHistory::new();
        h.versions.reserve(list.len());
        for (i, item) in list.iter().enumerate() {
            let at = format!("versions[{i}]");
            let o = item
                .as_object()
                .ok_or_else(|| broken(format!("{at} must be an object")))?;
            for k in o.keys() {
                if !matches!(k.as_str(), "number" | "id" | "text" | "note" | "created_at") {
                    return Err(broken(format!("{at} has an unknown key {k:?}")));
                }
            }
            let expected = i as u64 + 1;
            match o.get("number").and_then(Value::as_u64) {
                Some(n) if n == expected => {}
                Some(n) => {
                    return Err(broken(format!(
                        "{at}.number is {n}, expected {expected}: numbers run 1, 2, 3, ... in list order"
                    )))
                }
                None => return Err(broken(format!("{at}.number must be a positive integer"))),
            }
            let text = match o.get("text") {
                Some(Value::String(t)) => t,
                _ => return Err(broken(format!("{at}.text must be a string"))),
            };
            check_text(text).map_err(|why| broken(format!("{at}.text {why}")))?;
            let id = content_id(text);
            match o.get("id") {
                Some(Value::String(s)) if *s == id => {}
                Some(Value::String(_)) => {
                    return Err(broken(format!(
                        "{at}.id is not the SHA-256 of its text (expected {id})"
                    )))
                }
                _ => return Err(broken(format!("{at}.id must be a string"))),
            }
            if let Some(first) = h.ids.get(&id) {
                return Err(broken(format!("{at} has the same text as version {first}")));
            }
            let note = optional_string(o, "note", &at, MAX_NOTE_BYTES)?;
            let created_at = optional_string(o, "created_at", &at, 64)?;
            if let Some(p) = created_at
                .as_deref()
                .and_then(crate::formats::datetime_problem)
            {
                return Err(broken(format!(
                    "{at}.created_at is not an RFC 3339 date-time: {p}"
                )));
            }
            h.ids.insert(id.clone(), expected);
            h.versions.push(PromptVersion {
                number: expected,
                id,
                text: text.clone(),
                note,
                created_at,
            });
        }
        let labels = match obj.get("labels") {
            None => return Ok(h),
            Some(Value::Object(m)) => m,
            Some(_) => return Err(broken("labels must be an object (name to version number)")),
        };
        if labels.len() > MAX_LABELS {
            return Err(broken(format!("labels has more than {MAX_LABELS} entries")));
        }
        for (name, target) in labels {
            if name == "latest" {
                return Err(broken(
                    "labels.latest: latest is implied (the highest number) and never stored",
                ));
            }
            if !is_label_name(name) {
                return Err(broken(format!(
                    "labels: {name:?} is not a label name ([A-Za-z][A-Za-z0-9_.-]*, at most 64)"
                )));
            }
            match target.as_u64() {
                Some(n) if n >= 1 && n <= h.versions.len() as u64 => {
                    h.labels.insert(name.clone(), n);
                }
                _ => {
                    return Err(broken(format!(
                        "labels.{name} points at no version (the history has {})",
                        h.versions.len()
                    )))
                }
            }
        }
        Ok(h)
    }

    /// The document as a value (keys in a fixed order, labels sorted).
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// The document as compact JSON: the same bytes in every language.
    pub fn to_json(&self) -> String {
        let doc = serde_json::to_value(self.document()).unwrap_or(Value::Null);
        crate::json::to_compact(&doc)
    }

    fn document(&self) -> Document<'_> {
        Document {
            version: HISTORY_FORMAT,
            versions: &self.versions,
            labels: &self.labels,
        }
    }

    /// Every version, oldest first.
    pub fn versions(&self) -> &[PromptVersion] {
        &self.versions
    }

    /// Every stored label (name to number), sorted; `latest` is not stored.
    pub fn labels(&self) -> &BTreeMap<String, u64> {
        &self.labels
    }

    /// Appends a version; its number is one more than the last.
    ///
    /// Errors: `duplicate_version` when the text already is a version (to
    /// go back to it, point a label at it), `invalid_argument` for an
    /// empty text, a note over 64 KiB, a `created_at` that is not RFC 3339
    /// or a history already holding [`MAX_VERSIONS`], `too_large` for a
    /// text over 16 MiB.
    pub fn add_version(&mut self, text: &str, meta: VersionMeta<'_>) -> Result<&PromptVersion> {
        if text.len() > crate::prompt::MAX_PROMPT_BYTES {
            return Err(KitError::TooLarge {
                what: "prompt",
                limit: crate::prompt::MAX_PROMPT_BYTES,
            });
        }
        check_text(text).map_err(|why| KitError::invalid_argument(format!("text {why}")))?;
        if self.versions.len() >= MAX_VERSIONS {
            return Err(KitError::invalid_argument(format!(
                "the history already holds {MAX_VERSIONS} versions, the most it may"
            )));
        }
        if meta.note.is_some_and(|n| n.len() > MAX_NOTE_BYTES) {
            return Err(KitError::invalid_argument("note is longer than 64 KiB"));
        }
        if let Some(p) = meta.created_at.and_then(|c| {
            if c.len() > 64 {
                Some("longer than 64 bytes")
            } else {
                crate::formats::datetime_problem(c)
            }
        }) {
            return Err(KitError::invalid_argument(format!(
                "created_at is not an RFC 3339 date-time: {p}"
            )));
        }
        let id = content_id(text);
        if let Some(&number) = self.ids.get(&id) {
            return Err(KitError::DuplicateVersion { number });
        }
        let number = self.versions.len() as u64 + 1;
        self.ids.insert(id.clone(), number);
        self.versions.push(PromptVersion {
            number,
            id,
            text: text.to_owned(),
            note: meta.note.map(str::to_owned),
            created_at: meta.created_at.map(str::to_owned),
        });
        Ok(&self.versions[self.versions.len() - 1])
    }

    /// Points `label` at the version `to` selects, or removes it when `to`
    /// is `None`. Errors: `invalid_argument` for `latest` (implied) or a
    /// name that is not a label name, or past [`MAX_LABELS`];
    /// `version_not_found` when `to` selects nothing.
    pub fn move_label(&mut self, label: &str, to: Option<&Pin>) -> Result<()> {
        if label == "latest" {
            return Err(KitError::invalid_argument(
                "latest is implied (the highest number) and can't be moved; add a version or use another label",
            ));
        }
        if !is_label_name(label) {
            return Err(KitError::invalid_argument(
                "label must be a label name ([A-Za-z][A-Za-z0-9_.-]*, at most 64)",
            ));
        }
        match to {
            None => {
                self.labels.remove(label);
            }
            Some(pin) => {
                let n = self.select(pin)?.number;
                if self.labels.len() >= MAX_LABELS && !self.labels.contains_key(label) {
                    return Err(KitError::invalid_argument(format!(
                        "the history already holds {MAX_LABELS} labels, the most it may"
                    )));
                }
                self.labels.insert(label.to_owned(), n);
            }
        }
        Ok(())
    }

    /// The version `pin` selects; `version_not_found` when none does.
    pub fn select(&self, pin: &Pin) -> Result<&PromptVersion> {
        let found = match pin {
            Pin::Latest => self.versions.last(),
            Pin::Number(n) => usize::try_from(*n)
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|i| self.versions.get(i)),
            Pin::Id(id) => self.ids.get(id).and_then(|n| self.number(*n)),
            Pin::Label(l) => self.labels.get(l).and_then(|n| self.number(*n)),
        };
        found.ok_or_else(|| KitError::VersionNotFound {
            pin: pin.describe(),
            count: self.versions.len(),
        })
    }

    fn number(&self, n: u64) -> Option<&PromptVersion> {
        self.versions.get(usize::try_from(n).ok()?.checked_sub(1)?)
    }

    /// A version with the labels pointing at it.
    pub fn describe(&self, v: &PromptVersion) -> SelectedVersion {
        let mut labels: Vec<String> = self
            .labels
            .iter()
            .filter(|(_, n)| **n == v.number)
            .map(|(l, _)| l.clone())
            .collect();
        if v.number == self.versions.len() as u64 {
            let at = labels.partition_point(|l| l.as_str() < "latest");
            labels.insert(at, "latest".into());
        }
        SelectedVersion {
            number: v.number,
            id: v.id.clone(),
            text: v.text.clone(),
            note: v.note.clone(),
            created_at: v.created_at.clone(),
            labels,
        }
    }
}

impl Serialize for PromptHistory {
    /// The document: `{"version": 1, "versions": [...], "labels": {...}}`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.document().serialize(s)
    }
}

/// Reads a history document (JSON text); see [`PromptHistory::parse`].
pub fn parse_prompt_history(text: &str) -> Result<PromptHistory> {
    PromptHistory::parse(text)
}

// ---------------------------------------------------------------- compare

/// A variable by what it is, not where: kind, root and path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VariableRef {
    /// Which kind.
    pub kind: VariableKind,
    /// The first name, without sigil.
    pub root: String,
    /// The segments after the root.
    pub path: Vec<PathSegment>,
    /// How it is first written in the text it comes from.
    pub raw: String,
}

/// What a run of lines is in a [`LineChange`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineOp {
    /// In both texts.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
}

/// A run of lines of the line diff. Lines are the text split at `"\n"`
/// (`text.split("\n")` in every language: a final newline gives a last
/// empty line, a `"\r"` stays on its line). `old_start` / `new_start` are
/// 0-based line indices where the run starts (or would start) in each text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LineChange {
    /// Equal, delete or insert.
    pub op: LineOp,
    /// Line index in the old text.
    pub old_start: usize,
    /// Line index in the new text.
    pub new_start: usize,
    /// The lines, without their `"\n"`.
    pub lines: Vec<String>,
}

/// Whether a change adds or removes wording about skipping post-run checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WordingChange {
    /// Both texts speak of it, or neither does.
    Unchanged,
    /// Only the new text speaks of it.
    Added,
    /// Only the old text speaks of it.
    Removed,
}

/// What changes from one prompt text to another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PromptComparison {
    /// Whether the texts differ at all.
    pub changed: bool,
    /// Variables (kind + root + path) only in the new text, in its order.
    pub variables_added: Vec<VariableRef>,
    /// Variables only in the old text, in its order.
    pub variables_removed: Vec<VariableRef>,
    /// Roots of input variables `{x}` the new text uses and the old did
    /// not: `input_values` keys a run now needs.
    pub inputs_newly_needed: Vec<String>,
    /// Roots of sensitive variables `{$x}` the new text uses and the old did
    /// not: `sensitive_input_values` keys a run now needs.
    pub sensitive_added: Vec<String>,
    /// Whether wording about skipping post-run checks appears or goes (the
    /// same test as `preflight_run`'s `skip_checks_not_authorized`).
    pub skip_checks_wording: WordingChange,
    /// The line diff: runs of equal, deleted and inserted lines, in order.
    pub lines: Vec<LineChange>,
}

/// What identifies a variable for comparison: kind, root and path.
fn var_key(kind: VariableKind, root: &str, path: &[PathSegment]) -> String {
    let mut k = String::from(kind.as_str());
    k.push('\0');
    k.push_str(root);
    for seg in path {
        match seg {
            PathSegment::Key(s) => {
                k.push_str("\0k");
                k.push_str(s);
            }
            PathSegment::Index(i) => {
                k.push_str("\0i");
                k.push_str(&i.to_string());
            }
        }
    }
    k
}

fn unique_vars(text: &str) -> Result<(Vec<VariableRef>, Names)> {
    let mut seen = Names::new();
    let mut out = Vec::new();
    for v in parse_prompt(text)? {
        if seen.insert(var_key(v.kind, &v.root, &v.path), 0).is_none() {
            out.push(VariableRef {
                kind: v.kind,
                root: v.root,
                path: v.path,
                raw: v.raw,
            });
        }
    }
    Ok((out, seen))
}

/// The roots of `kind` in `vars` that `before` lacks, in order, once each.
fn new_roots(vars: &[VariableRef], before: &[VariableRef], kind: VariableKind) -> Vec<String> {
    let mut seen = Names::new();
    for v in before.iter().filter(|v| v.kind == kind) {
        seen.insert(v.root.clone(), 0);
    }
    vars.iter()
        .filter(|v| v.kind == kind && seen.insert(v.root.clone(), 0).is_none())
        .map(|v| v.root.clone())
        .collect()
}

/// Compares two prompt texts: variables added and removed, inputs newly
/// needed, sensitive variables added, skip-checks wording, and the line
/// diff (Myers, through the `similar` crate; coarse past
/// [`MAX_DIFF_LINES`] changed lines). Errors: `too_large` for a text over 16 MiB.
pub fn compare_prompts(old: &str, new: &str) -> Result<PromptComparison> {
    let (before, before_keys) = unique_vars(old)?;
    let (after, after_keys) = unique_vars(new)?;
    let only = |vars: &[VariableRef], other: &Names| -> Vec<VariableRef> {
        vars.iter()
            .filter(|v| !other.contains_key(&var_key(v.kind, &v.root, &v.path)))
            .cloned()
            .collect()
    };
    let skip = crate::preflight::mentions_skipping_checks;
    Ok(PromptComparison {
        changed: old != new,
        variables_added: only(&after, &before_keys),
        variables_removed: only(&before, &after_keys),
        inputs_newly_needed: new_roots(&after, &before, VariableKind::Input),
        sensitive_added: new_roots(&after, &before, VariableKind::Sensitive),
        skip_checks_wording: match (skip(old), skip(new)) {
            (false, true) => WordingChange::Added,
            (true, false) => WordingChange::Removed,
            _ => WordingChange::Unchanged,
        },
        lines: line_diff(old, new),
    })
}

fn intern(ids: &mut Names, lines: &[&str]) -> Vec<u64> {
    lines
        .iter()
        .map(|l| match ids.get(*l) {
            Some(id) => *id,
            None => {
                let next = ids.len() as u64;
                ids.insert((*l).to_owned(), next);
                next
            }
        })
        .collect()
}

/// Collects the line diff, merging adjacent runs of one kind.
struct Lines<'t> {
    a: Vec<&'t str>,
    b: Vec<&'t str>,
    out: Vec<LineChange>,
}

impl Lines<'_> {
    fn push(&mut self, op: LineOp, old_start: usize, new_start: usize, len: usize) {
        if len == 0 {
            return;
        }
        // Within one changed region, deleted lines come before inserted ones.
        if op == LineOp::Delete
            && self
                .out
                .last()
                .is_some_and(|l| l.op == LineOp::Insert && l.old_start == old_start)
        {
            if let Some(mut ins) = self.out.pop() {
                self.push(LineOp::Delete, old_start, ins.new_start, len);
                ins.old_start = old_start + len;
                self.out.push(ins);
            }
            return;
        }
        let (src, at) = match op {
            LineOp::Insert => (&self.b, new_start),
            _ => (&self.a, old_start),
        };
        let lines = src[at..at + len].iter().map(|s| (*s).to_owned());
        match self.out.last_mut() {
            Some(last) if last.op == op => last.lines.extend(lines),
            _ => self.out.push(LineChange {
                op,
                old_start,
                new_start,
                lines: lines.collect(),
            }),
        }
    }
}

impl similar::algorithms::DiffHook for Lines<'_> {
    type Error = std::convert::Infallible;
    fn equal(
        &mut self,
        old: usize,
        new: usize,
        len: usize,
    ) -> std::result::Result<(), Self::Error> {
        self.push(LineOp::Equal, old, new, len);
        Ok(())
    }
    fn delete(
        &mut self,
        old: usize,
        len: usize,
        new: usize,
    ) -> std::result::Result<(), Self::Error> {
        self.push(LineOp::Delete, old, new, len);
        Ok(())
    }
    fn insert(
        &mut self,
        old: usize,
        new: usize,
        len: usize,
    ) -> std::result::Result<(), Self::Error> {
        self.push(LineOp::Insert, old, new, len);
        Ok(())
    }
}

fn line_diff(old: &str, new: &str) -> Vec<LineChange> {
    let mut d = Lines {
        a: old.split('\n').collect(),
        b: new.split('\n').collect(),
        out: Vec::new(),
    };
    // Lines become numbers, so the diff compares numbers, not text.
    let mut ids = Names::new();
    let ia = intern(&mut ids, &d.a);
    let ib = intern(&mut ids, &d.b);
    let (n, m) = (ia.len(), ib.len());
    // Common first and last lines are equal runs; only the middle is diffed.
    let head = ia.iter().zip(&ib).take_while(|(x, y)| x == y).count();
    let tail = ia[head..]
        .iter()
        .rev()
        .zip(ib[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ea, eb) = (n - tail, m - tail);
    d.push(LineOp::Equal, 0, 0, head);
    if (ea - head) + (eb - head) <= MAX_DIFF_LINES {
        let _ = similar::algorithms::myers::diff(&mut d, &ia, head..ea, &ib, head..eb);
    } else {
        d.push(LineOp::Delete, head, head, ea - head);
        d.push(LineOp::Insert, ea, head, eb - head);
    }
    d.push(LineOp::Equal, ea, eb, tail);
    d.out
}

/// [`compare_prompts`] on the texts of two versions of a history.
pub fn compare_prompt_versions(
    history: &PromptHistory,
    from: &Pin,
    to: &Pin,
) -> Result<PromptComparison> {
    compare_prompts(&history.select(from)?.text, &history.select(to)?.text)
}

// ------------------------------------------------------------ check, run

/// The checks a prompt text gets before it is published as a version of
/// `workflow` (at least `main_prompt`, optionally `input_schema`): the
/// preflight rules that need no run.
///
/// * `malformed_variable`: text that looks like a variable and is not one;
/// * `undeclared_variable`: a variable whose root (`$`-prefixed for a
///   sensitive one) the `input_schema`'s top-level `properties` lacks;
/// * `required_input_unused`: a key of the `input_schema`'s top-level
///   `required` that no variable of the text uses;
/// * `skip_checks_not_authorized`: the text speaks of skipping post-run
///   checks and the stored prompt doesn't (only the stored prompt can
///   authorize it, seed 000);
/// * `invalid_input_schema`: the `input_schema` is not JSON or not a
///   valid JSON Schema.
///
/// Only the schema's top level is read for `properties` / `required`
/// (`$ref`, `allOf` and the like are not followed for these two checks).
/// Errors: `invalid_argument` when `workflow` has no string `main_prompt`;
/// `too_large`, `too_deep`.
pub fn check_prompt_text(text: &str, workflow: &Value) -> Result<Vec<Issue>> {
    crate::json::check_depth(workflow)?;
    let stored = crate::preflight::stored_prompt(workflow)?;
    // Only the issues are read: the text-only call builds no variable list.
    let mut issues: Vec<Issue> = resolve_prompt_text(text, None, None)?
        .issues
        .into_iter()
        .filter(|i| i.code == IssueCode::MalformedVariable)
        .collect();
    let (vars, _) = unique_vars(text)?;
    if let Some(Value::String(schema_text)) = workflow.get("input_schema") {
        match crate::jsonschema::compile_text(schema_text, None) {
            Err(e) => issues.push(crate::preflight::unusable_schema(&e)),
            Ok(_) => {
                let schema = crate::json::parse_json(schema_text).unwrap_or(Value::Null);
                schema_coverage(&schema, &vars, &mut issues);
            }
        }
    }
    if crate::preflight::mentions_skipping_checks(text)
        && !crate::preflight::mentions_skipping_checks(stored)
    {
        issues.push(crate::preflight::skip_not_authorized());
    }
    Ok(crate::error::cap_issues(issues))
}

fn schema_key(v: &VariableRef) -> Option<String> {
    match v.kind {
        VariableKind::Input => Some(v.root.clone()),
        VariableKind::Sensitive => Some(format!("${}", v.root)),
        VariableKind::Runtime => None,
    }
}

fn schema_coverage(schema: &Value, vars: &[VariableRef], issues: &mut Vec<Issue>) {
    let mut used = Names::new();
    for k in vars.iter().filter_map(schema_key) {
        used.insert(k, 0);
    }
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        let mut told = Names::new();
        for v in vars {
            let Some(k) = schema_key(v) else { continue };
            if !props.contains_key(&k) && told.insert(k.clone(), 0).is_none() {
                issues.push(
                    Issue::new(
                        IssueCode::UndeclaredVariable,
                        format!("the workflow's input_schema does not declare {k} (its properties lack it)"),
                    )
                    .for_variable(&v.raw),
                );
            }
        }
    }
    if let Some(required) = schema.get("required").and_then(Value::as_array) {
        for k in required.iter().filter_map(Value::as_str) {
            if !used.contains_key(k) {
                issues.push(Issue::new(
                    IssueCode::RequiredInputUnused,
                    format!("the workflow's input_schema requires {k}, but no variable of this prompt uses it"),
                ));
            }
        }
    }
}

/// [`check_prompt_text`] for the version `pin` selects.
pub fn check_prompt_version(
    history: &PromptHistory,
    pin: &Pin,
    workflow: &Value,
) -> Result<Vec<Issue>> {
    check_prompt_text(&history.select(pin)?.text, workflow)
}

/// The `POST /v1/runs` request running the version `pin` selects: `run`
/// with `main_prompt` set to the version's text, built by
/// [`build_run_create`] (so with `opts.workflow` it is preflighted, and
/// an error-severity issue raises `preflight_error`).
///
/// Errors: `invalid_argument` when `run` already holds a different
/// `main_prompt` (the pin sets it; nothing is overwritten in silence);
/// `version_not_found`; and every error of [`build_run_create`].
pub fn build_pinned_run(
    history: &PromptHistory,
    pin: &Pin,
    run: &Value,
    opts: RunOptions<'_>,
) -> Result<Request> {
    let version = history.select(pin)?;
    let mut obj = run
        .as_object()
        .ok_or_else(|| KitError::invalid_argument("run must be an object (a RunCreate payload)"))?
        .clone();
    match obj.get("main_prompt") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if *s == version.text => {}
        Some(_) => {
            return Err(KitError::invalid_argument(
                "run already has a main_prompt; a pinned run takes it from the version, so leave it out",
            ))
        }
    }
    obj.insert("main_prompt".into(), Value::String(version.text.clone()));
    build_run_create(&Value::Object(obj), opts)
}

/// The `Idempotency-Key` of one item of a batch: an RFC 9562 UUID version 8
/// built as RFC 9562 appendix B.2 builds its name-based example: the first
/// 16 bytes of SHA-256(namespace bytes ‖ name), with the version nibble set
/// to 8 and the variant bits to `10`. The namespace is
/// [`BATCH_KEY_NAMESPACE`]; the name is the UTF-8 bytes of `batch_key`, a
/// line feed (0x0A), then those of `item_key`.
///
/// Errors: `invalid_argument` when `batch_key` is empty, longer than 1,024
/// bytes or holds a line feed, or `item_key` is empty or longer than 1,024
/// bytes.
pub fn batch_idempotency_key(batch_key: &str, item_key: &str) -> Result<String> {
    if batch_key.is_empty() || batch_key.len() > 1024 || batch_key.contains('\n') {
        return Err(KitError::invalid_argument(
            "batch_key must be 1 to 1,024 bytes without a line feed",
        ));
    }
    if item_key.is_empty() || item_key.len() > 1024 {
        return Err(KitError::invalid_argument(
            "an item key must be 1 to 1,024 bytes",
        ));
    }
    let mut name = Vec::with_capacity(batch_key.len() + 1 + item_key.len());
    name.extend_from_slice(batch_key.as_bytes());
    name.push(b'\n');
    name.extend_from_slice(item_key.as_bytes());
    Ok(uuid_v8_sha256(&NAMESPACE_BYTES, &name))
}

fn uuid_v8_sha256(namespace: &[u8; 16], name: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(namespace);
    h.update(name);
    let digest = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    uuid::Uuid::from_bytes(b).to_string()
}

/// The requests of a batch: for each item `{pin, run, key?}` of `items`
/// (a list), [`build_pinned_run`] with the key
/// [`batch_idempotency_key`]`(batch_key, key)`, where `key` is the item's
/// own `key` (a string) or else its 0-based position written in decimal.
/// The same batch key and items give the same keys, so re-sending a batch
/// (or the part that failed) never starts a run twice.
///
/// All or nothing: the first item that can't be built stops the batch
/// with its error. Errors: `invalid_argument` (not a list, more than
/// [`MAX_BATCH_ITEMS`] items, an item that is not `{pin, run, key?}`, two
/// items with the same key, `opts.idempotency_key` set), and every error
/// of [`build_pinned_run`].
pub fn build_run_batch(
    history: &PromptHistory,
    batch_key: &str,
    items: &Value,
    opts: RunOptions<'_>,
) -> Result<Vec<Request>> {
    if opts.idempotency_key.is_some() {
        return Err(KitError::invalid_argument(
            "a batch derives each item's idempotency key from batch_key; give no idempotency_key",
        ));
    }
    batch_idempotency_key(batch_key, "0")?;
    let list = items
        .as_array()
        .ok_or_else(|| KitError::invalid_argument("items must be a list of {pin, run, key?}"))?;
    if list.len() > MAX_BATCH_ITEMS {
        return Err(KitError::invalid_argument(format!(
            "a batch has at most {MAX_BATCH_ITEMS} items"
        )));
    }
    let mut keys = Names::new();
    let mut out = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let bad = || {
            KitError::invalid_argument(format!(
                "items[{i}] must be {{pin, run, key?}} with key a string"
            ))
        };
        let o = item.as_object().ok_or_else(bad)?;
        if o.keys()
            .any(|k| !matches!(k.as_str(), "pin" | "run" | "key"))
        {
            return Err(bad());
        }
        let item_key = match o.get("key") {
            None | Some(Value::Null) => i.to_string(),
            Some(Value::String(s)) => s.clone(),
            Some(_) => return Err(bad()),
        };
        if keys.insert(item_key.clone(), 0).is_some() {
            return Err(KitError::invalid_argument(format!(
                "items[{i}] has the key of an earlier item: each item needs its own"
            )));
        }
        let pin = Pin::from_value(o.get("pin").ok_or_else(bad)?)?;
        let key = batch_idempotency_key(batch_key, &item_key)?;
        let run = o.get("run").ok_or_else(bad)?;
        let item_opts = RunOptions {
            idempotency_key: Some(&key),
            ..opts
        };
        out.push(build_pinned_run(history, &pin, run, item_opts)?);
    }
    Ok(out)
}

// ------------------------------------------------------------ mirroring

/// The smallest `WorkflowUpdate` that makes `workflow`'s stored
/// `main_prompt` the text of the version `pin` selects: `{"main_prompt":
/// text}`, or `{}` when it already is (computed by
/// [`crate::diff_workflow_update`]).
pub fn diff_prompt_mirror(workflow: &Value, history: &PromptHistory, pin: &Pin) -> Result<Value> {
    let version = history.select(pin)?;
    let mut desired = Map::new();
    desired.insert("main_prompt".into(), Value::String(version.text.clone()));
    crate::diff::diff_workflow_update(workflow, &Value::Object(desired))
}

/// Whether a workflow's stored prompt is a version of the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PromptDrift {
    /// [`content_id`] of the stored prompt.
    pub id: String,
    /// Whether a version has exactly the stored text.
    pub matches: bool,
    /// That version's number (`None` when no version matches).
    pub number: Option<u64>,
    /// The labels pointing at that version (`latest` included), sorted.
    pub labels: Vec<String>,
}

/// Checks whether `workflow`'s stored `main_prompt` matches a version of
/// the history, and which. Errors: `invalid_argument` when `workflow` has
/// no string `main_prompt`.
pub fn check_prompt_drift(workflow: &Value, history: &PromptHistory) -> Result<PromptDrift> {
    let stored = crate::preflight::stored_prompt(workflow)?;
    let id = content_id(stored);
    let found = history.select(&Pin::Id(id.clone())).ok();
    Ok(PromptDrift {
        matches: found.is_some(),
        number: found.map(|v| v.number),
        labels: found
            .map(|v| history.describe(v).labels)
            .unwrap_or_default(),
        id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_9562_appendix_b2_example() {
        // RFC 9562 B.2: SHA-256 of the DNS namespace and "www.example.com".
        let dns = uuid::Uuid::parse_str("6ba7b810-9dad-11d1-80b4-00c04fd430c8").unwrap_or_default();
        assert_eq!(
            uuid_v8_sha256(dns.as_bytes(), b"www.example.com"),
            "5c146b14-3c52-8afd-938a-375d0df1fbf6"
        );
    }

    #[test]
    fn sha256_of_abc() {
        // FIPS 180-2 appendix B.1.
        assert_eq!(
            content_id("abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
