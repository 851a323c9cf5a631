//! From a JSON Schema document to a table of nodes: the draft of each
//! schema, its base URI and schema resource, and its keywords with every
//! reference resolved to a node index.
//!
//! Reference resolution follows the drafts (JSON Schema 2020-12 Core §8.2
//! and §9, 2019-09 Core §8.2, draft-07 Core §8, draft-04 §7): `$id` (`id`
//! in draft 4) starts a schema resource with a new base URI; before
//! 2019-09 a fragment-only `$id` is a plain-name anchor and a `$ref`
//! makes its siblings (that `$id` included) ignored; `$anchor` and
//! `$dynamicAnchor` name locations; a fragment that starts with `/` is a
//! JSON Pointer (percent-decoded). The draft metaschemas ship with the
//! crate and are found by their URIs; nothing is fetched. A reference that
//! can't be resolved is kept as such: applying it is reported as not
//! checked, never as a failure.

use super::ecma::Pattern;
use super::uri;
use super::Draft;
use serde_json::Value;
use std::collections::HashMap;

pub(crate) type NodeId = usize;
pub(crate) type ResourceId = usize;

/// JSON types, as a bit set: the OpenAPI validator's.
pub(crate) use crate::schema::ty;

/// A numeric limit as written (compared exactly), and as a double (for
/// messages).
#[derive(Clone, Debug)]
pub(crate) struct Limit {
    pub f: f64,
    pub n: serde_json::Number,
}

#[derive(Debug)]
pub(crate) enum Kw {
    /// The `false` schema.
    False,
    Ref(NodeId),
    /// `$dynamicRef`: the static target, and the anchor name to look for
    /// in the dynamic scope when the static target is a `$dynamicAnchor`.
    DynamicRef(NodeId, Option<String>),
    /// `$recursiveRef` (2019-09): the static target (`#` of the base).
    RecursiveRef(NodeId),
    /// A reference to nothing this crate holds: a remote document
    /// (`false`), or a location missing from a document it holds (`true`).
    Unresolved(String, bool),
    Type(u8),
    Enum(Vec<Value>),
    Const(Value),
    MultipleOf(serde_json::Number),
    Minimum(Limit),
    Maximum(Limit),
    ExclusiveMinimum(Limit),
    ExclusiveMaximum(Limit),
    MinLength(u64),
    MaxLength(u64),
    Pattern(String, Box<Pattern>),
    Format(String),
    /// `prefixItems` / array-form `items`, then `items` / `additionalItems`.
    Items(Vec<NodeId>, Option<NodeId>),
    /// `contains` with `minContains` and `maxContains`.
    Contains(NodeId, u64, Option<u64>),
    MinItems(u64),
    MaxItems(u64),
    UniqueItems,
    Properties(Vec<(String, NodeId)>),
    PatternProperties(Vec<(String, Box<Pattern>, NodeId)>),
    /// `additionalProperties` (the names and patterns it leaves out are
    /// the node's `Properties` and `PatternProperties`).
    AdditionalProperties(NodeId),
    Required(Vec<String>),
    DependentRequired(Vec<(String, Vec<String>)>),
    DependentSchemas(Vec<(String, NodeId)>),
    PropertyNames(NodeId),
    MinProperties(u64),
    MaxProperties(u64),
    AllOf(Vec<NodeId>),
    AnyOf(Vec<NodeId>),
    OneOf(Vec<NodeId>),
    Not(NodeId),
    If(NodeId, Option<NodeId>, Option<NodeId>),
    UnevaluatedItems(NodeId),
    UnevaluatedProperties(NodeId),
}

#[derive(Debug, Default)]
pub(crate) struct Node {
    pub kws: Vec<Kw>,
    pub resource: ResourceId,
    pub draft: Option<Draft>,
    /// Where the node is in its document, as a JSON Pointer.
    pub pointer: String,
    /// Whether it has `unevaluatedProperties` or `unevaluatedItems`.
    pub unevaluated: bool,
}

#[derive(Debug)]
pub(crate) struct Resource {
    pub uri: String,
    pub root: Option<NodeId>,
    pub recursive_anchor: bool,
    /// `$dynamicAnchor` names -> their node.
    pub dynamic: Vec<(String, NodeId)>,
}

