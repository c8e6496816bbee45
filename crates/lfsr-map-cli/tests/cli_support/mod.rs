//! Helpers shared by the `cli*` integration tests: run the real binary, parse its JSON.
#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The `examples/` directory at the workspace root.
pub fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// Path of `examples/NAME` as a string argument.
pub fn example(name: &str) -> String {
    examples().join(name).display().to_string()
}

/// Runs `lfsr-map ARGS` (no progress bar: stderr is a pipe anyway).
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lfsr-map"))
        .args(args)
        .output()
        .expect("the lfsr-map binary runs")
}

/// stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// stdout as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Asserts exit code 0 and returns stdout.
pub fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "lfsr-map {args:?} failed: {}",
        stderr(&out)
    );
    stdout(&out)
}

/// Runs with `--format json` (appended), asserts success, parses the document.
pub fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json", "-q"]);
    let text = ok(&all);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("bad JSON from {args:?}: {e}\n{text}"))
}

/// Asserts exit code 2 with a message containing every one of `needles`, and no panic.
pub fn bad_input(args: &[&str], needles: &[&str]) -> String {
    let out = run(args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "lfsr-map {args:?}: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    for needle in needles {
        assert!(err.contains(needle), "expected {needle:?} in: {err}");
    }
    err
}

/// An exact JSON integer as its decimal digits (works beyond 2^64).
pub fn int(v: &Value) -> String {
    assert!(v.is_number(), "not a number: {v}");
    let s = v.to_string();
    assert!(
        s.bytes().all(|b| b.is_ascii_digit()),
        "not an exact integer: {s}"
    );
    s
}

/// `cycles` as (period, count) pairs.
pub fn cycles(a: &Value) -> Vec<(u64, u64)> {
    a["cycles"]
        .as_array()
        .expect("cycles is a list")
        .iter()
        .map(|c| {
            (
                c["period"].as_u64().expect("period"),
                c["count"].as_u64().expect("count"),
            )
        })
        .collect()
}

/// The `--stats` line of stderr as key=value pairs.
pub fn stats(err: &str) -> Vec<(String, String)> {
    let line = err
        .lines()
        .find(|l| l.starts_with("pool stats:"))
        .unwrap_or_else(|| panic!("no stats line in: {err}"));
    line["pool stats:".len()..]
        .split_whitespace()
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// One `--stats` counter as a number.
pub fn stat(err: &str, key: &str) -> u64 {
    stats(err)
        .into_iter()
        .find(|(k, _)| k == key)
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or_else(|| panic!("no {key} in: {err}"))
}
