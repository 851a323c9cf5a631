//! Applying a compiled schema to an instance (JSON Schema 2020-12 Core §7
//! and Validation §6, with each draft's differences decided at compile
//! time), collecting every error in the kit's shape.
//!
//! Annotations are kept only where `unevaluatedProperties` /
//! `unevaluatedItems` need them (Core §11): which properties and items the
//! adjacent and in-place keywords of *successful* subschemas evaluated.
//! The dynamic scope (the schema resources the walk went through) decides
//! `$dynamicRef` and `$recursiveRef`. Messages never quote the instance.

use super::compile::{ty, Compiled, Kw, Limit, NodeId, ResourceId};
use super::ecma::Match;
use super::{formats, json_eq, num, Draft};
use crate::error::{KitError, LocItem, ValidationError};
use serde_json::{Map, Value};

/// Nesting of schema applications (through `$ref`s and in-place
/// applicators) before a schema is called cyclic.
const MAX_APPLY_DEPTH: usize = 400;

/// What one application found besides errors.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    /// `format` annotations the value does not meet: (where, format).
    pub formats: Vec<(Vec<LocItem>, String)>,
    /// Patterns the backtracking matcher could not decide: (where, pattern).
    pub undecided: Vec<(Vec<LocItem>, String)>,
    /// References to documents the kit doesn't hold.
    pub unresolved: Vec<String>,
}

pub(crate) struct Walk<'c> {
    s: &'c Compiled,
    pub errors: Vec<ValidationError>,
    pub notes: Notes,
    path: Vec<LocItem>,
    scope: Vec<ResourceId>,
    depth: usize,
    /// The (node, instance) pairs being applied: meeting one again is a
    /// `$ref` cycle that never reaches a value.
    active: Vec<(NodeId, *const Value)>,
}

/// Which side of a numeric bound.
#[derive(Clone, Copy)]
enum Bound {
    Ge,
    Le,
    Gt,
    Lt,
}

/// Whether `properties` or `patternProperties` beside an
/// `additionalProperties` cover the name `k` (an undecided pattern match
/// counts as a match: never a false error).
fn covered(kws: &[Kw], k: &str) -> bool {
    kws.iter().any(|kw| match kw {
        Kw::Properties(props) => props.iter().any(|(n, _)| n == k),
        Kw::PatternProperties(pats) => pats.iter().any(|(_, re, _)| re.find(k) != Match::No),
        _ => false,
    })
}

/// The value a node is applied to, and how.
struct Here<'v> {
    v: &'v Value,
    obj: Option<&'v Map<String, Value>>,
    arr: Option<&'v Vec<Value>>,
    track: bool,
    draft: Draft,
    kws: &'v [Kw],
}

/// What a successful application evaluated (when tracking).
#[derive(Default)]
struct Seen {
    props: Vec<bool>,
    items: Vec<bool>,
}

impl Seen {
    fn merge(&mut self, other: Seen) {
        merge_flags(&mut self.props, other.props);
        merge_flags(&mut self.items, other.items);
    }
}

fn merge_flags(a: &mut Vec<bool>, b: Vec<bool>) {
    if a.len() < b.len() {
        a.resize(b.len(), false);
    }
    for (i, f) in b.into_iter().enumerate() {
        a[i] |= f;
    }
}

type Res<T> = Result<T, KitError>;

fn cyclic() -> KitError {
    KitError::InvalidSchema {
        message: "the schema refers to itself without ever reaching a value (a $ref cycle)".into(),
    }
}

fn too_deep() -> KitError {
    KitError::InvalidSchema {
        message: format!(
            "the schema applies more than {MAX_APPLY_DEPTH} schemas inside one another ($ref chains included) to one value"
        ),
    }
}

fn type_names(mask: u8) -> String {
    let mut v = Vec::new();
    for (bit, name) in [
        (ty::NULL, "null"),
        (ty::BOOL, "boolean"),
        (ty::OBJ, "object"),
        (ty::ARR, "array"),
        (ty::NUM, "number"),
        (ty::STR, "string"),
    ] {
        if mask & bit != 0 {
            v.push(name);
        }
    }
    if mask & ty::INT != 0 && mask & ty::NUM == 0 {
        v.push("integer");
    }
    v.join(" or ")
}

