//! Prints the core's compiled schema table of the embedded OpenAPI
//! document (`Spec::describe`) as compact JSON. The npm package's build
//! (npm/scripts/build.mjs) writes it into `dist/schema-table.js` for the
//! fast `validate` path: a native build of the core makes it, so the
//! `.wasm` doesn't carry code only the build would call.
#![allow(clippy::print_stdout)]

fn main() -> Result<(), cyberdesk_kit::KitError> {
    let spec = cyberdesk_kit::Spec::embedded()?;
    println!("{}", cyberdesk_kit::to_compact(&spec.describe()));
    Ok(())
}
