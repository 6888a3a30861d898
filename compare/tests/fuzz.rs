//! The short seeded run of the differential fuzzer (see
//! `monodual_compare::fuzz` for the checks; the long run is
//! `examples/fuzz.rs`).
//!
//! It leaves out the classes of wrong results known on today's code
//! (`fuzz::KnownIssue`); the long run checks them.

use std::time::Duration;

use monodual_compare::fuzz::{self, Config};

#[test]
fn short_seeded_run_finds_nothing_beyond_the_known_issues() {
    let config = Config {
        seed: 9,
        cases: 2000,
        duration: Duration::from_secs(600),
        known_issues: false,
        shrink_budget: 500,
        shrink_per_check: 3,
    };
    let report = fuzz::run(&config);
    let summary = fuzz::summary(&report, &config);
    println!("{summary}");
    assert_eq!(report.failures(), 0, "{summary}");
    assert_eq!(report.cases, config.cases);
}
