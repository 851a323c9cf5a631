//! Validation of payloads against the compiled OpenAPI schemas, reporting
//! what FastAPI/pydantic would report: the same `loc`, `type` and wording.
//!
//! The walk is strict JSON Schema (a string `"true"` is not a boolean),
//! reports every problem in field order, asserts the `uuid` and `date-time`
//! formats, counts string lengths in characters and stops counting as soon
//! as the answer is known. Unions are reported the way pydantic reports an
//! `Optional[X]`: the errors of `X`, not one error per branch.

use crate::error::{KitError, LocItem, Result, ValidationError};
use crate::formats;
use crate::json::{parse_json, MAX_DEPTH};
use crate::schema::{ty, Additional, Format, Node, NodeId, Spec};
use crate::suggest::closest;
use crate::view::{JsonView, ViewKind};
use serde_json::Value;

/// A field the schema does not declare (the server drops it silently).
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownField {
    /// Where, from `"body"`.
    pub loc: Vec<LocItem>,
    /// The closest declared field, when one is close.
    pub suggestion: Option<String>,
}

/// Everything one validation found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Schema violations, in the server's 422 shape.
    pub errors: Vec<ValidationError>,
    /// Undeclared fields (not errors).
    pub unknown_fields: Vec<UnknownField>,
}

/// Validates `payload` against the component `schema_name` of the embedded
/// OpenAPI document. `Ok(vec![])` when valid.
pub fn validate(schema_name: &str, payload: &Value) -> Result<Vec<ValidationError>> {
    validate_with(Spec::embedded()?, schema_name, payload)
}

/// [`validate`] against a document loaded at run time.
pub fn validate_with(
    spec: &Spec,
    schema_name: &str,
    payload: &Value,
) -> Result<Vec<ValidationError>> {
    Ok(walk_component(spec, schema_name, payload, "body", false)?.errors)
}

/// [`validate`] for a payload given as JSON text (what the bindings cross
/// the boundary with when that is cheaper than converting objects).
pub fn validate_json(
    spec: Option<&Spec>,
    schema_name: &str,
    payload: &str,
) -> Result<Vec<ValidationError>> {
    let spec = match spec {
        Some(s) => s,
        None => Spec::embedded()?,
    };
    // Fail on an unknown schema before the payload is parsed.
    spec.component(schema_name)?;
    validate_with(spec, schema_name, &parse_json(payload)?)
}

/// Validation with the unknown fields too, with `loc` starting at `root`.
pub fn report(spec: &Spec, schema_name: &str, payload: &Value, root: &str) -> Result<Report> {
    walk_component(spec, schema_name, payload, root, true)
}

/// Errors only (and unknown fields when `collect_unknown`).
pub(crate) fn walk_component(
    spec: &Spec,
    schema_name: &str,
    payload: &Value,
    root: &str,
    collect_unknown: bool,
) -> Result<Report> {
    spec.component(schema_name)?;
    crate::json::check_depth(payload)?;
    walk_view(spec, schema_name, &payload, root, collect_unknown)
}

/// [`validate_with`] over a [`JsonView`]: the host's own objects, walked
/// where the schema looks and nowhere else (no copy). `spec` `None` is the
/// embedded document.
///
/// The caller vouches that the whole value has a JSON form within
/// [`crate::MAX_DEPTH`] levels (see [`JsonView`]): the walk checks depth
/// only along the paths it takes. Errors: `unknown_schema`, `too_deep`.
pub fn validate_view<V: JsonView>(
    spec: Option<&Spec>,
    schema_name: &str,
    payload: &V,
) -> Result<Vec<ValidationError>> {
    let spec = match spec {
        Some(s) => s,
        None => Spec::embedded()?,
    };
    Ok(walk_view(spec, schema_name, payload, "body", false)?.errors)
}

fn walk_view<V: JsonView>(
    spec: &Spec,
    schema_name: &str,
    payload: &V,
    root: &str,
    collect_unknown: bool,
) -> Result<Report> {
    let id = spec.component(schema_name)?;
    if payload.is_null() && root == "body" {
        // FastAPI answers a required body sent as `null` with `missing`.
        return Ok(Report {
            errors: vec![ValidationError::new(
                vec![LocItem::Key(root.to_owned())],
                "missing",
                "Field required",
            )],
            unknown_fields: Vec::new(),
        });
    }
    report_node_in(
        spec,
        id,
        payload,
        vec![LocItem::Key(root.to_owned())],
        collect_unknown,
        true,
    )
}

