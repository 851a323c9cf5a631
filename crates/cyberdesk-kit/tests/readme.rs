//! The README's code tables and Rust example are the core's own.
#![allow(clippy::unwrap_used, clippy::panic)]

use cyberdesk_kit::{ErrorCode, IssueCode};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap()
}

/// The codes listed in the table under `heading`, in order.
fn table(text: &str, heading: &str) -> Vec<String> {
    let start = text.find(heading).unwrap_or_else(|| panic!("no {heading}"));
    text[start..]
        .lines()
        .skip(1)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| {
            l.strip_prefix("| `")
                .and_then(|r| r.split('`').next())
                .map(str::to_owned)
        })
        .collect()
}

#[test]
fn error_and_issue_tables_match_the_core() {
    let text = readme();
    let errors: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(table(&text, "## Error codes"), errors);
    let issues: Vec<&str> = IssueCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(table(&text, "## Issue codes"), issues);
    for c in IssueCode::ALL {
        assert!(text.contains(&format!("| `{}` | {} |", c.as_str(), c.severity().as_str())));
    }
}

#[test]
fn the_rust_example_is_the_doc_test() {
    // The README's Rust block is compiled and run as a doc test of the
    // crate (see lib.rs); here we only check it is still there.
    assert!(readme().contains("```rust\nuse cyberdesk_kit::{build_run_create"));
}