/// A compiled schema document.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub nodes: Vec<Node>,
    pub resources: Vec<Resource>,
    pub root: NodeId,
    /// Whether any node uses `unevaluatedProperties` / `unevaluatedItems`
    /// (then the walk keeps track of what was evaluated).
    pub tracks: bool,
}

impl Compiled {
    /// The references that resolve to nothing: (URI, whether it points
    /// into a document the kit holds).
    pub(crate) fn unresolved(&self) -> Vec<(&str, bool)> {
        let mut out: Vec<(&str, bool)> = Vec::new();
        for n in &self.nodes {
            for k in &n.kws {
                if let Kw::Unresolved(u, local) = k {
                    if !out.iter().any(|(x, _)| x == u) {
                        out.push((u, *local));
                    }
                }
            }
        }
        out
    }
}

/// A location: document index and JSON Pointer in it.
type Loc = (usize, String);

struct Scanned {
    resources: HashMap<String, (Loc, Draft)>,
    anchors: HashMap<String, Loc>,
    dynamic_anchors: HashMap<String, Loc>,
    recursive: Vec<String>,
    /// Base URI and draft of every schema location met.
    at: HashMap<Loc, (String, Draft)>,
}

pub(crate) struct Compiler<'a> {
    docs: Vec<&'a Value>,
    scanned: Scanned,
    nodes: Vec<Node>,
    memo: HashMap<Loc, NodeId>,
    resource_ids: HashMap<String, ResourceId>,
    resources: Vec<Resource>,
    pending: Vec<(NodeId, Loc)>,
    tracks: bool,
}

/// Why a schema can't be compiled (it is not a valid schema).
pub(crate) type Problem = String;

/// The draft a `$schema` names: the metaschema's URI exactly as the draft
/// gives it (an empty fragment aside), as python-jsonschema reads it; any
/// other text (`https://json-schema.org/draft-07/schema`) names no draft,
/// so the default applies.
fn draft_of_schema_uri(uri: &str) -> Option<Draft> {
    Some(match uri.strip_suffix('#').unwrap_or(uri) {
        "http://json-schema.org/draft-04/schema" => Draft::Draft4,
        "http://json-schema.org/draft-06/schema" => Draft::Draft6,
        "http://json-schema.org/draft-07/schema" => Draft::Draft7,
        "https://json-schema.org/draft/2019-09/schema" => Draft::Draft201909,
        "https://json-schema.org/draft/2020-12/schema" => Draft::Draft202012,
        _ => return None,
    })
}

/// The draft a document's `$schema` names, if it names one.
pub(crate) fn declared_draft(doc: &Value) -> Option<Draft> {
    doc.get("$schema")
        .and_then(Value::as_str)
        .and_then(draft_of_schema_uri)
}

impl<'a> Compiler<'a> {
    pub(crate) fn new(doc: &'a Value, draft: Draft) -> Self {
        let mut c = Compiler {
            docs: vec![doc],
            scanned: Scanned {
                resources: HashMap::new(),
                anchors: HashMap::new(),
                dynamic_anchors: HashMap::new(),
                recursive: Vec::new(),
                at: HashMap::new(),
            },
            nodes: Vec::new(),
            memo: HashMap::new(),
            resource_ids: HashMap::new(),
            resources: Vec::new(),
            pending: Vec::new(),
            tracks: false,
        };
        c.scanned
            .resources
            .insert(String::new(), ((0, String::new()), draft));
        c.scan(0, doc, String::new(), String::new(), draft, 0);
        c
    }

