//! Bad input through the binary: a clear message, exit code 2, never a panic; an existing
//! output file survives every failed run.

mod cli_support;

use std::path::Path;

use cli_support::{bad_input, example, ok, run};

fn csv(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn bad_values_are_reported_with_file_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let f = csv(dir.path(), "bad.csv", "1,1\n1,x,0\n# fine\n1, 2\n");
    let err = bad_input(&["analyze", &f, "--field", "2"], &[]);
    assert!(
        err.contains(&format!("{f}:2:3: c1: 'x' is not an integer")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{f}:4:4: c1: 2 is not an element of GF(2) (allowed 0 to 1)"
        )),
        "{err}"
    );
}

#[test]
fn non_integer_out_of_range_negative_and_empty_rows() {
    let dir = tempfile::tempdir().unwrap();
    for (text, needle) in [
        ("1,0.5\n", "not an integer"),
        ("1,a\n", "not an integer"),
        ("1,7\n", "7 is not an element of GF(5) (allowed 0 to 4)"),
        ("1,-1\n", "negative"),
        ("1,1\n,\n", ":2:1: c0: empty value"),
        ("1,,1\n", ":1:3: c1: empty value"),
        ("1,1,\n", "c2: empty value"),
    ] {
        let f = csv(dir.path(), "in.csv", text);
        bad_input(&["analyze", &f, "--field", "5"], &[needle]);
    }
}

#[test]
fn empty_missing_and_directory_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let empty = csv(dir.path(), "empty.csv", "");
    bad_input(&["analyze", &empty, "--field", "2"], &["no LFSR rows"]);
    let comments = csv(dir.path(), "comments.csv", "# nothing\n\n  \n");
    bad_input(&["analyze", &comments, "--field", "2"], &["no LFSR rows"]);
    let missing = dir.path().join("missing.csv").display().to_string();
    bad_input(
        &["analyze", &missing, "--field", "2"],
        &["missing.csv", "no such file"],
    );
    let d = dir.path().display().to_string();
    bad_input(&["analyze", &d, "--field", "2"], &["is a directory"]);
}

#[test]
fn invalid_fields() {
    let f = example("reference-gf2.csv");
    for q in ["6", "12", "1", "0", "100"] {
        bad_input(
            &["analyze", &f, "--field", q],
            &[&format!("invalid --field {q}")],
        );
    }
    bad_input(&["poly", "x+1", "--field", "10"], &["invalid --field 10"]);
    bad_input(
        &["census", "--degree", "2", "--field", "15"],
        &["invalid --field 15"],
    );
    // Not a number at all: a usage error from the parser.
    bad_input(&["analyze", &f, "--field", "two"], &["--field"]);
}

#[test]
fn usage_errors_exit_2() {
    let f = example("reference-gf2.csv");
    bad_input(&[], &["Usage"]);
    bad_input(&["analyze", &f], &["--field"]);
    bad_input(&["frobnicate"], &["frobnicate"]);
    bad_input(
        &["analyze", &f, "--field", "2", "--pool", "turbo"],
        &["unknown pool 'turbo'"],
    );
    bad_input(
        &["analyze", &f, "--field", "2", "--workers", "0"],
        &["--workers"],
    );
    bad_input(
        &["analyze", &f, "--field", "2", "--format", "xml"],
        &["xml"],
    );
    bad_input(
        &["analyze", &f, "--field", "2", "--method", "guess"],
        &["guess"],
    );
    bad_input(
        &[
            "analyze",
            &f,
            "--field",
            "2",
            "--pool",
            "fresh",
            "--idle-timeout",
            "5ms",
        ],
        &["--idle-timeout only applies"],
    );
    bad_input(
        &[
            "census",
            "--degree",
            "4",
            "--field",
            "2",
            "--idle-timeout",
            "soon",
        ],
        &["soon"],
    );
    bad_input(&["census", "--degree", "0", "--field", "2"], &["--degree"]);
    // 2^33 rows are too many to write, but not too many to summarize
    bad_input(
        &["census", "--degree", "34", "--field", "2"],
        &["too many rows", "--summary"],
    );
    bad_input(
        &["census", "--degree", "80", "--field", "3", "--summary"],
        &["too large", "2^120"],
    );
    bad_input(
        &[
            "census",
            "--degree",
            "5",
            "--field",
            "2",
            "--summary",
            "--method",
            "enumerate",
        ],
        &["--method", "--summary"],
    );
    bad_input(
        &["poly", "x^2+y", "--field", "2"],
        &["cannot read the polynomial"],
    );
    bad_input(&["poly", "1", "--field", "2"], &["degree at least 1"]);
    // Help and version are not errors.
    assert!(ok(&["--help"]).contains("census"));
    assert!(ok(&["--version"]).contains(env!("CARGO_PKG_VERSION")));
}

