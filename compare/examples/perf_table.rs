//! Prints the performance table (Markdown) from the medians of the last
//! criterion run of `benches/derivatives`.
//!
//! Reproduce the table with:
//!
//! ```text
//! cargo bench -p monodual-compare && cargo run --release -p monodual-compare --example perf_table
//! ```
//!
//! It reads `<criterion home>/<group>/<member>/new/estimates.json`, where the
//! criterion home is `$CRITERION_HOME`, else `$CARGO_TARGET_DIR/criterion`,
//! else `target/criterion` in the workspace, the same places criterion writes
//! to. For each case it prints the median time of every member and the
//! ratios num-dual ÷ monodual, hyperjet ÷ monodual and monodual ÷ analytic
//! (and, for `hessian_chunked`, `hessian` ÷ `hessian_chunked`), and ends
//! with the machine it ran on. With no results yet it says so and exits
//! successfully.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Median times in nanoseconds, by group and then by member.
type Medians = BTreeMap<String, BTreeMap<String, f64>>;

/// The members whose medians the tables show, in column order, with headers.
const MEMBERS: [(&str, &str); 6] = [
    ("f64", "f64 value"),
    ("analytic", "analytic"),
    ("finite_differences", "finite diff."),
    ("num-dual", "num-dual"),
    ("hyperjet", "hyperjet"),
    ("monodual", "monodual"),
];

/// The member that forms the full Hessian with monodual and multiplies by v.
const FULL_HESSIAN: &str = "monodual_full_hessian";

/// The member that computes the Hessian with `hessian_chunked` (beside
/// `monodual`, which is `hessian`).
const CHUNKED: &str = "monodual_chunked";

/// The sections of the table: a title and the prefix of their group ids.
const SECTIONS: [(&str, &str); 5] = [
    ("Gradient", "gradient_"),
    ("Jacobian", "jacobian_"),
    ("Hessian", "hessian_"),
    ("Hessian-vector product", "hvp_"),
    (
        "Chunked Hessian (`hessian_chunked` against `hessian`)",
        "chunked_",
    ),
];

/// The order in which known cases are listed; other groups follow by name.
const CASE_ORDER: [&str; 46] = [
    "gradient_rosenbrock_2",
    "gradient_rosenbrock_4",
    "gradient_rosenbrock_8",
    "gradient_rosenbrock_16",
    "gradient_transcendental_4",
    "gradient_transcendental_8",
    "gradient_log_likelihood_4",
    "gradient_quadratic_form_2",
    "gradient_quadratic_form_4",
    "gradient_quadratic_form_8",
    "gradient_quadratic_form_16",
    "gradient_quadratic_form_32",
    "jacobian_r4_to_r4",
    "jacobian_r3_to_r5",
    "hessian_rosenbrock_2",
    "hessian_rosenbrock_4",
    "hessian_rosenbrock_8",
    "hessian_rosenbrock_16",
    "hessian_transcendental_4",
    "hessian_transcendental_8",
    "hessian_transcendental_32",
    "hessian_quadratic_form_2",
    "hessian_quadratic_form_4",
    "hessian_quadratic_form_8",
    "hessian_quadratic_form_16",
    "hessian_quadratic_form_32",
    "hessian_cholesky_4",
    "hessian_cholesky_5",
    "hessian_cholesky_6",
    "hessian_cholesky_7",
    "hessian_cholesky_8",
    "hessian_cholesky_9",
    "hessian_lu_4",
    "hessian_lu_5",
    "hessian_lu_6",
    "hessian_lu_7",
    "hessian_lu_8",
    "hessian_lu_9",
    "hvp_rosenbrock_8",
    "hvp_rosenbrock_16",
    "chunked_transcendental_32",
    "chunked_transcendental_64",
    "chunked_transcendental_128",
    "chunked_quadratic_form_8",
    "chunked_quadratic_form_16",
    "chunked_quadratic_form_32",
];

/// The number of variables a group id ends with, if it does.
fn variables(group: &str) -> Option<usize> {
    group.rsplit('_').next()?.parse().ok()
}