    /// Registers resources, anchors and base URIs under `v` (at `ptr` of
    /// document `doc`), following the subschema keywords of `draft`.
    fn scan(
        &mut self,
        doc: usize,
        v: &Value,
        ptr: String,
        base: String,
        draft: Draft,
        depth: usize,
    ) {
        if depth > crate::json::MAX_DEPTH {
            return;
        }
        let Value::Object(o) = v else {
            self.scanned.at.insert((doc, ptr), (base, draft));
            return;
        };
        let mut draft = draft;
        let mut base = base;
        let legacy_ref = draft.ref_overrides_siblings() && o.contains_key("$ref");
        let id_key = if draft == Draft::Draft4 { "id" } else { "$id" };
        if let Some(id) = o.get(id_key).and_then(Value::as_str) {
            if !legacy_ref {
                if let Some(name) = id.strip_prefix('#').filter(|_| draft.fragment_ids()) {
                    if !name.is_empty() {
                        self.scanned
                            .anchors
                            .insert(format!("{base}#{name}"), (doc, ptr.clone()));
                    }
                } else {
                    if let Some(d) = o
                        .get("$schema")
                        .and_then(Value::as_str)
                        .and_then(draft_of_schema_uri)
                    {
                        draft = d;
                    }
                    let full = uri::resolve(&base, id);
                    let (u, _) = uri::split_fragment(&full);
                    base = u.to_owned();
                    self.scanned
                        .resources
                        .entry(base.clone())
                        .or_insert(((doc, ptr.clone()), draft));
                }
            }
        }
        if ptr.is_empty() {
            if let Some(d) = declared_draft(v) {
                draft = d;
            }
            self.scanned
                .resources
                .entry(base.clone())
                .or_insert(((doc, ptr.clone()), draft));
        }
        if draft >= Draft::Draft201909 {
            if let Some(name) = o.get("$anchor").and_then(Value::as_str) {
                self.scanned
                    .anchors
                    .insert(format!("{base}#{name}"), (doc, ptr.clone()));
            }
        }
        if draft == Draft::Draft202012 {
            if let Some(name) = o.get("$dynamicAnchor").and_then(Value::as_str) {
                let key = format!("{base}#{name}");
                self.scanned.anchors.insert(key.clone(), (doc, ptr.clone()));
                self.scanned.dynamic_anchors.insert(key, (doc, ptr.clone()));
            }
        }
        if draft == Draft::Draft201909 && o.get("$recursiveAnchor") == Some(&Value::Bool(true)) {
            self.scanned.recursive.push(base.clone());
        }
        self.scanned
            .at
            .insert((doc, ptr.clone()), (base.clone(), draft));
        for (key, sub) in o {
            let here = format!("{ptr}/{}", uri::escape_token(key));
            match key.as_str() {
                "properties" | "patternProperties" | "definitions" | "$defs"
                | "dependentSchemas" | "dependencies" => {
                    if let Value::Object(m) = sub {
                        for (k, s) in m {
                            if s.is_object() || s.is_boolean() {
                                let p = format!("{here}/{}", uri::escape_token(k));
                                self.scan(doc, s, p, base.clone(), draft, depth + 1);
                            }
                        }
                    }
                }
                "items" | "allOf" | "anyOf" | "oneOf" | "prefixItems" => match sub {
                    Value::Array(list) => {
                        for (i, s) in list.iter().enumerate() {
                            self.scan(
                                doc,
                                s,
                                format!("{here}/{i}"),
                                base.clone(),
                                draft,
                                depth + 1,
                            );
                        }
                    }
                    s => self.scan(doc, s, here, base.clone(), draft, depth + 1),
                },
                "additionalProperties"
                | "additionalItems"
                | "contains"
                | "propertyNames"
                | "not"
                | "if"
                | "then"
                | "else"
                | "unevaluatedItems"
                | "unevaluatedProperties"
                | "contentSchema" => self.scan(doc, sub, here, base.clone(), draft, depth + 1),
                _ => {}
            }
        }
    }

    /// Base URI and draft in force at a location: that of the location
    /// itself, or of its nearest scanned ancestor.
    fn context(&self, loc: &Loc) -> (String, Draft) {
        let mut p = loc.1.as_str();
        loop {
            if let Some(found) = self.scanned.at.get(&(loc.0, p.to_owned())) {
                return found.clone();
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => {
                    return self
                        .scanned
                        .at
                        .get(&(loc.0, String::new()))
                        .cloned()
                        .unwrap_or((String::new(), Draft::Draft202012))
                }
            }
        }
    }