fn is_integer(f: f64) -> bool {
    f.is_finite() && f.fract() == 0.0
}

fn num_text(f: f64) -> String {
    if is_integer(f) && f.abs() < 1e16 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

impl<'c> Walk<'c> {
    pub(crate) fn new(s: &'c Compiled) -> Self {
        Walk {
            s,
            errors: Vec::new(),
            notes: Notes::default(),
            path: Vec::new(),
            scope: Vec::new(),
            depth: 0,
            active: Vec::new(),
        }
    }

    pub(crate) fn run(&mut self, instance: &Value) -> Res<()> {
        let track = self.s.tracks;
        self.apply(self.s.root, instance, track)?;
        Ok(())
    }

    fn fail(&mut self, kind: &str, msg: String) {
        self.errors
            .push(ValidationError::new(self.path.clone(), kind, msg));
    }

    fn fail_ctx(&mut self, kind: &str, msg: String, key: &str, v: Value) {
        self.errors
            .push(ValidationError::new(self.path.clone(), kind, msg).with_ctx(key, v));
    }

    /// Applies node `id`; `Ok(Some(seen))` when valid (the annotations
    /// when `track`), `Ok(None)` when not (errors pushed).
    fn apply(&mut self, id: NodeId, v: &Value, track: bool) -> Res<Option<Seen>> {
        let key = (id, v as *const Value);
        if self.active.contains(&key) {
            return Err(cyclic());
        }
        if self.depth >= MAX_APPLY_DEPTH {
            return Err(too_deep());
        }
        self.depth += 1;
        self.active.push(key);
        let node = &self.s.nodes[id];
        let pushed = self.scope.last() != Some(&node.resource);
        if pushed {
            self.scope.push(node.resource);
        }
        let r = self.keywords(id, v, track);
        if pushed {
            self.scope.pop();
        }
        self.active.pop();
        self.depth -= 1;
        r
    }

    /// Applies a subschema whose failure is not an error of its own (a
    /// branch of `anyOf`, `oneOf`, `not`, `if`, `contains`): its errors
    /// and notes are returned to the caller's judgement.
    fn probe(
        &mut self,
        id: NodeId,
        v: &Value,
        track: bool,
    ) -> Res<(Option<Seen>, Vec<ValidationError>)> {
        let mark = self.errors.len();
        let fmark = (self.notes.formats.len(), self.notes.undecided.len());
        let r = self.apply(id, v, track)?;
        let errs = self.errors.split_off(mark);
        if r.is_none() {
            self.notes.formats.truncate(fmark.0);
            self.notes.undecided.truncate(fmark.1);
        }
        Ok((r, errs))
    }

    fn child(&mut self, item: LocItem, id: NodeId, v: &Value, track: bool) -> Res<Option<Seen>> {
        self.path.push(item);
        let r = self.apply(id, v, track);
        self.path.pop();
        r
    }

    fn dynamic_target(&self, fallback: NodeId, name: &str) -> NodeId {
        for &rid in &self.scope {
            if let Some((_, node)) = self.s.resources[rid]
                .dynamic
                .iter()
                .find(|(n, _)| n == name)
            {
                return *node;
            }
        }
        fallback
    }

    fn recursive_target(&self, fallback: NodeId) -> NodeId {
        let starts_recursive = self
            .s
            .resources
            .iter()
            .any(|r| r.root == Some(fallback) && r.recursive_anchor);
        if !starts_recursive {
            return fallback;
        }
        let mut target = fallback;
        for &rid in self.scope.iter().rev() {
            let r = &self.s.resources[rid];
            match r.root {
                Some(root) if r.recursive_anchor => target = root,
                _ => break,
            }
        }
        target
    }

    fn keywords(&mut self, id: NodeId, v: &Value, track: bool) -> Res<Option<Seen>> {
        let s = self.s;
        let node = &s.nodes[id];
        // A node with `unevaluated*` needs what its own in-place keywords
        // evaluated, whether or not its caller does.
        let track = track || node.unevaluated;
        let h = Here {
            v,
            obj: v.as_object(),
            arr: v.as_array(),
            track,
            draft: node.draft.unwrap_or(Draft::Draft202012),
            kws: &node.kws,
        };
        let before = self.errors.len();
        let mut seen = Seen::default();
        if track {
            seen.props = vec![false; h.obj.map_or(0, Map::len)];
            seen.items = vec![false; h.arr.map_or(0, Vec::len)];
        }
        let mut ok = true;
        for kw in &node.kws {
            ok &= self.keyword(kw, &h, &mut seen)?;
        }
        if ok && self.errors.len() == before {
            Ok(Some(seen))
        } else {
            Ok(None)
        }
    }

    /// Applies one keyword; `false` when a subschema it applies failed
    /// (errors of its own are pushed). The applicators each have a method
    /// of their own, so that the frames on the recursion path stay small;
    /// the assertions, which never recurse, share one.
    fn keyword(&mut self, kw: &Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let v = h.v;
        match kw {
            Kw::Ref(t) => self.in_place(*t, v, h.track, seen),
            Kw::DynamicRef(t, name) => {
                let target = match name {
                    Some(n) => self.dynamic_target(*t, n),
                    None => *t,
                };
                self.in_place(target, v, h.track, seen)
            }
            Kw::RecursiveRef(t) => {
                let target = self.recursive_target(*t);
                self.in_place(target, v, h.track, seen)
            }
            Kw::AllOf(list) => {
                let mut ok = true;
                for sub in list {
                    ok &= self.in_place(*sub, v, h.track, seen)?;
                }
                Ok(ok)
            }
            Kw::DependentSchemas(deps) => {
                let mut ok = true;
                if let Some(o) = h.obj {
                    for (trigger, sub) in deps {
                        if o.contains_key(trigger) {
                            ok &= self.in_place(*sub, v, h.track, seen)?;
                        }
                    }
                }
                Ok(ok)
            }
            Kw::AnyOf(list) => self.any_of(list, h, seen).map(|()| true),
            Kw::OneOf(list) => self.one_of(list, h, seen).map(|()| true),
            Kw::Not(sub) => {
                if self.probe(*sub, v, false)?.0.is_some() {
                    self.fail(
                        "not_allowed",
                        "Input should not match the excluded schema".into(),
                    );
                }
                Ok(true)
            }
            Kw::If(cond, then, otherwise) => {
                let branch = match self.probe(*cond, v, h.track)?.0 {
                    Some(x) => {
                        seen.merge(x);
                        then
                    }
                    None => otherwise,
                };
                match branch {
                    Some(b) => self.in_place(*b, v, h.track, seen),
                    None => Ok(true),
                }
            }
            Kw::Items(prefix, rest) => self.items(prefix, *rest, h, seen),
            Kw::Contains(c, min, max) => self.contains(*c, *min, *max, h, seen).map(|()| true),
            Kw::Properties(_) | Kw::PatternProperties(_) | Kw::AdditionalProperties(_) => {
                self.properties(kw, h, seen)
            }
            Kw::PropertyNames(sub) => self.property_names(*sub, h).map(|()| true),
            Kw::UnevaluatedItems(sub) => self.unevaluated_items(*sub, h, seen),
            Kw::UnevaluatedProperties(sub) => self.unevaluated_properties(*sub, h, seen),
            other => self.assert(other, h).map(|()| true),
        }
    }

    /// An in-place applicator's subschema: its annotations join this
    /// node's when it passes.
    fn in_place(&mut self, id: NodeId, v: &Value, track: bool, seen: &mut Seen) -> Res<bool> {
        Ok(match self.apply(id, v, track)? {
            Some(x) => {
                seen.merge(x);
                true
            }
            None => false,
        })
    }

    #[inline(never)]
    fn any_of(&mut self, list: &[NodeId], h: &Here<'_>, seen: &mut Seen) -> Res<()> {
        let mut any = false;
        let mut failures = Vec::new();
        for sub in list {
            match self.probe(*sub, h.v, h.track)? {
                (Some(x), _) => {
                    any = true;
                    seen.merge(x);
                    if !h.track {
                        break;
                    }
                }
                (None, errs) => failures.push(errs),
            }
        }
        if !any {
            self.union_failure(
                failures,
                "any_of",
                "Input should match at least one of the anyOf schemas",
            );
        }
        Ok(())
    }

    #[inline(never)]
    fn one_of(&mut self, list: &[NodeId], h: &Here<'_>, seen: &mut Seen) -> Res<()> {
        let mut matching = 0usize;
        let mut failures = Vec::new();
        let mut first = None;
        for sub in list {
            match self.probe(*sub, h.v, h.track)? {
                (Some(x), _) => {
                    matching += 1;
                    first.get_or_insert(x);
                }
                (None, errs) => failures.push(errs),
            }
        }
        match (matching, first) {
            (1, Some(x)) => seen.merge(x),
            (0, _) => self.union_failure(
                failures,
                "one_of",
                "Input should match exactly one of the oneOf schemas, but it matches none",
            ),
            (n, _) => self.fail_ctx(
                "one_of_multiple",
                format!("Input should match exactly one of the oneOf schemas, but it matches {n}"),
                "matching",
                Value::from(n),
            ),
        }
        Ok(())
    }

    /// `prefixItems` / array-form `items`, then `items` / `additionalItems`.
    #[inline(never)]
    fn items(
        &mut self,
        prefix: &[NodeId],
        rest: Option<NodeId>,
        h: &Here<'_>,
        seen: &mut Seen,
    ) -> Res<bool> {
        let mut ok = true;
        let Some(a) = h.arr else { return Ok(true) };
        for (i, item) in a.iter().enumerate() {
            let Some(sub) = prefix.get(i).copied().or(rest) else {
                break;
            };
            ok &= self.child(LocItem::Index(i), sub, item, false)?.is_some();
            if h.track {
                seen.items[i] = true;
            }
        }
        Ok(ok)
    }

    #[inline(never)]
    fn contains(
        &mut self,
        c: NodeId,
        min: u64,
        max: Option<u64>,
        h: &Here<'_>,
        seen: &mut Seen,
    ) -> Res<()> {
        let Some(a) = h.arr else { return Ok(()) };
        let mut matched = 0u64;
        for (i, item) in a.iter().enumerate() {
            self.path.push(LocItem::Index(i));
            let (r, _) = self.probe(c, item, false)?;
            self.path.pop();
            if r.is_some() {
                matched += 1;
                // From 2020-12, what `contains` matched counts as evaluated.
                if h.track && h.draft >= Draft::Draft202012 {
                    seen.items[i] = true;
                }
            }
        }
        if matched < min {
            self.fail_ctx(
                "contains",
                format!(
                    "List should contain at least {min} matching item{}",
                    plural(min)
                ),
                "min_contains",
                Value::from(min),
            );
        }
        if let Some(max) = max.filter(|m| matched > *m) {
            self.fail_ctx(
                "contains",
                format!(
                    "List should contain at most {max} matching item{}",
                    plural(max)
                ),
                "max_contains",
                Value::from(max),
            );
        }
        Ok(())
    }

    /// `properties`, `patternProperties` and `additionalProperties` (the
    /// last one applies to the names the other two leave out).
    #[inline(never)]
    fn properties(&mut self, kw: &Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Some(o) = h.obj else { return Ok(true) };
        let mut ok = true;
        for (i, (k, val)) in o.iter().enumerate() {
            let mut applied = false;
            match kw {
                Kw::Properties(props) => {
                    if let Some((_, sub)) = props.iter().find(|(n, _)| n == k) {
                        ok &= self
                            .child(LocItem::Key(k.clone()), *sub, val, false)?
                            .is_some();
                        applied = true;
                    }
                }
                Kw::PatternProperties(pats) => {
                    for (src, re, sub) in pats {
                        match re.find(k) {
                            Match::No => continue,
                            Match::Undecided => {
                                self.notes.undecided.push((self.path.clone(), src.clone()));
                                continue;
                            }
                            Match::Yes => {}
                        }
                        ok &= self
                            .child(LocItem::Key(k.clone()), *sub, val, false)?
                            .is_some();
                        applied = true;
                    }
                }
                Kw::AdditionalProperties(sub) if !covered(h.kws, k) => {
                    if self.is_never(*sub) {
                        self.path.push(LocItem::Key(k.clone()));
                        self.fail("extra_forbidden", "Extra inputs are not permitted".into());
                        self.path.pop();
                    } else {
                        ok &= self
                            .child(LocItem::Key(k.clone()), *sub, val, false)?
                            .is_some();
                    }
                    applied = true;
                }
                _ => {}
            }
            if applied && h.track {
                seen.props[i] = true;
            }
        }
        Ok(ok)
    }

    #[inline(never)]
    fn property_names(&mut self, sub: NodeId, h: &Here<'_>) -> Res<()> {
        let Some(o) = h.obj else { return Ok(()) };
        for k in o.keys() {
            let name = Value::String(k.clone());
            self.path.push(LocItem::Key(k.clone()));
            if self.probe(sub, &name, false)?.0.is_none() {
                self.fail(
                    "property_name",
                    "Property name does not match the propertyNames schema".into(),
                );
            }
            self.path.pop();
        }
        Ok(())
    }

    #[inline(never)]
    fn unevaluated_items(&mut self, sub: NodeId, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Some(a) = h.arr else { return Ok(true) };
        let never = self.is_never(sub);
        let mut ok = true;
        for (i, item) in a.iter().enumerate() {
            if seen.items.get(i).copied().unwrap_or(false) {
                continue;
            }
            if never {
                self.path.push(LocItem::Index(i));
                self.fail(
                    "unevaluated_item",
                    "Unevaluated items are not permitted".into(),
                );
                self.path.pop();
            } else {
                ok &= self.child(LocItem::Index(i), sub, item, false)?.is_some();
            }
        }
        if h.track {
            seen.items.iter_mut().for_each(|f| *f = true);
        }
        Ok(ok)
    }

    #[inline(never)]
    fn unevaluated_properties(&mut self, sub: NodeId, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Some(o) = h.obj else { return Ok(true) };
        let never = self.is_never(sub);
        let mut ok = true;
        for (i, (k, val)) in o.iter().enumerate() {
            if seen.props.get(i).copied().unwrap_or(false) {
                continue;
            }
            if never {
                self.path.push(LocItem::Key(k.clone()));
                self.fail(
                    "unevaluated_property",
                    "Unevaluated properties are not permitted".into(),
                );
                self.path.pop();
            } else {
                ok &= self
                    .child(LocItem::Key(k.clone()), sub, val, false)?
                    .is_some();
            }
        }
        if h.track {
            seen.props.iter_mut().for_each(|f| *f = true);
        }
        Ok(ok)
    }

    /// The keywords that assert something of the value itself and never
    /// apply a subschema.
    #[inline(never)]
    fn assert(&mut self, kw: &Kw, h: &Here<'_>) -> Res<()> {
        let v = h.v;
        match (kw, v) {
            (Kw::False, _) => self.fail("never_valid", "No value is allowed here".into()),
            (Kw::Unresolved(u, local), _) => {
                if *local {
                    return Err(KitError::InvalidSchema {
                        message: format!("$ref {u:?} points at nothing in the schema"),
                    });
                }
                if !self.notes.unresolved.contains(u) {
                    self.notes.unresolved.push(u.clone());
                }
            }
            (Kw::Type(mask), _) if !has_type(*mask, v, h.draft) => {
                self.fail_type(*mask);
            }
            (Kw::Enum(list), _) if !list.iter().any(|x| json_eq(x, v)) => {
                self.fail_expected("enum", list);
            }
            (Kw::Const(c), _) if !json_eq(c, v) => {
                self.fail_expected("literal_error", std::slice::from_ref(c));
            }
            (Kw::MultipleOf(m), Value::Number(n)) if !num::is_multiple(n, m) => {
                self.fail_ctx(
                    "multiple_of",
                    format!(
                        "Input should be a multiple of {}",
                        num_text(m.as_f64().unwrap_or(0.0))
                    ),
                    "multiple_of",
                    Value::Number(m.clone()),
                );
            }
            (Kw::Minimum(m), _) => self.bound(v, m, Bound::Ge),
            (Kw::Maximum(m), _) => self.bound(v, m, Bound::Le),
            (Kw::ExclusiveMinimum(m), _) => self.bound(v, m, Bound::Gt),
            (Kw::ExclusiveMaximum(m), _) => self.bound(v, m, Bound::Lt),
            (Kw::MinLength(n), Value::String(st)) if (st.chars().count() as u64) < *n => {
                self.fail_count(
                    "string_too_short",
                    "String should have at least",
                    *n,
                    "character",
                    "min_length",
                );
            }
            (Kw::MaxLength(n), Value::String(st)) if st.chars().count() as u64 > *n => {
                self.fail_count(
                    "string_too_long",
                    "String should have at most",
                    *n,
                    "character",
                    "max_length",
                );
            }
            (Kw::Pattern(src, re), Value::String(st)) => match re.find(st) {
                Match::Yes => {}
                Match::No => self.fail_ctx(
                    "string_pattern_mismatch",
                    format!("String should match pattern '{src}'"),
                    "pattern",
                    Value::String(src.clone()),
                ),
                Match::Undecided => self.notes.undecided.push((self.path.clone(), src.clone())),
            },
            (Kw::Format(f), Value::String(st)) if formats::check(f, st) == Some(false) => {
                self.notes.formats.push((self.path.clone(), f.clone()));
            }
            (Kw::MinItems(n), Value::Array(a)) if (a.len() as u64) < *n => {
                self.fail_count(
                    "too_short",
                    "List should have at least",
                    *n,
                    "item",
                    "min_length",
                );
            }
            (Kw::MaxItems(n), Value::Array(a)) if a.len() as u64 > *n => {
                self.fail_count(
                    "too_long",
                    "List should have at most",
                    *n,
                    "item",
                    "max_length",
                );
            }
            (Kw::UniqueItems, Value::Array(a)) if !super::all_unique(a) => {
                self.fail("list_not_unique", "List should have unique items".into());
            }
            (Kw::Required(names), Value::Object(o)) => {
                for n in names.iter().filter(|n| !o.contains_key(*n)) {
                    self.fail_at(n, "missing", "Field required".into(), None);
                }
            }
            (Kw::DependentRequired(deps), Value::Object(o)) => {
                for (trigger, names) in deps.iter().filter(|(t, _)| o.contains_key(t)) {
                    for n in names.iter().filter(|n| !o.contains_key(*n)) {
                        let by = Some(("required_by", Value::String(trigger.clone())));
                        self.fail_at(n, "missing", "Field required".into(), by);
                    }
                }
            }
            (Kw::MinProperties(n), Value::Object(o)) if (o.len() as u64) < *n => {
                self.fail_count(
                    "too_short",
                    "Dictionary should have at least",
                    *n,
                    "item",
                    "min_length",
                );
            }
            (Kw::MaxProperties(n), Value::Object(o)) if o.len() as u64 > *n => {
                self.fail_count(
                    "too_long",
                    "Dictionary should have at most",
                    *n,
                    "item",
                    "max_length",
                );
            }
            // A keyword for another type of value, or an applicator
            // (handled by `keyword`).
            _ => {}
        }
        Ok(())
    }

    fn fail_expected(&mut self, kind: &str, values: &[Value]) {
        let expected = expected_list(values);
        self.fail_ctx(
            kind,
            format!("Input should be {expected}"),
            "expected",
            Value::String(expected.clone()),
        );
    }

    fn fail_count(&mut self, kind: &str, words: &str, n: u64, unit: &str, ctx: &str) {
        self.fail_ctx(
            kind,
            format!("{words} {n} {unit}{}", plural(n)),
            ctx,
            Value::from(n),
        );
    }

    /// An error located at the property `name` of the current value.
    fn fail_at(&mut self, name: &str, kind: &str, msg: String, ctx: Option<(&str, Value)>) {
        self.path.push(LocItem::Key(name.to_owned()));
        match ctx {
            Some((key, v)) => self.fail_ctx(kind, msg, key, v),
            None => self.fail(kind, msg),
        }
        self.path.pop();
    }

    fn is_never(&self, id: NodeId) -> bool {
        let kws = &self.s.nodes[id].kws;
        kws.len() == 1 && matches!(kws[0], Kw::False)
    }

    /// A failed `anyOf` / `oneOf`: when every branch but one failed on the
    /// value's type alone, the errors of that one branch (what pydantic
    /// reports for `Optional[X]`); else one error for the union.
    fn union_failure(&mut self, failures: Vec<Vec<ValidationError>>, kind: &str, msg: &str) {
        let here = self.path.len();
        let type_only = |errs: &Vec<ValidationError>| {
            errs.len() == 1 && errs[0].loc.len() == here && errs[0].kind.ends_with("_type")
        };
        let others: Vec<&Vec<ValidationError>> =
            failures.iter().filter(|e| !type_only(e)).collect();
        if others.len() == 1 && !others[0].is_empty() {
            self.errors.extend(others[0].iter().cloned());
        } else {
            self.fail(kind, msg.into());
        }
    }

    fn fail_type(&mut self, mask: u8) {
        let (kind, msg) = match mask {
            ty::STR => ("string_type", "Input should be a valid string".to_owned()),
            ty::INT => ("int_type", "Input should be a valid integer".to_owned()),
            m if m == ty::NUM | ty::INT => {
                ("float_type", "Input should be a valid number".to_owned())
            }
            ty::BOOL => ("bool_type", "Input should be a valid boolean".to_owned()),
            ty::OBJ => ("dict_type", "Input should be a valid dictionary".to_owned()),
            ty::ARR => ("list_type", "Input should be a valid list".to_owned()),
            ty::NULL => ("none_required", "Input should be None".to_owned()),
            m => ("type", format!("Input should be of type {}", type_names(m))),
        };
        self.fail(kind, msg);
    }

    fn bound(&mut self, v: &Value, limit: &Limit, bound: Bound) {
        let Value::Number(n) = v else { return };
        let Some(ord) = num::cmp(n, &limit.n) else {
            return;
        };
        use std::cmp::Ordering::{Greater, Less};
        let (holds, kind, words, ctx) = match bound {
            Bound::Ge => (
                ord != Less,
                "greater_than_equal",
                "greater than or equal to",
                "ge",
            ),
            Bound::Le => (
                ord != Greater,
                "less_than_equal",
                "less than or equal to",
                "le",
            ),
            Bound::Gt => (ord == Greater, "greater_than", "greater than", "gt"),
            Bound::Lt => (ord == Less, "less_than", "less than", "lt"),
        };
        if !holds {
            self.fail_ctx(
                kind,
                format!("Input should be {words} {}", num_text(limit.f)),
                ctx,
                Value::Number(limit.n.clone()),
            );
        }
    }
}

pub(crate) fn has_type(mask: u8, v: &Value, draft: Draft) -> bool {
    let t = match v {
        Value::Null => ty::NULL,
        Value::Bool(_) => ty::BOOL,
        Value::String(_) => ty::STR,
        Value::Array(_) => ty::ARR,
        Value::Object(_) => ty::OBJ,
        Value::Number(n) => {
            if n.is_i64() || n.is_u64() {
                ty::INT
            } else if draft >= Draft::Draft6 && n.as_f64().is_some_and(num::is_integral) {
                // From draft 6, 1.0 is an integer; draft 4 says "a JSON
                // number without a fraction or exponent part".
                ty::INT
            } else {
                ty::NUM
            }
        }
    };
    mask & t != 0
}

fn expected_list(values: &[Value]) -> String {
    let shown: Vec<String> = values
        .iter()
        .map(|v| match v {
            Value::String(s) => format!("'{s}'"),
            other => other.to_string(),
        })
        .collect();
    match shown.len() {
        0 => "nothing".into(),
        1 => shown[0].clone(),
        n => format!("{} or {}", shown[..n - 1].join(", "), shown[n - 1]),
    }
}
