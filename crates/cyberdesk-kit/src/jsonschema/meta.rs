//! The metaschemas of draft 4, 6, 7, 2019-09 and 2020-12 (with the
//! vocabulary metaschemas of the last two), shipped with the crate so that
//! a `$ref` to them and the check of a schema against its draft work with
//! nothing fetched. The texts are those of the `jsonschema-specifications`
//! package (json-schema.org's documents), with whitespace and the
//! annotation-only keywords of their schemas (`description`, `title`,
//! `$comment`, `default`, `deprecated`, `examples`) removed to keep the
//! wasm small: they don't change any verdict.

use serde_json::Value;
use std::sync::OnceLock;

/// (URI without fragment, document text).
const DOCUMENTS: &[(&str, &str)] = &[
    (
        "https://json-schema.org/draft/2019-09/schema",
        include_str!("meta/draft201909-metaschema.json"),
    ),
    (
        "https://json-schema.org/draft/2019-09/meta/applicator",
        include_str!("meta/draft201909-vocabularies-applicator.json"),
    ),
    (
        "https://json-schema.org/draft/2019-09/meta/content",
        include_str!("meta/draft201909-vocabularies-content.json"),
    ),
    (
        "https://json-schema.org/draft/2019-09/meta/core",
        include_str!("meta/draft201909-vocabularies-core.json"),
    ),
    (
        "https://json-schema.org/draft/2019-09/meta/format",
        include_str!("meta/draft201909-vocabularies-format.json"),
    ),
    (
        "https://json-schema.org/draft/2019-09/meta/meta-data",
        include_str!("meta/draft201909-vocabularies-meta-data.json"),
    ),
    (
        "https://json-schema.org/draft/2019-09/meta/validation",
        include_str!("meta/draft201909-vocabularies-validation.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/schema",
        include_str!("meta/draft202012-metaschema.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/applicator",
        include_str!("meta/draft202012-vocabularies-applicator.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/content",
        include_str!("meta/draft202012-vocabularies-content.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/core",
        include_str!("meta/draft202012-vocabularies-core.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/format-annotation",
        include_str!("meta/draft202012-vocabularies-format-annotation.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/format-assertion",
        include_str!("meta/draft202012-vocabularies-format-assertion.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/meta-data",
        include_str!("meta/draft202012-vocabularies-meta-data.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/unevaluated",
        include_str!("meta/draft202012-vocabularies-unevaluated.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/validation",
        include_str!("meta/draft202012-vocabularies-validation.json"),
    ),
    (
        "http://json-schema.org/draft-04/schema",
        include_str!("meta/draft4-metaschema.json"),
    ),
    (
        "http://json-schema.org/draft-06/schema",
        include_str!("meta/draft6-metaschema.json"),
    ),
    (
        "http://json-schema.org/draft-07/schema",
        include_str!("meta/draft7-metaschema.json"),
    ),
];

fn parsed() -> &'static Vec<(&'static str, Value)> {
    static PARSED: OnceLock<Vec<(&'static str, Value)>> = OnceLock::new();
    PARSED.get_or_init(|| {
        DOCUMENTS
            .iter()
            .filter_map(|(u, text)| serde_json::from_str(text).ok().map(|v| (*u, v)))
            .collect()
    })
}

/// The shipped document whose URI is `uri` (a trailing `#` and the
/// scheme `http` or `https` don't matter).
pub(crate) fn document(uri: &str) -> Option<&'static Value> {
    let u = uri.trim_end_matches('#');
    let tail = |s: &'static str| s.split_once("://").map(|(_, t)| t);
    let want = u.split_once("://").map(|(_, t)| t)?;
    parsed()
        .iter()
        .find(|(k, _)| tail(k) == Some(want))
        .map(|(_, v)| v)
}

/// The URI of a draft's metaschema.
pub(crate) fn uri_of(draft: super::Draft) -> &'static str {
    use super::Draft::*;
    match draft {
        Draft4 => "http://json-schema.org/draft-04/schema",
        Draft6 => "http://json-schema.org/draft-06/schema",
        Draft7 => "http://json-schema.org/draft-07/schema",
        Draft201909 => "https://json-schema.org/draft/2019-09/schema",
        Draft202012 => "https://json-schema.org/draft/2020-12/schema",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_shipped_document_parses_and_is_found() {
        assert_eq!(super::parsed().len(), super::DOCUMENTS.len());
        for (u, _) in super::DOCUMENTS {
            assert!(super::document(u).is_some(), "{u}");
        }
        assert!(super::document("https://json-schema.org/draft-07/schema#").is_some());
        assert!(super::document("http://example.com/schema").is_none());
    }
}