#[cfg(feature = "pool-idle-timeout")]
#[test]
fn an_absurd_idle_timeout_is_refused() {
    // 10^19 s once overflowed the pool's deadline arithmetic (a panic on the reaper thread,
    // exit 0); the CLI now refuses anything beyond a day.
    let base = [
        "census",
        "--degree",
        "6",
        "--field",
        "2",
        "--pool",
        "idle-timeout",
    ];
    for too_long in ["10000000000000000000s", "25h"] {
        let mut args = base.to_vec();
        args.extend(["--idle-timeout", too_long]);
        bad_input(&args, &[too_long, "24h"]);
    }
    let mut args = base.to_vec();
    args.extend(["--idle-timeout", "24h", "-q"]);
    ok(&args);
}

#[test]
fn enumeration_too_large_is_refused_up_front() {
    let dir = tempfile::tempdir().unwrap();
    let row = vec!["1"; 48].join(",");
    let f = csv(dir.path(), "big.csv", &format!("1,1\n{row}\n"));
    bad_input(
        &[
            "analyze",
            &f,
            "--field",
            "2",
            "--method",
            "enumerate",
            "--period-only",
        ],
        &[":2:1:", "bytes"],
    );
    bad_input(
        &["analyze", &f, "--field", "2", "--method", "enumerate"],
        &[":2:1:", "bytes"],
    );
}

#[test]
fn output_directory_missing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir
        .path()
        .join("no/such/dir/report.txt")
        .display()
        .to_string();
    bad_input(
        &[
            "analyze",
            &example("reference-gf2.csv"),
            "--field",
            "2",
            "-o",
            &out,
        ],
        &["does not exist"],
    );
    let d = dir.path().display().to_string();
    bad_input(
        &[
            "analyze",
            &example("reference-gf2.csv"),
            "--field",
            "2",
            "-o",
            &d,
        ],
        &["is a directory"],
    );
}

#[test]
fn existing_output_survives_failures_and_is_replaced_on_success() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    std::fs::write(&out, "precious").unwrap();
    let o = out.display().to_string();
    let bad = csv(dir.path(), "bad.csv", "1,9\n");
    bad_input(
        &["analyze", &bad, "--field", "2", "-o", &o],
        &["not an element of GF(2)"],
    );
    bad_input(
        &["analyze", &bad, "--field", "6", "-o", &o],
        &["invalid --field"],
    );
    bad_input(
        &["analyze", &bad, "--field", "2", "--pool", "nope", "-o", &o],
        &["unknown pool"],
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
    let good = csv(dir.path(), "good.csv", "1,1\n");
    ok(&[
        "analyze", &good, "--field", "2", "--format", "json", "-o", &o, "-q",
    ]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("{\"tool\":\"lfsr-map\""), "{text}");
    // No temporary file is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn failure_mid_run_keeps_output_intact() {
    // Interrupt a run: the output only appears complete, or not at all.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.txt");
    std::fs::write(&out, "old").unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lfsr-map"))
        .args(["census", "--degree", "14", "--field", "2", "-q", "-o"])
        .arg(&out)
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(50));
    let _ = child.kill();
    let status = child.wait().unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    if status.success() {
        assert!(text.contains("CENSUS SUMMARY"), "complete report");
    } else {
        assert_eq!(text, "old");
    }
}

#[test]
fn no_panic_on_odd_but_valid_input() {
    let dir = tempfile::tempdir().unwrap();
    let f = csv(
        dir.path(),
        "odd.csv",
        "\u{feff}# bom\r\n  1 ,\t1 \r\n\r\n0\n",
    );
    let out = run(&["analyze", &f, "--field", "2", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", cli_support::stderr(&out));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    // rows, every state of every LFSR visited
    interrupt(&[
        "census",
        "--degree",
        "16",
        "--field",
        "2",
        "--method",
        "enumerate",
    ]);
    // the summary alone (degree 48 over GF(2) takes minutes)
    interrupt(&["census", "--summary", "--degree", "48", "--field", "2"]);
}

/// SIGINT mid-run: exit code 1, the old output intact, no temporary file left.
#[cfg(unix)]
fn interrupt(args: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.txt");
    std::fs::write(&out, "old").unwrap();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_lfsr-map"))
        .args(args)
        .args(["--stats", "-o"])
        .arg(&out)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let tmp_exists = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".tmp"))
    };
    // The temporary output appears right before the handler is installed and work starts.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !tmp_exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "the run never started"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let result = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{args:?}: {err}");
    assert!(err.contains("interrupted"), "{args:?}: {err}");
    assert!(
        err.contains("threads_alive_after_shutdown=0"),
        "{args:?}: {err}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old", "{args:?}");
    assert!(!tmp_exists(), "{args:?}: the temporary file is removed");
}