fn main() {
    let home = criterion_home();
    let medians = read_medians(&home);
    if medians.is_empty() {
        println!(
            "No criterion results found in {}.\n\
             Run `cargo bench` first, then `cargo run --release --example perf_table`.",
            home.display()
        );
        return;
    }
    print!("{}", render(&medians));
}

/// Where criterion keeps its results, by the same rules criterion uses
/// (except that it falls back to this crate's `target/`, not `cargo
/// metadata`).
fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        PathBuf::from(home)
    } else if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        PathBuf::from(target).join("criterion")
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/criterion")
    }
}

/// Every `<group>/<member>/new/estimates.json` under `home` that holds a
/// median; unreadable entries are skipped.
fn read_medians(home: &Path) -> Medians {
    let mut medians = Medians::new();
    for group in subdirectories(home) {
        for member in subdirectories(&group) {
            let estimates = member.join("new").join("estimates.json");
            let Some(median) = fs::read_to_string(&estimates)
                .ok()
                .and_then(|json| median_point_estimate(&json))
            else {
                continue;
            };
            medians
                .entry(file_name(&group))
                .or_default()
                .insert(file_name(&member), median);
        }
    }
    medians
}

fn subdirectories(directory: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(directory) else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.is_dir())
        .collect()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The `point_estimate` of the `median` object in criterion's
/// `estimates.json`, for example `{"mean":{…},"median":{"confidence_interval":
/// {…},"point_estimate":123.4,"standard_error":0.5},…}`.
fn median_point_estimate(json: &str) -> Option<f64> {
    let median = value_after_key(json, "median")?;
    let estimate = value_after_key(median, "point_estimate")?;
    let end = estimate
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')))
        .unwrap_or(estimate.len());
    estimate[..end].parse().ok()
}

/// The text after `"key":` (and any whitespace), for the first occurrence of
/// that exact key.
fn value_after_key<'a>(json: &'a str, key: &str) -> Option<&'a str> {
    let quoted = format!("\"{key}\"");
    let mut rest = json;
    loop {
        let start = rest.find(&quoted)? + quoted.len();
        let after = rest[start..].trim_start();
        if let Some(value) = after.strip_prefix(':') {
            return Some(value.trim_start());
        }
        // The quoted text was a value, not a key; keep looking.
        rest = &rest[start..];
    }
}

/// The whole report: one table per section, the machine.
fn render(medians: &Medians) -> String {
    let mut out = String::new();
    out.push_str("Median times from one `cargo bench` run (default release profile).\n");
    out.push_str("Ratios above 1 mean monodual is faster; \"÷ analytic\" is monodual's time over the hand-written derivative's.\n\n");
    let groups = ordered_groups(medians);
    for (title, prefix) in SECTIONS {
        let section: Vec<&str> = groups
            .iter()
            .copied()
            .filter(|g| g.starts_with(prefix))
            .collect();
        if !section.is_empty() {
            render_section(&mut out, title, &section, medians);
        }
    }
    let others: Vec<&str> = groups
        .iter()
        .copied()
        .filter(|g| !SECTIONS.iter().any(|(_, prefix)| g.starts_with(prefix)))
        .collect();
    if !others.is_empty() {
        render_section(&mut out, "Other", &others, medians);
    }
    render_machine(&mut out);
    out
}

/// Group ids in [`CASE_ORDER`] first, then the rest by name.
fn ordered_groups(medians: &Medians) -> Vec<&str> {
    let position = |group: &str| {
        CASE_ORDER
            .iter()
            .position(|known| *known == group)
            .unwrap_or(CASE_ORDER.len())
    };
    let mut groups: Vec<&str> = medians.keys().map(String::as_str).collect();
    groups.sort_by_key(|group| (position(group), *group));
    groups
}

