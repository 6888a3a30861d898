//! Compile errors whose text is the point: the first error of a common
//! mistake names its fix.
//!
//! Each `tests/ui/NAME.rs` is a program that must not compile; its lines
//! `// first error: TEXT` list what the first error message must contain.
//! Only the first error is checked (a later one, or rustc's lists of other
//! impls, may change without the message getting worse). The cases build as
//! binaries of one fixture crate in the target directory, against this
//! checkout of monodual and the workspace's lock file.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn first_errors_name_their_fix() {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest_dir
        .join("../..")
        .canonicalize()
        .expect("workspace root");
    let fixture = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("compile-fail-fixture");
    let cases = cases(&manifest_dir.join("tests/ui"));
    assert!(!cases.is_empty(), "no cases in tests/ui");
    write_fixture(&fixture, &workspace, &cases);

    for (name, expected) in &cases {
        let output = Command::new(env!("CARGO"))
            .args([
                "check",
                "--quiet",
                "--offline",
                "--color=never",
                "--bin",
                name,
            ])
            .current_dir(&fixture)
            .env("CARGO_TARGET_DIR", fixture.join("target"))
            .output()
            .expect("cargo runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{name} compiled, but must not");
        let first = stderr
            .lines()
            .find(|line| line.starts_with("error"))
            .unwrap_or_else(|| panic!("{name}: no error line in\n{stderr}"));
        for text in expected {
            assert!(
                first.contains(text.as_str()),
                "{name}: the first error\n  {first}\ndoes not contain\n  {text}"
            );
        }
    }
}

/// Each case's name and the texts its first error must contain.
fn cases(dir: &Path) -> Vec<(String, Vec<String>)> {
    let mut cases: Vec<_> = fs::read_dir(dir)
        .expect("tests/ui")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| {
            let source = fs::read_to_string(&path).expect("case source");
            let expected = source
                .lines()
                .filter_map(|line| line.trim().strip_prefix("// first error: "))
                .map(str::to_owned)
                .collect::<Vec<_>>();
            assert!(
                !expected.is_empty(),
                "{} states no `// first error:`",
                path.display()
            );
            (
                path.file_stem().unwrap().to_string_lossy().into_owned(),
                expected,
            )
        })
        .collect();
    cases.sort();
    cases
}

/// A crate with one binary per case, depending on this checkout.
fn write_fixture(fixture: &Path, workspace: &Path, cases: &[(String, Vec<String>)]) {
    let bins = fixture.join("src/bin");
    fs::create_dir_all(&bins).expect("fixture dir");
    let manifest = format!(
        "[package]\nname = \"compile-fail-fixture\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nmonodual = {{ path = {:?} }}\nnalgebra = {{ version = \"0.35.0\", default-features = false, features = [\"std\"] }}\n\n\
         [workspace]\n",
        workspace.display().to_string()
    );
    fs::write(fixture.join("Cargo.toml"), manifest).expect("fixture manifest");
    fs::copy(workspace.join("Cargo.lock"), fixture.join("Cargo.lock")).expect("lock file");
    for (name, _) in cases {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/ui/{name}.rs"));
        fs::copy(source, bins.join(format!("{name}.rs"))).expect("case copied");
    }
}
