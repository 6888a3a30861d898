//! The long run of the differential fuzzer (see `monodual_compare::fuzz`).
//!
//! ```text
//! cargo run --release -p monodual-compare --example fuzz -- --seconds 300 --seed 1
//! ```
//!
//! Options: `--seconds S` (default 60), `--cases N` (default unlimited),
//! `--seed N` (default 1), `--skip-known` (leave out the classes issue 9
//! found, now fixed, as the second short run in the test suite does),
//! `--shrink-budget N` (attempts per failure, default 4000). Prints every
//! class of failures with a minimal program, and exits with status 1 if
//! there was any.

use std::time::Duration;

use monodual_compare::fuzz::{self, Config};

fn main() {
    let mut config = Config {
        seed: 1,
        cases: u64::MAX,
        duration: Duration::from_secs(60),
        known_issues: true,
        shrink_budget: 4000,
        shrink_per_check: 200,
        left_out: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> f64 {
            args.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("{name} needs a number"))
        };
        match arg.as_str() {
            "--seconds" => config.duration = Duration::from_secs_f64(number("--seconds")),
            "--cases" => config.cases = number("--cases") as u64,
            "--seed" => config.seed = number("--seed") as u64,
            "--shrink-budget" => config.shrink_budget = number("--shrink-budget") as usize,
            "--skip-known" => config.known_issues = false,
            other => panic!("unknown option {other}"),
        }
    }
    let report = fuzz::run(&config);
    println!("{}", fuzz::summary(&report, &config));
    if report.failures() > 0 {
        std::process::exit(1);
    }
}