    fn value_at(&self, loc: &Loc) -> Option<&'a Value> {
        let doc: &'a Value = self.docs[loc.0];
        if loc.1.is_empty() {
            return Some(doc);
        }
        doc.pointer(&loc.1)
    }

    /// Loads a shipped metaschema (and so its vocabularies) by URI.
    fn load_meta(&mut self, u: &str) -> bool {
        let Some(doc) = super::meta::document(u) else {
            return false;
        };
        let idx = self.docs.len();
        self.docs.push(doc);
        let draft = declared_draft(doc).unwrap_or(Draft::Draft202012);
        self.scan(idx, doc, String::new(), String::new(), draft, 0);
        // Found under the spelling it was asked by (`https` for `http`).
        self.scanned
            .resources
            .entry(u.to_owned())
            .or_insert(((idx, String::new()), draft));
        true
    }

    /// Resolves a reference against a base URI to a location.
    fn resolve(&mut self, base: &str, reference: &str) -> Option<Loc> {
        let full = uri::resolve(base, reference);
        let (u, fragment) = uri::split_fragment(&full);
        let (u, fragment) = (u.to_owned(), fragment.to_owned());
        if !self.scanned.resources.contains_key(&u) && !self.load_meta(&u) {
            return None;
        }
        if fragment.is_empty() || fragment.starts_with('/') {
            let ((doc, root), _) = self.scanned.resources.get(&u)?.clone();
            let decoded = uri::percent_decode(&fragment)?;
            let tokens = uri::pointer_tokens(&decoded)?;
            let mut v = self.value_at(&(doc, root.clone()))?;
            let mut ptr = root;
            for t in tokens {
                v = match v {
                    Value::Object(m) => m.get(&t)?,
                    Value::Array(a) => a.get(parse_index(&t)?)?,
                    _ => return None,
                };
                ptr.push('/');
                ptr.push_str(&uri::escape_token(&t));
            }
            Some((doc, ptr))
        } else {
            self.scanned
                .anchors
                .get(&format!("{u}#{fragment}"))
                .cloned()
        }
    }

    fn resource_id(&mut self, base: &str) -> ResourceId {
        if let Some(&id) = self.resource_ids.get(base) {
            return id;
        }
        let id = self.resources.len();
        self.resources.push(Resource {
            uri: base.to_owned(),
            root: None,
            recursive_anchor: self.scanned.recursive.iter().any(|r| r == base),
            dynamic: Vec::new(),
        });
        self.resource_ids.insert(base.to_owned(), id);
        id
    }

    /// The node of a location, compiled later from the work list.
    fn node_at(&mut self, loc: Loc) -> NodeId {
        if let Some(&id) = self.memo.get(&loc) {
            return id;
        }
        let id = self.nodes.len();
        self.nodes.push(Node::default());
        self.memo.insert(loc.clone(), id);
        self.pending.push((id, loc));
        id
    }

    /// Compiles the whole document; the root node is 0.
    pub(crate) fn finish(mut self) -> Result<Compiled, Problem> {
        let root = self.node_at((0, String::new()));
        while let Some((id, loc)) = self.pending.pop() {
            self.compile_node(id, &loc)?;
        }
        // Resource roots and dynamic anchors, for dynamic references.
        let mut resources = std::mem::take(&mut self.resources);
        for r in &mut resources {
            if let Some((loc, _)) = self.scanned.resources.get(&r.uri).cloned() {
                r.root = self.memo.get(&loc).copied();
            }
        }
        let mut dynamic: Vec<(String, Loc)> = self
            .scanned
            .dynamic_anchors
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        dynamic.sort();
        for (key, loc) in dynamic {
            let (u, name) = uri::split_fragment(&key);
            let node = self.memo.get(&loc).copied();
            if let (Some(&rid), Some(node)) = (self.resource_ids.get(u), node) {
                resources[rid].dynamic.push((name.to_owned(), node));
            }
        }
        Ok(Compiled {
            nodes: self.nodes,
            resources,
            root,
            tracks: self.tracks,
        })
    }

    /// Before the walk reaches a dynamic anchor's resource, its anchors
    /// must be compiled too: a `$dynamicRef` may land on any of them.
    fn compile_dynamic_anchors(&mut self) {
        let all: Vec<Loc> = self.scanned.dynamic_anchors.values().cloned().collect();
        for loc in all {
            self.node_at(loc);
        }
    }

    fn compile_node(&mut self, id: NodeId, loc: &Loc) -> Result<(), Problem> {
        let Some(v) = self.value_at(loc) else {
            return Err(format!("nothing at {}", show(&loc.1)));
        };
        let (base, draft) = self.context(loc);
        let resource = self.resource_id(&base);
        let mut kws = Vec::new();
        let at = show(&loc.1);
        let o = match v {
            Value::Bool(true) => None,
            Value::Bool(false) => {
                kws.push(Kw::False);
                None
            }
            Value::Object(o) => Some(o),
            _ => return Err(format!("the schema at {at} is not an object or a boolean")),
        };
        if let Some(o) = o {
            self.keywords(o, loc, &base, draft, &mut kws)?;
        }
        let node = &mut self.nodes[id];
        node.kws = kws;
        node.resource = resource;
        node.draft = Some(draft);
        node.pointer = loc.1.clone();
        node.unevaluated = node
            .kws
            .iter()
            .any(|k| matches!(k, Kw::UnevaluatedItems(_) | Kw::UnevaluatedProperties(_)));
        Ok(())
    }

    fn sub(&mut self, loc: &Loc, key: &str) -> NodeId {
        self.node_at((loc.0, format!("{}/{}", loc.1, uri::escape_token(key))))
    }

    fn sub2(&mut self, loc: &Loc, key: &str, k2: &str) -> NodeId {
        self.node_at((
            loc.0,
            format!(
                "{}/{}/{}",
                loc.1,
                uri::escape_token(key),
                uri::escape_token(k2)
            ),
        ))
    }

    fn reference(&mut self, base: &str, r: &str) -> Kw {
        match self.resolve(base, r) {
            Some(target) => Kw::Ref(self.node_at(target)),
            None => self.unresolved(uri::resolve(base, r)),
        }
    }

    fn unresolved(&self, full: String) -> Kw {
        let (u, _) = uri::split_fragment(&full);
        let local = self.scanned.resources.contains_key(u);
        Kw::Unresolved(full, local)
    }

    #[allow(clippy::too_many_lines)]
    fn keywords(
        &mut self,
        o: &'a serde_json::Map<String, Value>,
        loc: &Loc,
        base: &str,
        draft: Draft,
        kws: &mut Vec<Kw>,
    ) -> Result<(), Problem> {
        let at = show(&loc.1);
        if draft.ref_overrides_siblings() {
            if let Some(r) = o.get("$ref") {
                let r = r
                    .as_str()
                    .ok_or_else(|| format!("$ref at {at} must be a string"))?;
                // The base of a `$ref` beside an `$id` is the outer one.
                kws.push(self.reference(base, r));
                return Ok(());
            }
        }
        let count = |key: &str| -> Result<Option<u64>, Problem> {
            match o.get(key) {
                None => Ok(None),
                Some(v) => as_count(v)
                    .map(Some)
                    .ok_or_else(|| format!("{key} at {at} must be a non-negative integer")),
            }
        };
        let number = |key: &str| -> Result<Option<f64>, Problem> {
            match o.get(key) {
                None => Ok(None),
                Some(v) => v
                    .as_f64()
                    .map(Some)
                    .ok_or_else(|| format!("{key} at {at} must be a number")),
            }
        };
        let names = |key: &str, v: &Value| -> Result<Vec<String>, Problem> {
            v.as_array()
                .and_then(|l| {
                    l.iter()
                        .map(|x| x.as_str().map(str::to_owned))
                        .collect::<Option<Vec<_>>>()
                })
                .ok_or_else(|| format!("{key} at {at} must list strings"))
        };
        let schema_list = |key: &str| -> Result<usize, Problem> {
            match o.get(key) {
                Some(Value::Array(l)) => Ok(l.len()),
                _ => Err(format!("{key} at {at} must be a list of schemas")),
            }
        };
        let is_schema = |v: &Value| v.is_object() || v.is_boolean();
        if let Some(r) = o.get("$ref") {
            let r = r
                .as_str()
                .ok_or_else(|| format!("$ref at {at} must be a string"))?;
            kws.push(self.reference(base, r));
        }
        if draft == Draft::Draft202012 {
            if let Some(r) = o.get("$dynamicRef") {
                let r = r
                    .as_str()
                    .ok_or_else(|| format!("$dynamicRef at {at} must be a string"))?;
                let full = uri::resolve(base, r);
                let (_, fragment) = uri::split_fragment(&full);
                let dynamic = !fragment.is_empty()
                    && !fragment.starts_with('/')
                    && self.scanned.dynamic_anchors.contains_key(&full);
                let name = dynamic.then(|| fragment.to_owned());
                match self.resolve(base, r) {
                    Some(target) => {
                        let t = self.node_at(target);
                        if name.is_some() {
                            self.compile_dynamic_anchors();
                        }
                        kws.push(Kw::DynamicRef(t, name));
                    }
                    None => kws.push(self.unresolved(full)),
                }
            }
        }
        if draft == Draft::Draft201909 {
            if let Some(r) = o.get("$recursiveRef") {
                let r = r
                    .as_str()
                    .ok_or_else(|| format!("$recursiveRef at {at} must be a string"))?;
                match self.resolve(base, r) {
                    Some(target) => {
                        let t = self.node_at(target);
                        // Every resource root may become the target.
                        let roots: Vec<Loc> = self
                            .scanned
                            .resources
                            .values()
                            .map(|(l, _)| l.clone())
                            .collect();
                        for l in roots {
                            self.node_at(l);
                        }
                        kws.push(Kw::RecursiveRef(t));
                    }
                    None => kws.push(self.unresolved(uri::resolve(base, r))),
                }
            }
        }
        if let Some(t) = o.get("type") {
            kws.push(Kw::Type(parse_types(t, &at)?));
        }
        if let Some(e) = o.get("enum") {
            let list = e
                .as_array()
                .ok_or_else(|| format!("enum at {at} must be a list"))?;
            kws.push(Kw::Enum(list.clone()));
        }
        if draft >= Draft::Draft6 {
            if let Some(c) = o.get("const") {
                kws.push(Kw::Const(c.clone()));
            }
        }
        if let (Some(m), Some(Value::Number(n))) = (number("multipleOf")?, o.get("multipleOf")) {
            if m <= 0.0 {
                return Err(format!("multipleOf at {at} must be greater than 0"));
            }
            kws.push(Kw::MultipleOf(n.clone()));
        }
        let limit = |key: &str| -> Result<Option<Limit>, Problem> {
            Ok(match (number(key)?, o.get(key)) {
                (Some(f), Some(Value::Number(n))) => Some(Limit { f, n: n.clone() }),
                _ => None,
            })
        };
        let (min, max) = (limit("minimum")?, limit("maximum")?);
        if draft == Draft::Draft4 {
            let excl = |k: &str| -> Result<bool, Problem> {
                match o.get(k) {
                    None => Ok(false),
                    Some(Value::Bool(b)) => Ok(*b),
                    Some(_) => Err(format!("{k} at {at} must be a boolean in draft 4")),
                }
            };
            if let Some(m) = min {
                kws.push(if excl("exclusiveMinimum")? {
                    Kw::ExclusiveMinimum(m)
                } else {
                    Kw::Minimum(m)
                });
            }
            if let Some(m) = max {
                kws.push(if excl("exclusiveMaximum")? {
                    Kw::ExclusiveMaximum(m)
                } else {
                    Kw::Maximum(m)
                });
            }
        } else {
            if let Some(m) = min {
                kws.push(Kw::Minimum(m));
            }
            if let Some(m) = max {
                kws.push(Kw::Maximum(m));
            }
            if let Some(m) = limit("exclusiveMinimum")? {
                kws.push(Kw::ExclusiveMinimum(m));
            }
            if let Some(m) = limit("exclusiveMaximum")? {
                kws.push(Kw::ExclusiveMaximum(m));
            }
        }
        if let Some(n) = count("minLength")? {
            kws.push(Kw::MinLength(n));
        }
        if let Some(n) = count("maxLength")? {
            kws.push(Kw::MaxLength(n));
        }
        if let Some(p) = o.get("pattern") {
            let p = p
                .as_str()
                .ok_or_else(|| format!("pattern at {at} must be a string"))?;
            let re = Pattern::new(p)
                .map_err(|why| format!("pattern at {at} is not a regular expression: {why}"))?;
            kws.push(Kw::Pattern(p.to_owned(), Box::new(re)));
        }
        if let Some(Value::String(f)) = o.get("format") {
            kws.push(Kw::Format(f.clone()));
        }
        // Arrays.
        let mut prefix = Vec::new();
        let mut rest = None;
        if draft == Draft::Draft202012 {
            if o.contains_key("prefixItems") {
                for i in 0..schema_list("prefixItems")? {
                    prefix.push(self.sub2(loc, "prefixItems", &i.to_string()));
                }
            }
            if let Some(items) = o.get("items") {
                if !is_schema(items) {
                    return Err(format!("items at {at} must be a schema"));
                }
                rest = Some(self.sub(loc, "items"));
            }
        } else if let Some(items) = o.get("items") {
            match items {
                Value::Array(list) => {
                    for i in 0..list.len() {
                        prefix.push(self.sub2(loc, "items", &i.to_string()));
                    }
                    if let Some(a) = o.get("additionalItems") {
                        if !is_schema(a) {
                            return Err(format!("additionalItems at {at} must be a schema"));
                        }
                        rest = Some(self.sub(loc, "additionalItems"));
                    }
                }
                v if is_schema(v) => rest = Some(self.sub(loc, "items")),
                _ => return Err(format!("items at {at} must be a schema or a list")),
            }
        }
        if !prefix.is_empty() || rest.is_some() {
            kws.push(Kw::Items(prefix, rest));
        }
        if draft >= Draft::Draft6 {
            if let Some(c) = o.get("contains") {
                if !is_schema(c) {
                    return Err(format!("contains at {at} must be a schema"));
                }
                let node = self.sub(loc, "contains");
                let (min_c, max_c) = if draft >= Draft::Draft201909 {
                    (count("minContains")?.unwrap_or(1), count("maxContains")?)
                } else {
                    (1, None)
                };
                kws.push(Kw::Contains(node, min_c, max_c));
            }
        }
        if let Some(n) = count("minItems")? {
            kws.push(Kw::MinItems(n));
        }
        if let Some(n) = count("maxItems")? {
            kws.push(Kw::MaxItems(n));
        }
        match o.get("uniqueItems") {
            Some(Value::Bool(true)) => kws.push(Kw::UniqueItems),
            Some(Value::Bool(false)) | None => {}
            Some(_) => return Err(format!("uniqueItems at {at} must be a boolean")),
        }
        // Objects.
        if let Some(p) = o.get("properties") {
            let m = p
                .as_object()
                .ok_or_else(|| format!("properties at {at} must be an object"))?;
            let mut props = Vec::with_capacity(m.len());
            for k in m.keys() {
                props.push((k.clone(), self.sub2(loc, "properties", k)));
            }
            kws.push(Kw::Properties(props));
        }
        if let Some(p) = o.get("patternProperties") {
            let m = p
                .as_object()
                .ok_or_else(|| format!("patternProperties at {at} must be an object"))?;
            let mut pats = Vec::with_capacity(m.len());
            for k in m.keys() {
                let re = Pattern::new(k).map_err(|why| {
                    format!("patternProperties at {at}: {k:?} is not a regular expression: {why}")
                })?;
                pats.push((
                    k.clone(),
                    Box::new(re),
                    self.sub2(loc, "patternProperties", k),
                ));
            }
            kws.push(Kw::PatternProperties(pats));
        }
        if let Some(a) = o.get("additionalProperties") {
            if !is_schema(a) {
                return Err(format!("additionalProperties at {at} must be a schema"));
            }
            kws.push(Kw::AdditionalProperties(
                self.sub(loc, "additionalProperties"),
            ));
        }
        if let Some(r) = o.get("required") {
            let list = names("required", r)?;
            if !list.is_empty() {
                kws.push(Kw::Required(list));
            }
        }
        let mut dep_required = Vec::new();
        let mut dep_schemas = Vec::new();
        if draft <= Draft::Draft7 {
            if let Some(d) = o.get("dependencies") {
                let m = d
                    .as_object()
                    .ok_or_else(|| format!("dependencies at {at} must be an object"))?;
                for (k, v) in m {
                    if v.is_array() {
                        dep_required.push((k.clone(), names("dependencies", v)?));
                    } else if is_schema(v) {
                        dep_schemas.push((k.clone(), self.sub2(loc, "dependencies", k)));
                    } else {
                        return Err(format!(
                            "dependencies at {at} must map names to lists or schemas"
                        ));
                    }
                }
            }
        } else {
            if let Some(d) = o.get("dependentRequired") {
                let m = d
                    .as_object()
                    .ok_or_else(|| format!("dependentRequired at {at} must be an object"))?;
                for (k, v) in m {
                    dep_required.push((k.clone(), names("dependentRequired", v)?));
                }
            }
            if let Some(d) = o.get("dependentSchemas") {
                let m = d
                    .as_object()
                    .ok_or_else(|| format!("dependentSchemas at {at} must be an object"))?;
                for (k, v) in m {
                    if !is_schema(v) {
                        return Err(format!(
                            "dependentSchemas at {at} must map names to schemas"
                        ));
                    }
                    dep_schemas.push((k.clone(), self.sub2(loc, "dependentSchemas", k)));
                }
            }
        }
        if !dep_required.is_empty() {
            kws.push(Kw::DependentRequired(dep_required));
        }
        if !dep_schemas.is_empty() {
            kws.push(Kw::DependentSchemas(dep_schemas));
        }
        if draft >= Draft::Draft6 {
            if let Some(p) = o.get("propertyNames") {
                if !is_schema(p) {
                    return Err(format!("propertyNames at {at} must be a schema"));
                }
                kws.push(Kw::PropertyNames(self.sub(loc, "propertyNames")));
            }
        }
        if let Some(n) = count("minProperties")? {
            kws.push(Kw::MinProperties(n));
        }
        if let Some(n) = count("maxProperties")? {
            kws.push(Kw::MaxProperties(n));
        }
        // In-place applicators.
        for key in ["allOf", "anyOf", "oneOf"] {
            if o.contains_key(key) {
                let n = schema_list(key)?;
                if n == 0 {
                    return Err(format!("{key} at {at} must not be empty"));
                }
                let ids = (0..n)
                    .map(|i| self.sub2(loc, key, &i.to_string()))
                    .collect();
                kws.push(match key {
                    "allOf" => Kw::AllOf(ids),
                    "anyOf" => Kw::AnyOf(ids),
                    _ => Kw::OneOf(ids),
                });
            }
        }
        if let Some(n) = o.get("not") {
            if !is_schema(n) {
                return Err(format!("not at {at} must be a schema"));
            }
            kws.push(Kw::Not(self.sub(loc, "not")));
        }
        if draft >= Draft::Draft7 {
            if let Some(i) = o.get("if") {
                if is_schema(i) {
                    let cond = self.sub(loc, "if");
                    let then = o
                        .get("then")
                        .filter(|v| is_schema(v))
                        .map(|_| self.sub(loc, "then"));
                    let otherwise = o
                        .get("else")
                        .filter(|v| is_schema(v))
                        .map(|_| self.sub(loc, "else"));
                    kws.push(Kw::If(cond, then, otherwise));
                }
            }
        }
        if draft >= Draft::Draft201909 {
            if let Some(u) = o.get("unevaluatedItems") {
                if !is_schema(u) {
                    return Err(format!("unevaluatedItems at {at} must be a schema"));
                }
                self.tracks = true;
                kws.push(Kw::UnevaluatedItems(self.sub(loc, "unevaluatedItems")));
            }
            if let Some(u) = o.get("unevaluatedProperties") {
                if !is_schema(u) {
                    return Err(format!("unevaluatedProperties at {at} must be a schema"));
                }
                self.tracks = true;
                kws.push(Kw::UnevaluatedProperties(
                    self.sub(loc, "unevaluatedProperties"),
                ));
            }
        }
        Ok(())
    }
}

