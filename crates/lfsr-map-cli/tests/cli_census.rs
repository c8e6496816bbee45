//! `lfsr-map census`: rows and summary through the binary, `--summary` alone, the forms of the
//! summary, and the same bytes for every pool and worker count.

mod cli_support;

use cli_support::{json, ok, run, stderr};
use serde_json::Value;

/// The `census` object of `lfsr-map census ARGS --format json`.
fn census(args: &[&str]) -> Value {
    let mut all = vec!["census"];
    all.extend_from_slice(args);
    json(&all)["census"].clone()
}

#[test]
fn the_summary_alone_equals_the_summary_of_the_rows() {
    for (q, d) in [("2", "9"), ("3", "4"), ("4", "3"), ("5", "3")] {
        for singular in [false, true] {
            let mut args = vec!["--field", q, "--degree", d, "--cycle-structures"];
            if singular {
                args.push("--include-singular");
            }
            let rows_doc = json(&[&["census"], args.as_slice()].concat());
            let mut alone_args = args.clone();
            alone_args.push("--summary");
            let alone = json(&[&["census"], alone_args.as_slice()].concat());
            assert_eq!(alone["census"], rows_doc["census"], "GF({q}) d {d}");
            assert_eq!(alone["analyses"], Value::Array(vec![]), "no rows");
            // every tally adds up to the number of LFSRs, which the rows confirm
            let rows = rows_doc["analyses"].as_array().unwrap();
            let s = &alone["census"];
            assert_eq!(s["lfsrs"].as_u64(), Some(rows.len() as u64));
            for (tally, key) in [
                ("max_periods", "count"),
                ("cycle_counts", "count"),
                ("factor_patterns", "count"),
                ("cycle_structures", "count"),
            ] {
                let sum: u64 = s[tally]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| e[key].as_u64().unwrap())
                    .sum();
                assert_eq!(sum, rows.len() as u64, "{tally} GF({q}) d {d}");
            }
            // and the counts are those of the rows themselves
            let primitive = rows.iter().filter(|a| a["primitive"] == true).count();
            assert_eq!(s["primitive"].as_u64(), Some(primitive as u64));
            let cycles_of = |n: u64| {
                rows.iter()
                    .filter(|a| a["cycle_count"].as_u64() == Some(n))
                    .count() as u64
            };
            for e in s["cycle_counts"].as_array().unwrap() {
                let n = e["cycles"].as_u64().unwrap();
                assert_eq!(e["count"].as_u64(), Some(cycles_of(n)), "{n} cycles");
            }
        }
    }
}

#[test]
fn rows_use_the_algebra_by_default_and_enumerate_when_asked() {
    let doc = json(&["census", "--field", "2", "--degree", "5"]);
    let rows = doc["analyses"].as_array().unwrap();
    assert_eq!(rows.len(), 16);
    assert!(rows.iter().all(|a| a["method"] == "algebraic"));
    let doc = json(&[
        "census",
        "--field",
        "2",
        "--degree",
        "5",
        "--method",
        "enumerate",
    ]);
    let enumerated = doc["analyses"].as_array().unwrap();
    assert!(enumerated.iter().all(|a| a["method"] == "enumerate"));
    // the same cycle structures either way
    for (a, e) in rows.iter().zip(enumerated) {
        assert_eq!(a["cycles"], e["cycles"]);
        assert_eq!(a["coefficients"], e["coefficients"]);
    }
    // the census order: c0 varies fastest (c0 = 1 only here), then c1, ...
    assert_eq!(rows[1]["coefficients"], serde_json::json!([1, 1, 0, 0, 0]));
    assert_eq!(rows[2]["coefficients"], serde_json::json!([1, 0, 1, 0, 0]));
}

#[test]
fn a_large_summary_has_exact_counts() {
    // Degree 26 over GF(2): 2^25 LFSRs, counted without analyzing them one by one.
    let s = census(&["--field", "2", "--degree", "26", "--summary"]);
    assert_eq!(s["lfsrs"].as_u64(), Some(1 << 25));
    // phi(2^26 - 1) / 26 = 2 * 2730 * 8190 / 26 (2^26 - 1 = 3 * 2731 * 8191)
    assert_eq!(s["primitive"].as_u64(), Some(1_719_900));
    // Gauss: (2^26 - 2^13 - 2^2 + 2) / 26
    assert_eq!(s["irreducible"].as_u64(), Some(2_580_795));
    assert!(s.get("cycle_structures").is_none(), "only when asked");
}

#[test]
fn the_text_and_csv_summaries_carry_the_tallies() {
    let text = ok(&["census", "--field", "2", "--degree", "4", "--summary", "-q"]);
    for section in [
        "CENSUS SUMMARY: degree 4, 8 LFSRs",
        "MAX PERIOD DISTRIBUTION",
        "NUMBER OF CYCLES",
        "FACTORIZATION PATTERNS",
    ] {
        assert!(text.contains(section), "{section} in {text}");
    }
    assert!(!text.contains("COEFFS"), "no rows: {text}");
    let csv = ok(&[
        "census",
        "--field",
        "2",
        "--degree",
        "4",
        "--summary",
        "--format",
        "csv",
        "-q",
    ]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert_eq!(
        lines[1],
        "# degree,include_singular,lfsrs,primitive,irreducible,singular,max_periods,\
         cycle_counts,factor_patterns"
    );
    // x^4+x+1, x^4+x^3+1 (15), x^4+x^3+x^2+x+1 (5); (x+1)(x^3+...) twice (7); (x^2+x+1)^2 (6);
    // (x+1)^2 (x^2+x+1) (6); (x+1)^4 (4)
    assert!(
        lines[2].starts_with("# 4,false,8,2,3,0,4:1 5:1 6:2 7:2 15:2,"),
        "{csv}"
    );
    assert!(
        lines[2].ends_with(",1*3:2 1^2*2:1 1^4:1 2^2:1 4:3"),
        "{csv}"
    );
}

#[test]
fn the_same_bytes_for_every_pool_and_worker_count() {
    let pools = ["simple", "idle-timeout", "scoped", "fresh", "sequential"];
    for args in [
        &[
            "census",
            "--field",
            "3",
            "--degree",
            "5",
            "--include-singular",
        ][..],
        &[
            "census",
            "--field",
            "2",
            "--degree",
            "20",
            "--summary",
            "--cycle-structures",
        ][..],
    ] {
        let mut want: Option<Vec<u8>> = None;
        for pool in pools {
            for workers in ["1", "2", "3", "4"] {
                let mut all = args.to_vec();
                all.extend([
                    "--format",
                    "json",
                    "-q",
                    "--pool",
                    pool,
                    "--workers",
                    workers,
                ]);
                let out = run(&all);
                assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
                match &want {
                    None => want = Some(out.stdout),
                    Some(w) => assert!(w == &out.stdout, "{args:?} --pool {pool} x{workers}"),
                }
            }
        }
    }
}