#[cfg(unix)]
#[test]
fn endless_or_huge_input_is_refused_not_read_into_memory() {
    // /dev/zero never ends: reading all of it once allocated without bound.
    bad_input(
        &["analyze", "/dev/zero", "--field", "2", "-q"],
        &["/dev/zero", "larger than the limit of 32 MiB"],
    );
    let dir = tempfile::tempdir().unwrap();
    let rows = "1\n".repeat((1 << 20) + 1);
    let f = csv(dir.path(), "many.csv", &rows);
    bad_input(
        &["analyze", &f, "--field", "2", "-q"],
        &["many.csv:1048577", "more than 1048576 LFSR rows"],
    );
}

#[test]
fn degrees_beyond_the_algebra_limits_are_refused() {
    // x^65536 - 1 over GF(3) once ran for minutes in 16 GB; x^16384 + 2 for 40 s in 1 GB.
    let dir = tempfile::tempdir().unwrap();
    let row = |d: usize| format!("1{}\n", ",0".repeat(d - 1));
    let f = csv(dir.path(), "big3.csv", &format!("1,1\n{}", row(65536)));
    bad_input(
        &["analyze", &f, "--field", "3", "-q"],
        &["big3.csv:2:1", "degree 65536", "limit of 1024 for GF(3)"],
    );
    let f = csv(dir.path(), "big2.csv", &row(50001));
    bad_input(
        &["analyze", &f, "--field", "2", "-q"],
        &["big2.csv:1:1", "degree 50001", "limit of 50000 for GF(2)"],
    );
    bad_input(
        &["poly", "x^16384+2", "--field", "3"],
        &["degree 16384", "limit of 1024 for GF(3)"],
    );
    bad_input(
        &["poly", "x^50001+1", "--field", "2"],
        &["degree 50001", "limit of 50000 for GF(2)"],
    );
    // The limits themselves are accepted.
    // (x + 1)^32768 has order 2^15; x^50000 + x^49999 = x^49999 (x + 1) is singular.
    assert!(ok(&["poly", "x^32768+1", "--field", "2", "-q"]).contains("ORDER: 32768"));
    let out = ok(&["poly", "x^50000+x^49999", "--field", "2", "-q"]);
    assert!(
        out.contains("ORDER: infinite") && out.contains("49999"),
        "{out}"
    );
    assert!(ok(&["poly", "x^1024+x^1023", "--field", "3", "-q"]).contains("x + 1"));
}

#[test]
fn many_bad_rows_are_listed_up_to_50_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let f = csv(dir.path(), "bad.csv", &"1,x\n".repeat(60));
    let err = bad_input(
        &["analyze", &f, "--field", "2"],
        &["bad.csv:50:3", "... and 10 more errors"],
    );
    assert!(!err.contains("bad.csv:51:"), "{err}");
    assert_eq!(err.lines().count(), 51, "{err}");
}

#[test]
fn minus_zero_is_not_called_negative() {
    let dir = tempfile::tempdir().unwrap();
    let f = csv(dir.path(), "m.csv", "1,-0\n");
    let err = bad_input(&["analyze", &f, "--field", "2"], &["m.csv:1:3", "-0"]);
    assert!(!err.contains("negative"), "{err}");
}

#[test]
fn huge_values_are_not_echoed_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let value = "7".repeat(1 << 20);
    let f = csv(dir.path(), "v.csv", &format!("1,{value}\n1,x{value}\n"));
    let err = bad_input(
        &["analyze", &f, "--field", "2"],
        &["v.csv:1:3", "v.csv:2:3", "(1048577 characters)"],
    );
    assert!(err.len() < 1000, "{} bytes of message", err.len());
    // One argument may hold at most 128 KiB on Linux.
    let poly = format!("x^2+y{}", &value[..100_000]);
    let err = bad_input(&["poly", &poly, "--field", "2"], &["cannot read"]);
    assert!(err.len() < 1000, "{} bytes of message", err.len());
}

#[test]
fn dash_reads_standard_input() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let analyze = |input: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lfsr-map"))
            .args(["analyze", "-", "--field", "2", "--format", "csv", "-q"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = analyze("# x^2 + x + 1\n1,1\n");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\n1,1 1,2,2,x^2 + x + 1,"), "{text}");
    let out = analyze("1,2\n");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("<stdin>:1:3: c1: 2 is not an element of GF(2)"),
        "{err}"
    );
}