/// A count: a non-negative integer, which may be written `2.0`.
/// A count: a non-negative integer, which may be written `2.0` (the
/// metaschema decides whether the draft allows that) or be larger than 64
/// bits (`1e20`: then no value is that long anyway).
fn as_count(v: &Value) -> Option<u64> {
    if let Some(n) = v.as_u64() {
        return Some(n);
    }
    let f = v.as_f64()?;
    // `as` saturates at u64::MAX.
    (f >= 0.0 && f.fract() == 0.0).then_some(f as u64)
}

fn parse_index(t: &str) -> Option<usize> {
    if t.len() > 1 && t.starts_with('0') {
        return None;
    }
    t.parse().ok()
}

fn show(pointer: &str) -> String {
    format!("#{pointer}")
}

fn parse_types(v: &Value, at: &str) -> Result<u8, Problem> {
    let one = |s: &str| -> Result<u8, Problem> {
        Ok(match s {
            "null" => ty::NULL,
            "boolean" => ty::BOOL,
            "integer" => ty::INT,
            "number" => ty::NUM | ty::INT,
            "string" => ty::STR,
            "array" => ty::ARR,
            "object" => ty::OBJ,
            other => return Err(format!("unknown type {other:?} at {at}")),
        })
    };
    match v {
        Value::String(s) => one(s),
        Value::Array(list) => {
            let mut mask = 0;
            for t in list {
                mask |= one(t
                    .as_str()
                    .ok_or_else(|| format!("type at {at} must list strings"))?)?;
            }
            Ok(mask)
        }
        _ => Err(format!("type at {at} must be a string or a list")),
    }
}