fn render_section(out: &mut String, title: &str, groups: &[&str], medians: &Medians) {
    let with_full_hessian = groups
        .iter()
        .any(|g| medians[*g].contains_key(FULL_HESSIAN));
    let with_chunked = groups.iter().any(|g| medians[*g].contains_key(CHUNKED));
    out.push_str(&format!("### {title}\n\n| case |"));
    for (_, header) in MEMBERS {
        out.push_str(&format!(" {header} |"));
    }
    if with_full_hessian {
        out.push_str(" monodual, H then H·v |");
    }
    if with_chunked {
        out.push_str(" monodual, chunked |");
    }
    out.push_str(" num-dual ÷ monodual | hyperjet ÷ monodual | monodual ÷ analytic |");
    if with_full_hessian {
        out.push_str(" full H ÷ H·v |");
    }
    if with_chunked {
        out.push_str(" hessian ÷ chunked |");
    }
    out.push('\n');
    let columns =
        MEMBERS.len() + 4 + 2 * usize::from(with_full_hessian) + 2 * usize::from(with_chunked);
    out.push_str(&format!("|---{}\n", "|---:".repeat(columns - 1) + "|"));
    for group in groups {
        let times = &medians[*group];
        out.push_str(&format!("| {} |", case_label(group)));
        for (member, _) in MEMBERS {
            out.push_str(&format!(" {} |", time_cell(times.get(member))));
        }
        if with_full_hessian {
            out.push_str(&format!(" {} |", time_cell(times.get(FULL_HESSIAN))));
        }
        if with_chunked {
            out.push_str(&format!(" {} |", time_cell(times.get(CHUNKED))));
        }
        for (numerator, denominator) in [
            ("num-dual", "monodual"),
            ("hyperjet", "monodual"),
            ("monodual", "analytic"),
        ] {
            out.push_str(&format!(
                " {} |",
                ratio_cell(ratio(times, numerator, denominator))
            ));
        }
        if with_full_hessian {
            out.push_str(&format!(
                " {} |",
                ratio_cell(ratio(times, FULL_HESSIAN, "monodual"))
            ));
        }
        if with_chunked {
            out.push_str(&format!(
                " {} |",
                ratio_cell(ratio(times, "monodual", CHUNKED))
            ));
        }
        out.push('\n');
    }
    out.push('\n');
}

/// A readable name for a group id such as `hessian_rosenbrock_8`.
fn case_label(group: &str) -> String {
    let body = SECTIONS
        .iter()
        .find_map(|(_, prefix)| group.strip_prefix(prefix))
        .unwrap_or(group);
    match body {
        "r4_to_r4" => "R⁴ → R⁴".to_owned(),
        "r3_to_r5" => "R³ → R⁵".to_owned(),
        _ => match (body.rsplit_once('_'), variables(body)) {
            (Some((name, _)), Some(n)) => format!("{} N = {n}", name.replace('_', " ")),
            _ => body.replace('_', " "),
        },
    }
}

fn ratio(times: &BTreeMap<String, f64>, numerator: &str, denominator: &str) -> Option<f64> {
    Some(times.get(numerator)? / times.get(denominator)?)
}

fn time_cell(nanoseconds: Option<&f64>) -> String {
    match nanoseconds {
        None => "—".to_owned(),
        Some(&ns) if ns < 100.0 => format!("{ns:.1} ns"),
        Some(&ns) if ns < 1e3 => format!("{ns:.0} ns"),
        Some(&ns) if ns < 1e6 => format!("{:.2} µs", ns / 1e3),
        Some(&ns) => format!("{:.2} ms", ns / 1e6),
    }
}

fn ratio_cell(ratio: Option<f64>) -> String {
    match ratio {
        None => "—".to_owned(),
        Some(r) if r < 10.0 => format!("{r:.2}×"),
        Some(r) => format!("{r:.1}×"),
    }
}

fn render_machine(out: &mut String) {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get().to_string())
        .unwrap_or_else(|_| "unknown".to_owned());
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, model)| model.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown (no /proc/cpuinfo)".to_owned());
    let rustc = Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()))
        .arg("--version")
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .unwrap_or_else(|| "unknown".to_owned());
    out.push_str(&format!(
        "Machine: {cores} cores (nproc), CPU: {cpu}; {rustc}.\n\
         Reproduce: `cargo bench -p monodual-compare && cargo run --release -p monodual-compare --example perf_table`.\n"
    ));
}
