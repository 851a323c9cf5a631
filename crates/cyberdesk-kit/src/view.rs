//! A read-only view of a JSON value: what the OpenAPI validator walks.
//!
//! The validator looks only where the schema has something to say (a free
//! `input_values` object is checked to be an object, and its contents are
//! not visited). Walking a view instead of a [`serde_json::Value`] lets a
//! host hand over its own objects without copying them first: the trait is
//! implemented here for `&Value`, and by the Python binding for Python
//! objects (after its own check that the whole value has a JSON form).

use serde_json::Value;

/// What a viewed value is, as JSON carries it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ViewKind<'s> {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// An integer that fits `i64`.
    Int(i64),
    /// An integer above `i64::MAX` that fits `u64`.
    UInt(u64),
    /// Any other number (finite).
    Float(f64),
    /// A string (valid Unicode).
    Str(&'s str),
    /// An array: [`JsonView::len`] items, read with [`JsonView::item`].
    Array,
    /// An object: its entries, read with [`JsonView::entries`].
    Object,
}

/// A JSON value the validator can walk without owning it.
///
/// Implementations must present a finite, acyclic JSON value whose object
/// keys and strings are valid Unicode and whose numbers are finite: the
/// validator checks nesting depth only along the paths it walks, so a host
/// checks the whole value (as [`crate::check_depth`] does) before handing
/// it over.
pub trait JsonView: Clone {
    /// An object key as the view holds it.
    type Key: Clone;
    /// The entries of an object, in the object's order.
    type Entries<'s>: Iterator<Item = (Self::Key, Self)>
    where
        Self: 's;

    /// What this value is.
    fn kind(&self) -> ViewKind<'_>;
    /// The number of items (array) or entries (object); 0 for the rest.
    fn len(&self) -> usize;
    /// Whether [`JsonView::len`] is 0.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The array item at `index`; `None` past the end or for a non-array.
    fn item(&self, index: usize) -> Option<Self>;
    /// An object's entries (none for a non-object).
    fn entries(&self) -> Self::Entries<'_>;
    /// The text of a key.
    fn key_str(key: &Self::Key) -> &str;
    /// Whether an object has `key`.
    fn contains_key(&self, key: &str) -> bool;
    /// The value copied out (for `enum`, `const` and `uniqueItems`).
    fn to_value(&self) -> Value;

    /// Whether this value equals `other` as JSON values compare (serde_json's
    /// rule: an integer never equals a float).
    fn eq_value(&self, other: &Value) -> bool {
        match (self.kind(), other) {
            (ViewKind::Str(s), Value::String(t)) => s == t,
            (ViewKind::Str(_), _) => false,
            (ViewKind::Null, o) => o.is_null(),
            (ViewKind::Bool(b), o) => o.as_bool() == Some(b),
            _ => self.to_value() == *other,
        }
    }

    /// Whether this is `null`.
    fn is_null(&self) -> bool {
        matches!(self.kind(), ViewKind::Null)
    }
}

/// The entries of a `&Value` (empty for a non-object).
pub struct ValueEntries<'a>(Option<serde_json::map::Iter<'a>>);

impl<'a> Iterator for ValueEntries<'a> {
    type Item = (&'a str, &'a Value);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.as_mut()?.next().map(|(k, v)| (k.as_str(), v))
    }
}

impl<'a> JsonView for &'a Value {
    type Key = &'a str;
    type Entries<'s>
        = ValueEntries<'a>
    where
        Self: 's;

    fn kind(&self) -> ViewKind<'_> {
        match self {
            Value::Null => ViewKind::Null,
            Value::Bool(b) => ViewKind::Bool(*b),
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    ViewKind::Int(i)
                } else if let Some(u) = n.as_u64() {
                    ViewKind::UInt(u)
                } else {
                    ViewKind::Float(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => ViewKind::Str(s),
            Value::Array(_) => ViewKind::Array,
            Value::Object(_) => ViewKind::Object,
        }
    }

    fn len(&self) -> usize {
        match self {
            Value::Array(a) => a.len(),
            Value::Object(m) => m.len(),
            _ => 0,
        }
    }

    fn item(&self, index: usize) -> Option<Self> {
        match self {
            Value::Array(a) => a.get(index),
            _ => None,
        }
    }

    fn entries(&self) -> ValueEntries<'a> {
        let v: &'a Value = self;
        ValueEntries(v.as_object().map(|m| m.iter()))
    }

    fn key_str<'k>(key: &'k &'a str) -> &'k str {
        key
    }

    fn contains_key(&self, key: &str) -> bool {
        self.as_object().is_some_and(|m| m.contains_key(key))
    }

    fn to_value(&self) -> Value {
        (*self).clone()
    }

    fn eq_value(&self, other: &Value) -> bool {
        *self == other
    }
}
