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
use super::{formats, json_eq, Draft};
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
        if self.depth >= MAX_APPLY_DEPTH || self.active.contains(&key) {
            return Err(cyclic());
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
        // One method per keyword, so that the frames on the recursion
        // path stay small (the walk recurses once per schema level).
        for kw in &node.kws {
            let kw_ok = match kw {
                Kw::False => self.kw_false(kw, &h, &mut seen)?,
                Kw::Ref(..) => self.kw_ref(kw, &h, &mut seen)?,
                Kw::DynamicRef(..) => self.kw_dynamic_ref(kw, &h, &mut seen)?,
                Kw::RecursiveRef(..) => self.kw_recursive_ref(kw, &h, &mut seen)?,
                Kw::Unresolved(..) => self.kw_unresolved(kw, &h, &mut seen)?,
                Kw::Type(..) => self.kw_type(kw, &h, &mut seen)?,
                Kw::Enum(..) => self.kw_enum(kw, &h, &mut seen)?,
                Kw::Const(..) => self.kw_const(kw, &h, &mut seen)?,
                Kw::MultipleOf(..) => self.kw_multiple_of(kw, &h, &mut seen)?,
                Kw::Minimum(..) => self.kw_minimum(kw, &h, &mut seen)?,
                Kw::Maximum(..) => self.kw_maximum(kw, &h, &mut seen)?,
                Kw::ExclusiveMinimum(..) => self.kw_exclusive_minimum(kw, &h, &mut seen)?,
                Kw::ExclusiveMaximum(..) => self.kw_exclusive_maximum(kw, &h, &mut seen)?,
                Kw::MinLength(..) => self.kw_min_length(kw, &h, &mut seen)?,
                Kw::MaxLength(..) => self.kw_max_length(kw, &h, &mut seen)?,
                Kw::Pattern(..) => self.kw_pattern(kw, &h, &mut seen)?,
                Kw::Format(..) => self.kw_format(kw, &h, &mut seen)?,
                Kw::Items(..) => self.kw_items(kw, &h, &mut seen)?,
                Kw::Contains(..) => self.kw_contains(kw, &h, &mut seen)?,
                Kw::MinItems(..) => self.kw_min_items(kw, &h, &mut seen)?,
                Kw::MaxItems(..) => self.kw_max_items(kw, &h, &mut seen)?,
                Kw::UniqueItems => self.kw_unique_items(kw, &h, &mut seen)?,
                Kw::Properties(..) => self.kw_properties(kw, &h, &mut seen)?,
                Kw::PatternProperties(..) => self.kw_pattern_properties(kw, &h, &mut seen)?,
                Kw::AdditionalProperties(..) => self.kw_additional_properties(kw, &h, &mut seen)?,
                Kw::Required(..) => self.kw_required(kw, &h, &mut seen)?,
                Kw::DependentRequired(..) => self.kw_dependent_required(kw, &h, &mut seen)?,
                Kw::DependentSchemas(..) => self.kw_dependent_schemas(kw, &h, &mut seen)?,
                Kw::PropertyNames(..) => self.kw_property_names(kw, &h, &mut seen)?,
                Kw::MinProperties(..) => self.kw_min_properties(kw, &h, &mut seen)?,
                Kw::MaxProperties(..) => self.kw_max_properties(kw, &h, &mut seen)?,
                Kw::AllOf(..) => self.kw_all_of(kw, &h, &mut seen)?,
                Kw::AnyOf(..) => self.kw_any_of(kw, &h, &mut seen)?,
                Kw::OneOf(..) => self.kw_one_of(kw, &h, &mut seen)?,
                Kw::Not(..) => self.kw_not(kw, &h, &mut seen)?,
                Kw::If(..) => self.kw_if(kw, &h, &mut seen)?,
                Kw::UnevaluatedItems(..) => self.kw_unevaluated_items(kw, &h, &mut seen)?,
                Kw::UnevaluatedProperties(..) => {
                    self.kw_unevaluated_properties(kw, &h, &mut seen)?
                }
            };
            ok &= kw_ok;
        }
        if ok && self.errors.len() == before {
            Ok(Some(seen))
        } else {
            Ok(None)
        }
    }

    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_false(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                self.fail("never_valid", "No value is allowed here".into());
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_ref(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::Ref(t) = kw else { return Ok(true) };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            match self.apply(*t, v, track)? {
                Some(x) => seen.merge(x),
                None => ok = false,
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_dynamic_ref(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::DynamicRef(t, name) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                let target = match name {
                    Some(n) => self.dynamic_target(*t, n),
                    None => *t,
                };
                match self.apply(target, v, track)? {
                    Some(x) => seen.merge(x),
                    None => ok = false,
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_recursive_ref(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::RecursiveRef(t) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                let target = self.recursive_target(*t);
                match self.apply(target, v, track)? {
                    Some(x) => seen.merge(x),
                    None => ok = false,
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_unresolved(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::Unresolved(u, local) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if *local {
                    return Err(KitError::InvalidSchema {
                        message: format!("$ref {u:?} points at nothing in the schema"),
                    });
                }
                if !self.notes.unresolved.contains(u) {
                    self.notes.unresolved.push(u.clone());
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_type(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::Type(mask) = kw else { return Ok(true) };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if !has_type(*mask, v) {
                    self.fail_type(*mask);
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_enum(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::Enum(list) = kw else { return Ok(true) };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if !list.iter().any(|x| json_eq(x, v)) {
                    let expected = expected_list(list);
                    self.fail_ctx(
                        "enum",
                        format!("Input should be {expected}"),
                        "expected",
                        Value::String(expected.clone()),
                    );
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_const(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::Const(c) = kw else { return Ok(true) };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if !json_eq(c, v) {
                    let expected = expected_list(std::slice::from_ref(c));
                    self.fail_ctx(
                        "literal_error",
                        format!("Input should be {expected}"),
                        "expected",
                        Value::String(expected.clone()),
                    );
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_multiple_of(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::MultipleOf(m) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Some(f) = number(v) {
                    if !is_multiple(v, f, *m) {
                        self.fail_ctx(
                            "multiple_of",
                            format!("Input should be a multiple of {}", num_text(*m)),
                            "multiple_of",
                            num_value(*m),
                        );
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_minimum(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::Minimum(m) = kw else { return Ok(true) };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            self.bound(
                v,
                *m,
                |f, m| f >= m,
                "greater_than_equal",
                "greater than or equal to",
                "ge",
            )
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_maximum(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::Maximum(m) = kw else { return Ok(true) };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            self.bound(
                v,
                *m,
                |f, m| f <= m,
                "less_than_equal",
                "less than or equal to",
                "le",
            )
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_exclusive_minimum(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::ExclusiveMinimum(m) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                self.bound(v, *m, |f, m| f > m, "greater_than", "greater than", "gt")
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_exclusive_maximum(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::ExclusiveMaximum(m) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                self.bound(v, *m, |f, m| f < m, "less_than", "less than", "lt")
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_min_length(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::MinLength(n) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Value::String(st) = v {
                    if (st.chars().count() as u64) < *n {
                        self.fail_ctx(
                            "string_too_short",
                            format!("String should have at least {n} character{}", plural(*n)),
                            "min_length",
                            Value::from(*n),
                        );
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_max_length(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::MaxLength(n) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Value::String(st) = v {
                    if st.chars().count() as u64 > *n {
                        self.fail_ctx(
                            "string_too_long",
                            format!("String should have at most {n} character{}", plural(*n)),
                            "max_length",
                            Value::from(*n),
                        );
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_pattern(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::Pattern(src, re) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Value::String(st) = v {
                    match re.find(st) {
                        Match::Yes => {}
                        Match::No => self.fail_ctx(
                            "string_pattern_mismatch",
                            format!("String should match pattern '{src}'"),
                            "pattern",
                            Value::String(src.clone()),
                        ),
                        Match::Undecided => {
                            self.notes.undecided.push((self.path.clone(), src.clone()))
                        }
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_format(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::Format(f) = kw else { return Ok(true) };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Value::String(st) = v {
                    if formats::check(f, st) == Some(false) {
                        self.notes.formats.push((self.path.clone(), f.clone()));
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_items(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::Items(prefix, rest) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Some(a) = arr {
                    for (i, item) in a.iter().enumerate() {
                        let sub = match prefix.get(i) {
                            Some(p) => *p,
                            None => match rest {
                                Some(r) => *r,
                                None => break,
                            },
                        };
                        if self.child(LocItem::Index(i), sub, item, false)?.is_none() {
                            ok = false;
                        }
                        if track {
                            seen.items[i] = true;
                        }
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_contains(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::Contains(c, min, max) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Some(a) = arr {
                    let mut matched = 0u64;
                    for (i, item) in a.iter().enumerate() {
                        self.path.push(LocItem::Index(i));
                        let (r, _) = self.probe(*c, item, false)?;
                        self.path.pop();
                        if r.is_some() {
                            matched += 1;
                            if track && draft >= Draft::Draft202012 {
                                seen.items[i] = true;
                            }
                        }
                    }
                    if matched < *min {
                        self.fail_ctx(
                            "contains",
                            format!(
                                "List should contain at least {min} matching item{}",
                                plural(*min)
                            ),
                            "min_contains",
                            Value::from(*min),
                        );
                    }
                    if let Some(max) = max {
                        if matched > *max {
                            self.fail_ctx(
                                "contains",
                                format!(
                                    "List should contain at most {max} matching item{}",
                                    plural(*max)
                                ),
                                "max_contains",
                                Value::from(*max),
                            );
                        }
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_min_items(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::MinItems(n) = kw else { return Ok(true) };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Some(a) = arr {
                    if (a.len() as u64) < *n {
                        self.fail_ctx(
                            "too_short",
                            format!("List should have at least {n} item{}", plural(*n)),
                            "min_length",
                            Value::from(*n),
                        );
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_max_items(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::MaxItems(n) = kw else { return Ok(true) };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Some(a) = arr {
                    if a.len() as u64 > *n {
                        self.fail_ctx(
                            "too_long",
                            format!("List should have at most {n} item{}", plural(*n)),
                            "max_length",
                            Value::from(*n),
                        );
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_unique_items(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Some(a) = arr {
                    if !super::all_unique(a) {
                        self.fail("list_not_unique", "List should have unique items".into());
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_properties(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::Properties(props) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Some(o) = obj {
                    for (i, (k, val)) in o.iter().enumerate() {
                        if let Some((_, sub)) = props.iter().find(|(n, _)| n == k) {
                            if self
                                .child(LocItem::Key(k.clone()), *sub, val, false)?
                                .is_none()
                            {
                                ok = false;
                            }
                            if track {
                                seen.props[i] = true;
                            }
                        }
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_pattern_properties(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::PatternProperties(pats) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Some(o) = obj {
                    for (i, (k, val)) in o.iter().enumerate() {
                        for (src, re, sub) in pats {
                            match re.find(k) {
                                Match::No => continue,
                                Match::Undecided => {
                                    self.notes.undecided.push((self.path.clone(), src.clone()));
                                    continue;
                                }
                                Match::Yes => {}
                            }
                            if self
                                .child(LocItem::Key(k.clone()), *sub, val, false)?
                                .is_none()
                            {
                                ok = false;
                            }
                            if track {
                                seen.props[i] = true;
                            }
                        }
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_additional_properties(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::AdditionalProperties(sub) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Some(o) = obj {
                    let never = matches!(s.nodes[*sub].kws.first(), Some(Kw::False))
                        && s.nodes[*sub].kws.len() == 1;
                    for (i, (k, val)) in o.iter().enumerate() {
                        if self.covered(node_kws, k) {
                            continue;
                        }
                        if never {
                            self.path.push(LocItem::Key(k.clone()));
                            self.fail("extra_forbidden", "Extra inputs are not permitted".into());
                            self.path.pop();
                        } else if self
                            .child(LocItem::Key(k.clone()), *sub, val, false)?
                            .is_none()
                        {
                            ok = false;
                        }
                        if track {
                            seen.props[i] = true;
                        }
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_required(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::Required(names) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Some(o) = obj {
                    for n in names {
                        if !o.contains_key(n) {
                            self.path.push(LocItem::Key(n.clone()));
                            self.fail("missing", "Field required".into());
                            self.path.pop();
                        }
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_dependent_required(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::DependentRequired(deps) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Some(o) = obj {
                    for (trigger, names) in deps {
                        if !o.contains_key(trigger) {
                            continue;
                        }
                        for n in names {
                            if !o.contains_key(n) {
                                self.path.push(LocItem::Key(n.clone()));
                                self.fail_ctx(
                                    "missing",
                                    "Field required".into(),
                                    "required_by",
                                    Value::String(trigger.clone()),
                                );
                                self.path.pop();
                            }
                        }
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_dependent_schemas(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::DependentSchemas(deps) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Some(o) = obj {
                    for (trigger, sub) in deps {
                        if o.contains_key(trigger) {
                            match self.apply(*sub, v, track)? {
                                Some(x) => seen.merge(x),
                                None => ok = false,
                            }
                        }
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_property_names(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::PropertyNames(sub) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Some(o) = obj {
                    for k in o.keys() {
                        let name = Value::String(k.clone());
                        self.path.push(LocItem::Key(k.clone()));
                        let (r, _) = self.probe(*sub, &name, false)?;
                        if r.is_none() {
                            self.fail(
                                "property_name",
                                "Property name does not match the propertyNames schema".into(),
                            );
                        }
                        self.path.pop();
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_min_properties(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::MinProperties(n) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Some(o) = obj {
                    if (o.len() as u64) < *n {
                        self.fail_ctx(
                            "too_short",
                            format!("Dictionary should have at least {n} item{}", plural(*n)),
                            "min_length",
                            Value::from(*n),
                        );
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_max_properties(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::MaxProperties(n) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Some(o) = obj {
                    if o.len() as u64 > *n {
                        self.fail_ctx(
                            "too_long",
                            format!("Dictionary should have at most {n} item{}", plural(*n)),
                            "max_length",
                            Value::from(*n),
                        );
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_all_of(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::AllOf(list) = kw else { return Ok(true) };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                for sub in list {
                    match self.apply(*sub, v, track)? {
                        Some(x) => seen.merge(x),
                        None => ok = false,
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_any_of(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::AnyOf(list) = kw else { return Ok(true) };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                let mut any = false;
                let mut failures = Vec::new();
                for sub in list {
                    let (r, errs) = self.probe(*sub, v, track)?;
                    match r {
                        Some(x) => {
                            any = true;
                            seen.merge(x);
                            if !track {
                                break;
                            }
                        }
                        None => failures.push(errs),
                    }
                }
                if !any {
                    self.union_failure(
                        failures,
                        "any_of",
                        "Input should match at least one of the anyOf schemas",
                    );
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_one_of(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::OneOf(list) = kw else { return Ok(true) };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                let mut matching = 0usize;
                let mut failures = Vec::new();
                let mut first = None;
                for sub in list {
                    let (r, errs) = self.probe(*sub, v, track)?;
                    match r {
                        Some(x) => {
                            matching += 1;
                            if first.is_none() {
                                first = Some(x);
                            }
                        }
                        None => failures.push(errs),
                    }
                }
                match matching {
                        1 => {
                            if let Some(x) = first {
                                seen.merge(x);
                            }
                        }
                        0 => self.union_failure(failures, "one_of", "Input should match exactly one of the oneOf schemas, but it matches none"),
                        n => self.fail_ctx(
                            "one_of_multiple",
                            format!("Input should match exactly one of the oneOf schemas, but it matches {n}"),
                            "matching",
                            Value::from(n),
                        ),
                    }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_not(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::Not(sub) = kw else { return Ok(true) };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                let (r, _) = self.probe(*sub, v, false)?;
                if r.is_some() {
                    self.fail(
                        "not_allowed",
                        "Input should not match the excluded schema".into(),
                    );
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_if(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::If(cond, then, otherwise) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                let (r, _) = self.probe(*cond, v, track)?;
                let branch = match r {
                    Some(x) => {
                        seen.merge(x);
                        then
                    }
                    None => otherwise,
                };
                if let Some(b) = branch {
                    match self.apply(*b, v, track)? {
                        Some(x) => seen.merge(x),
                        None => ok = false,
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_unevaluated_items(&mut self, kw: &'c Kw, h: &Here<'_>, seen: &mut Seen) -> Res<bool> {
        let Kw::UnevaluatedItems(sub) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Some(a) = arr {
                    let never = self.is_never(*sub);
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
                        } else if self.child(LocItem::Index(i), *sub, item, false)?.is_none() {
                            ok = false;
                        }
                    }
                    if track {
                        seen.items.iter_mut().for_each(|f| *f = true);
                    }
                }
            }
        }
        Ok(ok)
    }
    #[allow(unused_variables, unused_mut, clippy::too_many_lines)]
    #[inline(never)]
    fn kw_unevaluated_properties(
        &mut self,
        kw: &'c Kw,
        h: &Here<'_>,
        seen: &mut Seen,
    ) -> Res<bool> {
        let Kw::UnevaluatedProperties(sub) = kw else {
            return Ok(true);
        };
        let (v, obj, arr, track, draft, node_kws, s) =
            (h.v, h.obj, h.arr, h.track, h.draft, h.kws, self.s);
        let mut ok = true;
        {
            {
                if let Some(o) = obj {
                    let never = self.is_never(*sub);
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
                        } else if self
                            .child(LocItem::Key(k.clone()), *sub, val, false)?
                            .is_none()
                        {
                            ok = false;
                        }
                    }
                    if track {
                        seen.props.iter_mut().for_each(|f| *f = true);
                    }
                }
            }
        }
        Ok(ok)
    }

    fn is_never(&self, id: NodeId) -> bool {
        let kws = &self.s.nodes[id].kws;
        kws.len() == 1 && matches!(kws[0], Kw::False)
    }

    /// Whether `properties` or `patternProperties` beside an
    /// `additionalProperties` cover the name `k`.
    fn covered(&mut self, kws: &[Kw], k: &str) -> bool {
        for kw in kws {
            match kw {
                Kw::Properties(props) if props.iter().any(|(n, _)| n == k) => return true,
                Kw::PatternProperties(pats) => {
                    for (_, re, _) in pats {
                        // An undecided match counts as a match: never a false error.
                        if re.find(k) != Match::No {
                            return true;
                        }
                    }
                }
                _ => {}
            }
        }
        false
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

    #[allow(clippy::too_many_arguments)]
    fn bound(
        &mut self,
        v: &Value,
        limit: Limit,
        holds: fn(f64, f64) -> bool,
        kind: &str,
        words: &str,
        ctx: &str,
    ) {
        let Some(f) = number(v) else { return };
        let ok = match compare_exact(v, limit.exact) {
            Some(ord) => holds_ord(ord, kind),
            None => holds(f, limit.f),
        };
        if !ok {
            self.fail_ctx(
                kind,
                format!("Input should be {words} {}", num_text(limit.f)),
                ctx,
                num_value(limit.f),
            );
        }
    }
}

fn holds_ord(ord: std::cmp::Ordering, kind: &str) -> bool {
    use std::cmp::Ordering::*;
    match kind {
        "greater_than_equal" => ord != Less,
        "less_than_equal" => ord != Greater,
        "greater_than" => ord == Greater,
        _ => ord == Less,
    }
}

/// An integer instance against an integral limit, compared exactly (no
/// rounding through f64 for large integers).
fn compare_exact(v: &Value, limit: Option<i128>) -> Option<std::cmp::Ordering> {
    let Value::Number(n) = v else { return None };
    let l = limit?;
    if let Some(i) = n.as_i64() {
        return Some((i as i128).cmp(&l));
    }
    n.as_u64().map(|u| (u as i128).cmp(&l))
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

fn num_value(f: f64) -> Value {
    if is_integer(f) && f.abs() < 9.0e15 {
        Value::from(f as i64)
    } else {
        serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
    }
}

fn is_multiple(v: &Value, f: f64, m: f64) -> bool {
    if let (Value::Number(n), true) = (v, is_integer(m)) {
        if let (Some(i), true) = (n.as_i64(), m.abs() < 9.0e18) {
            return i % (m as i64) == 0;
        }
        if let (Some(u), true) = (n.as_u64(), m.abs() < 9.0e18) {
            return u % (m as u64) == 0;
        }
    }
    let q = f / m;
    if !q.is_finite() {
        // The quotient overflows f64: the suite's required tests call this
        // invalid (1e308 is not a multiple of 0.123456789).
        return false;
    }
    if q.fract() == 0.0 {
        return true;
    }
    // Decimal multiples such as 0.0075 of 0.0001 land a rounding step
    // away from an integer in binary floating point.
    (q - q.round()).abs() <= q.abs() * f64::EPSILON * 4.0
}

pub(crate) fn has_type(mask: u8, v: &Value) -> bool {
    let t = match v {
        Value::Null => ty::NULL,
        Value::Bool(_) => ty::BOOL,
        Value::String(_) => ty::STR,
        Value::Array(_) => ty::ARR,
        Value::Object(_) => ty::OBJ,
        Value::Number(n) => {
            if n.is_i64() || n.is_u64() {
                ty::INT
            } else if n.as_f64().is_some_and(is_integer) {
                // 1.0 is an integer (every draft's test suite says so,
                // draft 4's included).
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
