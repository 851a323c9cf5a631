//! Prints the error-code and issue-code tables of the README, from the
//! core's own lists (the README test checks they agree).
#![allow(clippy::print_stdout)]

fn main() {
    println!("| code | meaning |\n|---|---|");
    for c in cyberdesk_kit::ErrorCode::ALL {
        println!("| `{}` | {} |", c.as_str(), c.description());
    }
    println!("\n| code | severity | meaning |\n|---|---|---|");
    for c in cyberdesk_kit::IssueCode::ALL {
        println!(
            "| `{}` | {} | {} |",
            c.as_str(),
            c.severity().as_str(),
            c.description()
        );
    }
}
