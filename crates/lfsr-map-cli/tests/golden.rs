//! The binary's output, byte for byte, against the outputs recorded at commit c3bd24f (before
//! the binary moved into this crate and the JSON report got its own serde types): see
//! `tests/data/golden/README.md`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn golden() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/golden")
}

/// The first line where `got` and `want` differ, for a readable failure.
fn first_difference(got: &[u8], want: &[u8]) -> String {
    let got = String::from_utf8_lossy(got);
    let want = String::from_utf8_lossy(want);
    for (n, (g, w)) in got.lines().zip(want.lines()).enumerate() {
        if g != w {
            let cut = |s: &str| s.chars().take(300).collect::<String>();
            return format!("line {}:\n  got:  {}\n  want: {}", n + 1, cut(g), cut(w));
        }
    }
    format!(
        "one is a prefix of the other ({} vs {} lines)",
        got.lines().count(),
        want.lines().count()
    )
}

#[test]
fn every_recorded_case_is_reproduced_byte_for_byte() {
    let dir = golden();
    let cases = std::fs::read_to_string(dir.join("cases.tsv")).expect("cases.tsv is readable");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut failures = Vec::new();
    let mut count = 0;
    for line in cases.lines().filter(|l| !l.is_empty()) {
        let mut fields = line.split('\t');
        let name = fields.next().expect("a case name");
        let args: Vec<&str> = fields.collect();
        assert!(!args.is_empty(), "case {name} has arguments");
        let want = std::fs::read(dir.join(format!("{name}.out"))).expect("the golden file");
        let out = Command::new(env!("CARGO_BIN_EXE_lfsr-map"))
            .current_dir(&root)
            .args(&args)
            .args(["-q", "--no-progress", "--no-run-info"])
            .output()
            .expect("the lfsr-map binary runs");
        count += 1;
        if !out.status.success() || !out.stderr.is_empty() {
            failures.push(format!(
                "{name}: status {}, stderr {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            ));
        } else if out.stdout != want {
            failures.push(format!("{name}: {}", first_difference(&out.stdout, &want)));
        }
    }
    // 6 example files x 3 formats x 3 modes, 2 censuses x 2 formats, 7 polynomials x 2 formats.
    assert_eq!(count, 54 + 4 + 14, "the number of recorded cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
