//! The official JSON-Schema-Test-Suite, run through `validate_instance`:
//! every required test of draft 4, 6, 7, 2019-09 and 2020-12, except the
//! remote-document tests (`refRemote.json` and schemas naming
//! `localhost:1234`, which need documents fetched over HTTP). Any miss
//! fails. The suite is not in the repository: `tests/steps/rust.sh`
//! fetches it first (tests/steps/json-schema-suite.sh), or point
//! `JSON_SCHEMA_TEST_SUITE` at a copy's `tests` folder.

use cyberdesk_kit::{validate_instance, Draft, InstanceOptions};
use serde_json::Value;
use std::path::PathBuf;

fn suite_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("JSON_SCHEMA_TEST_SUITE") {
        return PathBuf::from(dir);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/json-schema-test-suite/tests")
}

const DRAFTS: &[(&str, Draft)] = &[
    ("draft4", Draft::Draft4),
    ("draft6", Draft::Draft6),
    ("draft7", Draft::Draft7),
    ("draft2019-09", Draft::Draft201909),
    ("draft2020-12", Draft::Draft202012),
];

#[test]
fn official_suite_required_tests_pass() {
    let dir = suite_dir();
    assert!(
        dir.is_dir(),
        "the JSON-Schema-Test-Suite is not at {}: run `bash tests/steps/json-schema-suite.sh`",
        dir.display()
    );
    let mut misses = Vec::new();
    let mut total = 0;
    for (folder, draft) in DRAFTS {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
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
                serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
            for group in groups.as_array().unwrap() {
                let schema = &group["schema"];
                if schema.to_string().contains("localhost:1234") {
                    continue;
                }
                for test in group["tests"].as_array().unwrap() {
                    ran += 1;
                    let want = test["valid"].as_bool().unwrap();
                    let got = validate_instance(
                        schema,
                        &test["data"],
                        InstanceOptions {
                            draft: Some(*draft),
                        },
                    )
                    .map(|e| e.is_empty());
                    if got.as_ref() == Ok(&want) {
                        passed += 1;
                    } else {
                        misses.push(format!(
                            "{folder}/{name}: {} / {}: expected {want}, got {got:?}",
                            group["description"].as_str().unwrap_or(""),
                            test["description"].as_str().unwrap_or("")
                        ));
                    }
                }
            }
        }
        total += ran;
        println!("json-schema-test-suite {folder}: {passed} of {ran} passed");
    }
    assert!(total > 4000, "only {total} tests found");
    assert!(
        misses.is_empty(),
        "{} misses:\n{}",
        misses.len(),
        misses.join("\n")
    );
}
