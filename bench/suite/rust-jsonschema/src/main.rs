//! The Rust `jsonschema` crate on the official JSON-Schema-Test-Suite, on
//! exactly the cases crates/cyberdesk-kit/tests/json_schema_suite.rs runs:
//! folders draft4, draft6, draft7, draft2019-09, draft2020-12; every *.json
//! file except refRemote.json; groups whose schema's JSON text names
//! localhost:1234 skipped; every test of the rest. The draft is forced per
//! folder (`options().with_draft(..)`), other options are the crate's
//! defaults. A test passes when `is_valid` equals its `valid`; a build error
//! (or a panic) is a miss for each test of the group.
//!
//!     suite-rust-jsonschema [SUITE_TESTS_DIR]
//!
//! The crate's version is the one in Cargo.lock (run.sh prints it).
//! Prints "rust-jsonschema <draft>: P of N passed" per draft, then one
//! "  miss ..." line per miss. Exit status 0 whatever the figures.

use jsonschema::Draft;
use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

const PEER: &str = "rust-jsonschema";

const DRAFTS: &[(&str, Draft)] = &[
    ("draft4", Draft::Draft4),
    ("draft6", Draft::Draft6),
    ("draft7", Draft::Draft7),
    ("draft2019-09", Draft::Draft201909),
    ("draft2020-12", Draft::Draft202012),
];

fn main() {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../target/json-schema-test-suite/tests")
        });
    if !dir.is_dir() {
        eprintln!(
            "no JSON-Schema-Test-Suite at {}: run `bash tests/steps/json-schema-suite.sh`",
            dir.display()
        );
        std::process::exit(2);
    }
    // Panics are caught and counted as misses; keep their messages out of the output.
    std::panic::set_hook(Box::new(|_| {}));
    let mut misses = Vec::new();
    for (folder, draft) in DRAFTS {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(folder))
            .expect("draft folder")
            .map(|e| e.expect("dir entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        let (mut passed, mut ran) = (0, 0);
        for file in files {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            if name == "refRemote.json" {
                continue;
            }
            let groups: Value =
                serde_json::from_str(&std::fs::read_to_string(&file).expect("suite file"))
                    .expect("suite JSON");
            for group in groups.as_array().expect("array of groups") {
                let schema = &group["schema"];
                if schema.to_string().contains("localhost:1234") {
                    continue;
                }
                let built = catch_unwind(AssertUnwindSafe(|| {
                    jsonschema::options().with_draft(*draft).build(schema)
                }));
                let validator = match built {
                    Ok(Ok(v)) => Ok(v),
                    Ok(Err(e)) => Err(format!("build error: {e}")),
                    Err(_) => Err("panic while building".to_string()),
                };
                for test in group["tests"].as_array().expect("array of tests") {
                    ran += 1;
                    let want = test["valid"].as_bool().expect("valid is a bool");
                    let got = match &validator {
                        Ok(v) => catch_unwind(AssertUnwindSafe(|| v.is_valid(&test["data"])))
                            .map_err(|_| "panic while validating".to_string()),
                        Err(e) => Err(e.clone()),
                    };
                    if got.as_ref() == Ok(&want) {
                        passed += 1;
                    } else {
                        let got = match got {
                            Ok(b) => b.to_string(),
                            Err(e) => e,
                        };
                        misses.push(format!(
                            "{folder}/{name}: {} / {}: expected {want}, got {got}",
                            group["description"].as_str().unwrap_or(""),
                            test["description"].as_str().unwrap_or("")
                        ));
                    }
                }
            }
        }
        println!("{PEER} {folder}: {passed} of {ran} passed");
    }
    for miss in misses {
        println!("  miss {miss}");
    }
}
