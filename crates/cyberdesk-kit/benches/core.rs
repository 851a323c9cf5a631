//! The core alone, with no boundary: what each binding's crossing adds is
//! the difference between these figures and the same call from JS or
//! Python. Reads the payloads of `bench/fixtures/` (made by
//! `bench/make_fixtures.py`; `bench/run.sh` makes them first).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use cyberdesk_kit as kit;
use serde_json::Value;
use std::hint::black_box;

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/../../bench/fixtures/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{path} is missing: run python3 bench/make_fixtures.py"));
    serde_json::from_str(&text).unwrap()
}

fn validate(c: &mut Criterion) {
    let mut g = c.benchmark_group("validate");
    for kind in ["workflow_update", "run_create"] {
        for size in ["small", "medium", "large"] {
            for validity in ["valid", "invalid"] {
                let f = fixture(&format!("{kind}_{size}_{validity}"));
                let schema = f["schema"].as_str().unwrap().to_owned();
                let payload = f["payload"].clone();
                let text = payload.to_string();
                let id = format!("{kind}_{size}_{validity}");
                g.bench_with_input(BenchmarkId::new("value", &id), &payload, |b, p| {
                    b.iter(|| kit::validate(black_box(&schema), black_box(p)).unwrap())
                });
                g.bench_with_input(BenchmarkId::new("json_text", &id), &text, |b, t| {
                    b.iter(|| kit::validate_json(None, black_box(&schema), black_box(t)).unwrap())
                });
            }
        }
    }
    g.finish();
}

fn build(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    for size in ["small", "medium", "large"] {
        let update = fixture(&format!("workflow_update_{size}_valid"))["payload"].clone();
        g.bench_function(BenchmarkId::new("workflow_update", size), |b| {
            b.iter(|| {
                kit::build_workflow_update(
                    "550e8400-e29b-41d4-a716-446655440000",
                    black_box(&update),
                    kit::UpdateOptions {
                        idempotency_key: Some("k"),
                        spec: None,
                    },
                )
                .unwrap()
            })
        });
        let run = fixture(&format!("run_create_{size}_valid"))["payload"].clone();
        g.bench_function(BenchmarkId::new("run_create", size), |b| {
            b.iter(|| {
                kit::build_run_create(
                    black_box(&run),
                    kit::RunOptions {
                        idempotency_key: Some("k"),
                        ..Default::default()
                    },
                )
                .unwrap()
            })
        });
    }
    g.finish();
}

/// The contender: what a team writes by hand with a regex (nested paths by
/// dot, `[i]` and `['k']`; sensitive and runtime variables kept).
fn regex_resolve(re: &regex::Regex, seg: &regex::Regex, text: &str, inputs: &Value) -> String {
    re.replace_all(text, |c: &regex::Captures<'_>| {
        let whole = &c[0];
        if whole.starts_with("{{") || whole.starts_with("{$") {
            return whole.to_owned();
        }
        let mut cur = Some(inputs);
        for s in seg.captures_iter(&c[1]) {
            cur = match (s.get(1).or(s.get(3)), s.get(2)) {
                (Some(k), _) => cur.and_then(|v| v.get(k.as_str())),
                (_, Some(i)) => {
                    cur.and_then(|v| v.get(i.as_str().parse::<usize>().unwrap_or(usize::MAX)))
                }
                _ => None,
            };
        }
        match cur {
            Some(Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
            None => "__EMPTY__".to_owned(),
        }
    })
    .into_owned()
}

fn resolve(c: &mut Criterion) {
    let mut g = c.benchmark_group("resolve_prompt");
    g.sample_size(20);
    let re =
        regex::Regex::new(r#"\{\{[^{}]*\}\}|\{\$[^{}]*\}|\{([A-Za-z_][\w.\[\]'"-]*)\}"#).unwrap();
    let seg = regex::Regex::new(r#"([A-Za-z_]\w*)|\[(\d+)\]|\[['"]([^'"]+)['"]\]"#).unwrap();
    for name in ["prompt_100k", "prompt_flat_100k", "prompt_1m", "prompt_10m"] {
        let f = fixture(name);
        let text = f["text"].as_str().unwrap().to_owned();
        let inputs = f["input_values"].clone();
        let sensitive = f.get("sensitive_input_values").cloned();
        g.bench_function(name, |b| {
            b.iter(|| {
                kit::resolve_prompt(black_box(&text), Some(&inputs), sensitive.as_ref()).unwrap()
            })
        });
        // The text-only call (no variable list) and the full call with
        // borrowed variables, beside the full call above.
        g.bench_function(format!("{name}_text"), |b| {
            b.iter(|| {
                kit::resolve_prompt_text(black_box(&text), Some(&inputs), sensitive.as_ref())
                    .unwrap()
            })
        });
        g.bench_function(format!("{name}_borrowed"), |b| {
            b.iter(|| {
                kit::resolve_prompt_borrowed(
                    black_box(&text),
                    Some(&inputs),
                    sensitive.as_ref(),
                    kit::Offsets::Utf8,
                )
                .unwrap()
            })
        });
        if name == "prompt_100k" || name == "prompt_flat_100k" {
            g.bench_function(format!("{name}_regex"), |b| {
                b.iter(|| regex_resolve(&re, &seg, black_box(&text), &inputs))
            });
        }
    }
    let f = fixture("prompt_100k");
    let text = f["text"].as_str().unwrap().to_owned();
    g.bench_function("parse_prompt_100k", |b| {
        b.iter(|| kit::parse_prompt(black_box(&text)).unwrap())
    });
    g.finish();
}

fn misc(c: &mut Criterion) {
    let mut g = c.benchmark_group("misc");
    g.bench_function("spec_compile", |b| {
        b.iter(|| kit::Spec::from_json(black_box(kit::EMBEDDED_SPEC)).unwrap())
    });
    let body = fixture("workflow_update_medium_valid")["payload"].clone();
    let mut resp = body.as_object().unwrap().clone();
    resp.insert("id".into(), "550e8400-e29b-41d4-a716-446655440000".into());
    resp.insert("created_at".into(), "2026-11-24T10:00:00Z".into());
    resp.insert("updated_at".into(), "2026-11-24T10:00:00Z".into());
    // A response's checks carry the server-owned fields.
    if let Some(Value::Array(checks)) = resp.get_mut("post_run_checks") {
        for (i, c) in checks.iter_mut().enumerate() {
            let c = c.as_object_mut().unwrap();
            c.insert("id".into(), "550e8400-e29b-41d4-a716-446655440001".into());
            c.insert("organization_id".into(), "org_1".into());
            c.insert("order".into(), i.into());
            c.insert("created_at".into(), "2026-11-24T10:00:00Z".into());
            c.insert("updated_at".into(), "2026-11-24T10:00:00Z".into());
        }
    }
    let text = Value::Object(resp).to_string();
    g.bench_function("parse_response_medium", |b| {
        b.iter(|| kit::parse_response("update_workflow", 200, &[], black_box(&text)).unwrap())
    });
    g.bench_function("new_idempotency_key", |b| b.iter(kit::new_idempotency_key));
    g.finish();
}

criterion_group!(benches, validate, build, resolve, misc);
criterion_main!(benches);