/// The walk of one node, as pydantic would (`pydantic`: the OpenAPI payloads and
/// responses) or as JSON Schema says (a user's schema).
fn report_node_in<V: JsonView>(
    spec: &Spec,
    id: NodeId,
    value: &V,
    loc: Vec<LocItem>,
    collect_unknown: bool,
    pydantic: bool,
) -> Result<Report> {
    let mut w = Walker {
        pydantic,
        spec,
        prefix: loc,
        path: Vec::new(),
        out: Report::default(),
        probe: false,
        unknown: collect_unknown,
        slots: Vec::new(),
    };
    w.check(id, value, 0)?;
    Ok(w.out)
}

/// A location segment borrowed from the schema or the payload: the walk
/// allocates nothing for locations until it reports a problem.
#[derive(Clone)]
enum Seg<'a, K> {
    /// A property name of the schema's.
    Key(&'a str),
    /// A key of the payload's (patternProperties, additionalProperties).
    Payload(K),
    Index(usize),
}

struct Walker<'a, V: JsonView> {
    spec: &'a Spec,
    /// Where the walk starts (`["body"]`).
    prefix: Vec<LocItem>,
    /// Where it is now, below the prefix.
    path: Vec<Seg<'a, V::Key>>,
    out: Report,
    /// Probing a union branch: stop at the first error, record nothing else.
    probe: bool,
    /// Whether undeclared fields are collected (builders warn about them;
    /// responses and user schemas don't need them).
    unknown: bool,
    /// Per object being walked, its values in schema-property order (a
    /// stack shared by the nested objects, so one allocation serves all).
    slots: Vec<Option<V>>,
    /// Verdicts as pydantic v2 gives them (the OpenAPI document's payloads
    /// and responses): an enum is checked before the type, and `uuid` /
    /// `date-time` follow pydantic's lax grammar. Otherwise JSON Schema's.
    pydantic: bool,
}

/// Returned by a probing walk as soon as one error is found.
enum Stop {
    Failed,
    Fatal(KitError),
}

impl From<KitError> for Stop {
    fn from(e: KitError) -> Self {
        Stop::Fatal(e)
    }
}

type Flow = std::result::Result<(), Stop>;

fn value_types<V: JsonView>(v: &V) -> u8 {
    match v.kind() {
        ViewKind::Null => ty::NULL,
        ViewKind::Bool(_) => ty::BOOL,
        ViewKind::Int(_) | ViewKind::UInt(_) => ty::INT | ty::NUM,
        ViewKind::Float(f) if f.is_finite() && f.fract() == 0.0 => ty::INT | ty::NUM,
        ViewKind::Float(_) => ty::NUM,
        ViewKind::Str(_) => ty::STR,
        ViewKind::Array => ty::ARR,
        ViewKind::Object => ty::OBJ,
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A number as pydantic prints a limit: `1`, not `1.0`.
fn num_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

fn num_value(f: f64) -> Value {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        Value::from(f as i64)
    } else {
        Value::from(f)
    }
}

/// `'a', 'b' or 'c'`, as pydantic lists expected values.
fn expected_list(values: &[Value]) -> String {
    let items: Vec<String> = values
        .iter()
        .map(|v| match v {
            Value::String(s) => format!("'{s}'"),
            other => crate::json::to_compact(other),
        })
        .collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// Whether `s` has at least `n` characters, reading at most `n` of them.
fn chars_at_least(s: &str, n: usize) -> bool {
    s.len() >= n && (s.len() / 4 >= n || s.chars().take(n).count() == n)
}

/// Whether `s` has at most `n` characters, reading at most `n + 1` of them.
fn chars_at_most(s: &str, n: usize) -> bool {
    s.len() <= n || s.chars().nth(n).is_none()
}

impl<'a, V: JsonView> Walker<'a, V> {
    fn fail(&mut self, err: ValidationError) -> Flow {
        if self.probe {
            return Err(Stop::Failed);
        }
        self.out.errors.push(err);
        Ok(())
    }

    /// The current location, materialized.
    fn loc(&self) -> Vec<LocItem> {
        let mut loc = Vec::with_capacity(self.prefix.len() + self.path.len() + 1);
        loc.extend(self.prefix.iter().cloned());
        loc.extend(self.path.iter().map(|s| match s {
            Seg::Key(k) => LocItem::Key((*k).to_owned()),
            Seg::Payload(k) => LocItem::Key(V::key_str(k).to_owned()),
            Seg::Index(i) => LocItem::Index(*i),
        }));
        loc
    }

    /// The current location plus one key.
    fn loc_with(&self, key: &str) -> Vec<LocItem> {
        let mut loc = self.loc();
        loc.push(LocItem::Key(key.to_owned()));
        loc
    }

    fn err(&self, kind: &str, msg: impl Into<String>) -> ValidationError {
        ValidationError::new(self.loc(), kind, msg)
    }

    fn check(&mut self, id: NodeId, v: &V, depth: usize) -> Result<()> {
        match self.walk(id, v, depth) {
            Ok(()) | Err(Stop::Failed) => Ok(()),
            Err(Stop::Fatal(e)) => Err(e),
        }
    }

    fn walk(&mut self, id: NodeId, v: &V, depth: usize) -> Flow {
        if depth > MAX_DEPTH {
            return Err(Stop::Fatal(KitError::TooDeep { limit: MAX_DEPTH }));
        }
        let spec = self.spec;
        let node = &spec.nodes[id];
        if node.never {
            return self.fail(self.err("never_valid", "No value is allowed here"));
        }
        if let Some(r) = node.reference {
            self.walk(r, v, depth + 1)?;
        }
        for &sub in &node.all_of {
            self.walk(sub, v, depth + 1)?;
        }
        if !node.any_of.is_empty() {
            self.union(&node.any_of, v, depth)?;
        }
        if !node.one_of.is_empty() {
            self.union(&node.one_of, v, depth)?;
            // oneOf: exactly one branch. The union above reported the case
            // of none; more than one is an error of its own.
            let mut matching = 0;
            for &b in &node.one_of {
                if self.probe(b, v, depth)? {
                    matching += 1;
                }
            }
            if matching > 1 {
                let e = self
                    .err("one_of_multiple", format!("Input should match exactly one of the oneOf schemas, but it matches {matching}"))
                    .with_ctx("matching", matching);
                self.fail(e)?;
            }
        }
        if let Some(not) = node.not {
            if self.probe(not, v, depth)? {
                self.fail(self.err("not_allowed", "Input should not match the excluded schema"))?;
            }
        }
        if let Some((cond, then, otherwise)) = node.if_then_else {
            let branch = if self.probe(cond, v, depth)? {
                then
            } else {
                otherwise
            };
            if let Some(b) = branch {
                self.walk(b, v, depth + 1)?;
            }
        }
        self.keywords(node, v, depth)
    }

    /// Whether `v` is valid against `id`, stopping at the first problem.
    fn probe(&mut self, id: NodeId, v: &V, depth: usize) -> std::result::Result<bool, KitError> {
        let saved = std::mem::replace(&mut self.probe, true);
        let r = self.walk(id, v, depth + 1);
        self.probe = saved;
        match r {
            Ok(()) => Ok(true),
            Err(Stop::Failed) => Ok(false),
            Err(Stop::Fatal(e)) => Err(e),
        }
    }

    fn union(&mut self, branches: &[NodeId], v: &V, depth: usize) -> Flow {
        let spec = self.spec;
        let is_null_branch = |id: NodeId| spec.deref(id).types == ty::NULL;
        if v.is_null() && branches.iter().any(|&b| is_null_branch(b)) {
            return Ok(());
        }
        let mut rest = branches.iter().copied().filter(|&b| !is_null_branch(b));
        // Optional[X]: report X's errors directly (the common case, one walk).
        if let (Some(only), None) = (rest.next(), rest.next()) {
            return self.walk(only, v, depth + 1);
        }
        let rest = || branches.iter().copied().filter(|&b| !is_null_branch(b));
        for b in rest() {
            if self.probe(b, v, depth)? {
                // Walk it for real to collect its unknown fields.
                return self.walk(b, v, depth + 1);
            }
        }
        // No branch fits: report the branch whose type fits the value best.
        let vt = value_types(v);
        let best = rest()
            .find(|&b| {
                let t = spec.deref(b).types;
                t != 0 && t & vt != 0
            })
            .or_else(|| rest().next())
            .or_else(|| branches.first().copied());
        match best {
            Some(b) => {
                let before = self.out.errors.len();
                self.walk(b, v, depth + 1)?;
                if self.out.errors.len() == before && !self.probe {
                    // Only a null branch, and the value is not null.
                    self.fail(self.err("none_required", "Input should be None"))?;
                }
                Ok(())
            }
            None => Ok(()),
        }
    }

    fn type_error(&mut self, node: &Node, v: &V) -> Flow {
        let t = node.types;
        let (kind, msg): (&str, String) = if t & ty::STR != 0 {
            match node.format {
                Format::Uuid => (
                    "uuid_type",
                    "UUID input should be a string, bytes or UUID object".into(),
                ),
                Format::DateTime => ("datetime_type", "Input should be a valid datetime".into()),
                Format::Date => ("date_type", "Input should be a valid date".into()),
                Format::None => ("string_type", "Input should be a valid string".into()),
            }
        } else if t & ty::OBJ != 0 {
            if node.properties.is_empty() {
                ("dict_type", "Input should be a valid dictionary".into())
            } else {
                (
                    "model_attributes_type",
                    "Input should be a valid dictionary or object to extract fields from".into(),
                )
            }
        } else if t & ty::ARR != 0 {
            ("list_type", "Input should be a valid list".into())
        } else if t & ty::BOOL != 0 {
            ("bool_type", "Input should be a valid boolean".into())
        } else if t & ty::NUM != 0 {
            ("float_type", "Input should be a valid number".into())
        } else if t & ty::INT != 0 {
            if value_types(v) == ty::NUM {
                (
                    "int_from_float",
                    "Input should be a valid integer, got a number with a fractional part".into(),
                )
            } else {
                ("int_type", "Input should be a valid integer".into())
            }
        } else {
            ("none_required", "Input should be None".into())
        };
        self.fail(self.err(kind, msg))
    }

    fn keywords(&mut self, node: &'a Node, v: &V, depth: usize) -> Flow {
        let type_ok = node.types == 0 || node.types & value_types(v) != 0;
        // pydantic checks an enum's members whatever the input's type.
        if !(type_ok || self.pydantic && node.enum_values.is_some()) {
            return self.type_error(node, v);
        }
        if let Some(values) = &node.enum_values {
            if !type_ok || !values.iter().any(|e| v.eq_value(e)) {
                let expected = expected_list(values);
                let e = self
                    .err("enum", format!("Input should be {expected}"))
                    .with_ctx("expected", expected);
                return self.fail(e);
            }
        }
        if let Some(c) = &node.const_value {
            if !v.eq_value(c) {
                let expected = expected_list(std::slice::from_ref(c));
                let e = self
                    .err("literal_error", format!("Input should be {expected}"))
                    .with_ctx("expected", expected);
                return self.fail(e);
            }
        }
        match v.kind() {
            ViewKind::Str(s) => self.string(node, s),
            ViewKind::Int(i) => self.number(node, i as f64),
            ViewKind::UInt(u) => self.number(node, u as f64),
            ViewKind::Float(f) => self.number(node, f),
            ViewKind::Array => self.array(node, v, depth),
            ViewKind::Object => self.object(node, v, depth),
            ViewKind::Null | ViewKind::Bool(_) => Ok(()),
        }
    }

    fn string(&mut self, node: &Node, s: &str) -> Flow {
        if let Some(min) = node.min_length {
            if !chars_at_least(s, min) {
                let e = self
                    .err(
                        "string_too_short",
                        format!("String should have at least {min} character{}", plural(min)),
                    )
                    .with_ctx("min_length", min);
                self.fail(e)?;
            }
        }
        if let Some(max) = node.max_length {
            if !chars_at_most(s, max) {
                let e = self
                    .err(
                        "string_too_long",
                        format!("String should have at most {max} character{}", plural(max)),
                    )
                    .with_ctx("max_length", max);
                self.fail(e)?;
            }
        }
        if let Some((pattern, re)) = &node.pattern {
            if !re.is_match(s) {
                let e = self
                    .err(
                        "string_pattern_mismatch",
                        format!("String should match pattern '{pattern}'"),
                    )
                    .with_ctx("pattern", pattern.clone());
                self.fail(e)?;
            }
        }
        match node.format {
            Format::Uuid => {
                let why = if self.pydantic {
                    formats::pydantic_uuid_problem(s)
                } else {
                    formats::uuid_problem(s)
                };
                if let Some(why) = why {
                    let e = self
                        .err(
                            "uuid_parsing",
                            format!("Input should be a valid UUID, {why}"),
                        )
                        .with_ctx("error", why);
                    self.fail(e)?;
                }
            }
            Format::DateTime if self.pydantic => {
                if let Some(p) = formats::pydantic_datetime_problem(s) {
                    let what = if p.kind == "datetime_parsing" {
                        "datetime"
                    } else {
                        "datetime or date"
                    };
                    let e = self
                        .err(p.kind, format!("Input should be a valid {what}, {}", p.why))
                        .with_ctx("error", p.why);
                    self.fail(e)?;
                }
            }
            Format::DateTime => {
                if let Some(why) = formats::datetime_problem(s) {
                    let e = self
                        .err(
                            "datetime_parsing",
                            format!("Input should be a valid datetime, {why}"),
                        )
                        .with_ctx("error", why);
                    self.fail(e)?;
                }
            }
            Format::Date => {
                if let Some(why) = formats::date_problem(s) {
                    let e = self
                        .err(
                            "date_parsing",
                            format!("Input should be a valid date in the format YYYY-MM-DD, {why}"),
                        )
                        .with_ctx("error", why);
                    self.fail(e)?;
                }
            }
            Format::None => {}
        }
        Ok(())
    }

    fn number(&mut self, node: &Node, f: f64) -> Flow {
        type Check<'a> = (Option<f64>, fn(f64, f64) -> bool, &'a str, &'a str, &'a str);
        let checks: [Check<'_>; 4] = [
            (
                node.minimum,
                |f, l| f >= l,
                "greater_than_equal",
                "greater than or equal to",
                "ge",
            ),
            (
                node.exclusive_minimum,
                |f, l| f > l,
                "greater_than",
                "greater than",
                "gt",
            ),
            (
                node.maximum,
                |f, l| f <= l,
                "less_than_equal",
                "less than or equal to",
                "le",
            ),
            (
                node.exclusive_maximum,
                |f, l| f < l,
                "less_than",
                "less than",
                "lt",
            ),
        ];
        for (limit, ok, kind, words, ctx) in checks {
            if let Some(l) = limit {
                if !ok(f, l) {
                    let e = self
                        .err(kind, format!("Input should be {words} {}", num_text(l)))
                        .with_ctx(ctx, num_value(l));
                    self.fail(e)?;
                }
            }
        }
        if let Some(m) = node.multiple_of {
            if m > 0.0 && ((f / m).round() * m - f).abs() > f64::EPSILON * f.abs().max(1.0) {
                let e = self
                    .err(
                        "multiple_of",
                        format!("Input should be a multiple of {}", num_text(m)),
                    )
                    .with_ctx("multiple_of", num_value(m));
                self.fail(e)?;
            }
        }
        Ok(())
    }

    fn array(&mut self, node: &'a Node, v: &V, depth: usize) -> Flow {
        let n = v.len();
        if let Some(min) = node.min_items {
            if n < min {
                let e = self
                    .err(
                        "too_short",
                        format!(
                            "List should have at least {min} item{} after validation, not {n}",
                            plural(min)
                        ),
                    )
                    .with_ctx("min_length", min)
                    .with_ctx("actual_length", n);
                self.fail(e)?;
            }
        }
        if let Some(max) = node.max_items {
            if n > max {
                let e = self
                    .err(
                        "too_long",
                        format!(
                            "List should have at most {max} item{} after validation, not {n}",
                            plural(max)
                        ),
                    )
                    .with_ctx("max_length", max)
                    .with_ctx("actual_length", n);
                self.fail(e)?;
            }
        }
        if node.unique_items {
            let items: Vec<Value> = (0..n)
                .filter_map(|i| v.item(i))
                .map(|x| x.to_value())
                .collect();
            let dup = items
                .iter()
                .enumerate()
                .any(|(i, a)| items[..i].contains(a));
            if dup {
                let e = self.err("list_not_unique", "List should have unique items");
                self.fail(e)?;
            }
        }
        for i in 0..n {
            let sub = match node.prefix_items.get(i) {
                Some(&p) => p,
                None => match node.items {
                    Some(it) => it,
                    None => break,
                },
            };
            let Some(x) = v.item(i) else { break };
            self.path.push(Seg::Index(i));
            let r = self.walk(sub, &x, depth + 1);
            self.path.pop();
            r?;
        }
        if let Some(c) = node.contains {
            let mut found = 0;
            for x in (0..n).filter_map(|i| v.item(i)) {
                if self.probe(c, &x, depth)? {
                    found += 1;
                }
            }
            let min = node.min_contains.unwrap_or(1);
            if found < min {
                let e = self
                    .err(
                        "contains",
                        format!(
                            "List should contain at least {min} matching item{}",
                            plural(min)
                        ),
                    )
                    .with_ctx("min_contains", min);
                self.fail(e)?;
            }
            if let Some(max) = node.max_contains {
                if found > max {
                    let e = self
                        .err(
                            "contains",
                            format!(
                                "List should contain at most {max} matching item{}",
                                plural(max)
                            ),
                        )
                        .with_ctx("max_contains", max);
                    self.fail(e)?;
                }
            }
        }
        Ok(())
    }

    fn object(&mut self, node: &'a Node, v: &V, depth: usize) -> Flow {
        let n = v.len();
        if let Some(min) = node.min_properties {
            if n < min {
                let e = self.err(
                    "too_short",
                    format!(
                        "Dictionary should have at least {min} item{} after validation, not {n}",
                        plural(min)
                    ),
                );
                self.fail(e)?;
            }
        }
        if let Some(max) = node.max_properties {
            if n > max {
                let e = self.err(
                    "too_long",
                    format!(
                        "Dictionary should have at most {max} item{} after validation, not {n}",
                        plural(max)
                    ),
                );
                self.fail(e)?;
            }
        }
        // Match the payload's keys to the declared properties once, by
        // comparing names (no hashing), then walk in the schema's order:
        // that is the order pydantic reports problems in.
        let base = self.slots.len();
        self.slots.resize(base + node.properties.len(), None);
        let mut extras = 0;
        if node.properties.is_empty() {
            extras = n;
        } else {
            for (key, x) in v.entries() {
                match node.property_slot(V::key_str(&key)) {
                    Some(i) => self.slots[base + i] = Some(x),
                    None => extras += 1,
                }
            }
        }
        let r = self.object_fields(node, v, base, extras, depth);
        self.slots.truncate(base);
        r
    }

    fn object_fields(
        &mut self,
        node: &'a Node,
        v: &V,
        base: usize,
        extras: usize,
        depth: usize,
    ) -> Flow {
        for (i, (name, sub)) in node.properties.iter().enumerate() {
            match self.slots[base + i].take() {
                Some(x) => {
                    self.path.push(Seg::Key(name));
                    let r = self.walk(*sub, &x, depth + 1);
                    self.path.pop();
                    r?;
                }
                None if node.property_required[i] => {
                    let loc = self.loc_with(name);
                    self.fail(ValidationError::new(loc, "missing", "Field required"))?;
                }
                None => {}
            }
        }
        for name in &node.required_undeclared {
            if !v.contains_key(name) {
                let loc = self.loc_with(name);
                self.fail(ValidationError::new(loc, "missing", "Field required"))?;
            }
        }
        for (trigger, needed) in &node.dependent_required {
            if v.contains_key(trigger) {
                for name in needed.iter().filter(|n| !v.contains_key(n)) {
                    let loc = self.loc_with(name);
                    self.fail(
                        ValidationError::new(loc, "missing", "Field required")
                            .with_ctx("required_by", trigger.clone()),
                    )?;
                }
            }
        }
        if let Some(names) = node.property_names {
            for (key, _) in v.entries() {
                // The key is not part of the payload's values: walk it in a
                // walker of its own and take over what it reports.
                let key = V::key_str(&key);
                let name = Value::String(key.to_owned());
                let sub = report_node_in(
                    self.spec,
                    names,
                    &&name,
                    self.loc_with(key),
                    false,
                    self.pydantic,
                )
                .map_err(Stop::Fatal)?;
                for e in sub.errors {
                    self.fail(e)?;
                }
            }
        }
        for (_, re, sub) in &node.pattern_properties {
            for (key, x) in v.entries() {
                if re.is_match(V::key_str(&key)) {
                    self.path.push(Seg::Payload(key));
                    let r = self.walk(*sub, &x, depth + 1);
                    self.path.pop();
                    r?;
                }
            }
        }
        let extras_matter = match node.additional {
            Additional::Allow => false,
            Additional::Forbid | Additional::Schema(_) => true,
            Additional::Unspecified => self.unknown && !self.probe && !node.properties.is_empty(),
        };
        if extras == 0 || !extras_matter {
            return Ok(());
        }
        for (key_view, x) in v.entries() {
            let key = V::key_str(&key_view);
            if node.property_slot(key).is_some()
                || node
                    .pattern_properties
                    .iter()
                    .any(|(_, re, _)| re.is_match(key))
            {
                continue;
            }
            match node.additional {
                Additional::Allow => {}
                Additional::Forbid => {
                    let loc = self.loc_with(key);
                    self.fail(ValidationError::new(
                        loc,
                        "extra_forbidden",
                        "Extra inputs are not permitted",
                    ))?;
                }
                Additional::Schema(sub) => {
                    self.path.push(Seg::Payload(key_view.clone()));
                    let r = self.walk(sub, &x, depth + 1);
                    self.path.pop();
                    r?;
                }
                Additional::Unspecified => {
                    if self.unknown && !self.probe && !node.properties.is_empty() {
                        let loc = self.loc_with(key);
                        let suggestion =
                            closest(key, node.properties.iter().map(|(k, _)| k.as_str()))
                                .map(str::to_owned);
                        self.out
                            .unknown_fields
                            .push(UnknownField { loc, suggestion });
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn types_of(schema: &str, v: Value) -> Vec<(String, String)> {
        validate(schema, &v)
            .unwrap()
            .into_iter()
            .map(|e| {
                let loc: Vec<String> = e
                    .loc
                    .iter()
                    .map(|l| match l {
                        LocItem::Key(k) => k.clone(),
                        LocItem::Index(i) => i.to_string(),
                    })
                    .collect();
                (loc.join("."), e.kind)
            })
            .collect()
    }

    #[test]
    fn optional_string_given_a_number_is_one_string_type_error() {
        assert_eq!(
            types_of("WorkflowUpdate", json!({"name": 5})),
            [("body.name".to_owned(), "string_type".to_owned())]
        );
    }

    #[test]
    fn lengths_count_characters() {
        let name: String = "é".repeat(255);
        assert!(types_of("WorkflowUpdate", json!({"name": name})).is_empty());
        let name: String = "é".repeat(256);
        assert_eq!(
            types_of("WorkflowUpdate", json!({"name": name}))[0].1,
            "string_too_long"
        );
        assert!(chars_at_least("😀", 1));
        assert!(!chars_at_least("", 1));
        assert!(chars_at_most("😀😀", 2));
        assert!(!chars_at_most("😀😀😀", 2));
    }

    #[test]
    fn not_an_object_is_one_error_at_body() {
        let errs = validate("WorkflowUpdate", &json!([1])).unwrap();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].loc, vec![LocItem::Key("body".into())]);
    }

    #[test]
    fn unknown_fields_are_reported_with_suggestions() {
        let spec = Spec::embedded().unwrap();
        let r = report(spec, "WorkflowUpdate", &json!({"main_promt": "x"}), "body").unwrap();
        assert!(r.errors.is_empty());
        assert_eq!(
            r.unknown_fields[0].suggestion.as_deref(),
            Some("main_prompt")
        );
    }

    #[test]
    fn recursion_in_values_is_bounded() {
        let spec = Spec::from_json(
            r##"{"components":{"schemas":{"T":{"type":"array","items":{"$ref":"#/components/schemas/T"}}}}}"##,
        )
        .unwrap();
        let mut v = json!([]);
        for _ in 0..(MAX_DEPTH + 10) {
            v = Value::Array(vec![v]);
        }
        assert_eq!(
            validate_with(&spec, "T", &v).unwrap_err().code(),
            crate::ErrorCode::TooDeep
        );
        // Drop iteratively-built deep values without recursion trouble:
        // this depth is small enough for serde_json's recursive drop.
    }
}
