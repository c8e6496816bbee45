//! `lfsr-map find`, `analyze --poly`, polynomial files, CSV headers and the `--field` forms,
//! through the binary. Known answers: galois 0.4.11 (`galois.primitive_polys`, the same lists
//! as crates/gf-core/tests/data/galois_find.txt), OEIS A011260 (numbers of primitive
//! polynomials over GF(2)) and the reference's cycle structures.

mod cli_support;

use std::path::Path;

use cli_support::{bad_input, cycles, json, ok, run, stderr};

fn file(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn find_lists_galois_polynomials_in_galois_order() {
    // galois.primitive_polys(2, 4), galois.primitive_poly(2, 8), galois.primitive_polys(3, 2).
    assert_eq!(
        ok(&[
            "find",
            "--degree",
            "4",
            "--field",
            "2",
            "--primitive",
            "--all"
        ]),
        "x^4 + x + 1\nx^4 + x^3 + 1\n"
    );
    assert_eq!(
        ok(&["find", "--degree", "8", "--field", "2", "--primitive"]),
        "x^8 + x^4 + x^3 + x^2 + 1\n"
    );
    assert_eq!(
        ok(&[
            "find",
            "--degree",
            "2",
            "--field",
            "3",
            "--primitive",
            "--first",
            "2"
        ]),
        "x^2 + x + 2\nx^2 + 2*x + 2\n"
    );
    // galois.primitive_poly(2, 32, terms=5); galois.primitive_poly(2, 127, terms=3).
    assert_eq!(
        ok(&[
            "find",
            "--degree",
            "32",
            "--field",
            "2",
            "--primitive",
            "--weight",
            "5"
        ]),
        "x^32 + x^7 + x^6 + x^2 + 1\n"
    );
    assert_eq!(
        ok(&[
            "find",
            "--degree",
            "127",
            "--field",
            "2",
            "--primitive",
            "--weight",
            "3"
        ]),
        "x^127 + x + 1\n"
    );
    // GF(4) written three ways: galois.primitive_polys(4, 2)[:2].
    for field in ["4", "2^2", "GF(2^2)"] {
        assert_eq!(
            ok(&[
                "find",
                "--degree",
                "2",
                "--field",
                field,
                "--primitive",
                "--first",
                "2"
            ]),
            "x^2 + x + a\nx^2 + x + a + 1\n"
        );
    }
}

#[test]
fn find_all_counts_are_phi_over_d() {
    // OEIS A011260: primitive polynomials of degree 1..10 over GF(2).
    let a011260 = [1, 1, 2, 2, 6, 6, 18, 16, 48, 60];
    for (d, want) in (1..).zip(a011260) {
        let d = d.to_string();
        let text = ok(&[
            "find",
            "--degree",
            &d,
            "--field",
            "2",
            "--primitive",
            "--all",
        ]);
        assert_eq!(text.lines().count(), want, "degree {d}");
    }
    // Irreducible over GF(3), degree 4: (3^4 - 3^2)/4 = 18.
    let text = ok(&[
        "find",
        "--degree",
        "4",
        "--field",
        "3",
        "--irreducible",
        "--all",
    ]);
    assert_eq!(text.lines().count(), 18);
    // Asking for more than there are: all of them, and a note on stderr; exit 0.
    let out = run(&[
        "find",
        "--degree",
        "3",
        "--field",
        "2",
        "--primitive",
        "--first",
        "5",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
    assert!(
        stderr(&out).contains("there are only 2 primitive polynomials of degree 3"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn find_rows_go_straight_into_analyze() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prim.csv").display().to_string();
    ok(&[
        "find",
        "--degree",
        "6",
        "--field",
        "2",
        "--primitive",
        "--all",
        "--format",
        "csv",
        "-o",
        &out,
    ]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("c0,c1,c2,c3,c4,c5\n"), "{text}");
    let report = json(&["analyze", &out, "--field", "2", "--method", "algebraic"]);
    let analyses = report["analyses"].as_array().unwrap();
    assert_eq!(analyses.len(), 6);
    for a in analyses {
        assert_eq!(a["primitive"], true);
        assert_eq!(cycles(a), [(1, 1), (63, 1)]);
    }
    // The text output (one polynomial per line) is an input too.
    let polys = dir.path().join("prim.txt").display().to_string();
    ok(&[
        "find",
        "--degree",
        "3",
        "--field",
        "9",
        "--primitive",
        "--first",
        "3",
        "-o",
        &polys,
    ]);
    let report = json(&["analyze", &polys, "--field", "GF(3^2)"]);
    let analyses = report["analyses"].as_array().unwrap();
    assert_eq!(analyses.len(), 3);
    for a in analyses {
        assert_eq!(cycles(a), [(1, 1), (728, 1)]);
    }
}

#[test]
fn find_json_is_one_document_with_a_polynomial_per_line() {
    let v = json(&[
        "find",
        "--degree",
        "5",
        "--field",
        "2",
        "--primitive",
        "--weight",
        "3",
        "--all",
    ]);
    assert_eq!(v["field"], 2);
    assert_eq!(v["find"]["weight"], 3);
    assert_eq!(v["find"]["order"], "ascending");
    let polys = v["polynomials"].as_array().unwrap();
    let names: Vec<&str> = polys
        .iter()
        .map(|p| p["polynomial"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["x^5 + x^2 + 1", "x^5 + x^3 + 1"]);
    assert_eq!(polys[0]["coefficients"], serde_json::json!([1, 0, 1, 0, 0]));
    let text = ok(&[
        "find",
        "--degree",
        "5",
        "--field",
        "2",
        "--primitive",
        "--all",
        "--format",
        "json",
    ]);
    assert_eq!(text.lines().count(), 6 + 2);
}

#[test]
fn find_random_is_reproducible_and_primitive() {
    let args = |seed: &str| {
        ok(&[
            "find",
            "--degree",
            "12",
            "--field",
            "2",
            "--primitive",
            "--random",
            "--seed",
            seed,
            "--count",
            "5",
            "--format",
            "csv",
        ])
    };
    let a = args("7");
    assert_eq!(a, args("7"));
    assert_ne!(a, args("8"));
    // Each is primitive by enumeration: one cycle of 4095 states (checked against the
    // algebra by the mapper).
    let dir = tempfile::tempdir().unwrap();
    let f = file(dir.path(), "random.csv", &a);
    let report = json(&[
        "analyze",
        &f,
        "--field",
        "2",
        "--method",
        "enumerate",
        "--period-only",
    ]);
    let analyses = report["analyses"].as_array().unwrap();
    assert_eq!(analyses.len(), 5);
    for a in analyses {
        assert_eq!(cycles(a), [(1, 1), (4095, 1)]);
    }
}

#[test]
fn find_refuses_impossible_weights_with_the_reason() {
    let base = ["find", "--field", "2", "--primitive"];
    let with = |extra: &[&'static str]| [&base[..], extra].concat();
    bad_input(
        &with(&["--degree", "1000", "--weight", "3"]),
        &["--weight 3", "Swan's theorem", "multiple of 8"],
    );
    bad_input(
        &with(&["--degree", "10", "--weight", "4"]),
        &["--weight 4", "even number of terms", "root 1"],
    );
    bad_input(
        &with(&["--degree", "5", "--weight", "7"]),
        &["--weight 7", "1 to 6 terms"],
    );
    bad_input(
        &with(&["--degree", "5", "--weight", "1"]),
        &["--weight 1", "x^5"],
    );
    bad_input(&with(&["--degree", "5", "--weight", "0"]), &["--weight"]);
}

#[test]
fn find_bad_flags_are_named() {
    let b = ["find", "--degree", "4", "--field", "2"];
    let with = |extra: &[&'static str]| [&b[..], extra].concat();
    bad_input(&with(&["--primitive", "--first", "0"]), &["--first"]);
    bad_input(
        &with(&["--primitive", "--irreducible"]),
        &["--primitive", "--irreducible"],
    );
    bad_input(&with(&[]), &["--primitive", "--irreducible"]);
    bad_input(
        &with(&["--primitive", "--all", "--first", "2"]),
        &["--all", "--first"],
    );
    bad_input(&with(&["--primitive", "--random"]), &["--seed"]);
    bad_input(&with(&["--primitive", "--seed", "3"]), &["--random"]);
    bad_input(
        &with(&["--primitive", "--random", "--seed", "1", "--all"]),
        &["--all", "--random"],
    );
    bad_input(
        &with(&["--primitive", "--random", "--seed", "x"]),
        &["--seed"],
    );
    bad_input(
        &["find", "--degree", "0", "--field", "2", "--primitive"],
        &["--degree"],
    );
    bad_input(
        &["find", "--degree", "50001", "--field", "2", "--primitive"],
        &["--degree 50001", "limit of 50000"],
    );
    bad_input(
        &["find", "--degree", "1025", "--field", "3", "--irreducible"],
        &["--degree 1025", "limit of 1024"],
    );
    bad_input(
        &["find", "--degree", "4", "--field", "6", "--primitive"],
        &["--field", "6", "not a prime power"],
    );
    // A random search over a space with none: an input error with the reason, not a hang.
    bad_input(
        &[
            "find",
            "--degree",
            "2",
            "--field",
            "3",
            "--primitive",
            "--weight",
            "2",
            "--random",
            "--seed",
            "1",
        ],
        &["--random", "none of 2 random candidates"],
    );
}

#[test]
fn field_forms_are_accepted_everywhere_and_errors_name_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let f = file(dir.path(), "gf4.csv", "2,1\n");
    let want = ok(&["analyze", &f, "--field", "4", "--format", "json"]);
    for form in ["2^2", "GF(4)", "GF(2^2)", "gf(2**2)"] {
        assert_eq!(
            ok(&["analyze", &f, "--field", form, "--format", "json"]),
            want,
            "{form}"
        );
        ok(&["poly", "x^2 + x + a", "--field", form]);
        ok(&["census", "--degree", "2", "--field", form, "--summary"]);
    }
    for bad in ["6", "GF(6)", "2^", "GF(4", "four", "2^64"] {
        bad_input(&["analyze", &f, "--field", bad], &["--field", bad]);
        bad_input(&["poly", "x", "--field", bad], &["--field"]);
    }
}

#[test]
fn analyze_poly_is_the_coefficient_row() {
    let by_row = {
        let dir = tempfile::tempdir().unwrap();
        let f = file(dir.path(), "r.csv", "1,1,0,1\n");
        json(&["analyze", &f, "--field", "2"])
    };
    // x^4 + x^3 + x + 1 (the reference's [1,1,0,1]) in several spellings.
    for text in [
        "x^4 + x^3 + x + 1",
        "x**4+x**3+x+1",
        "X^4 + X^3 + X + 1",
        "(x+1)^2(x^2+x+1)",
    ] {
        let v = json(&["analyze", "--poly", text, "--field", "2"]);
        assert_eq!(
            v["analyses"][0]["coefficients"], by_row["analyses"][0]["coefficients"],
            "{text}"
        );
        assert_eq!(cycles(&v["analyses"][0]), [(1, 2), (2, 1), (3, 2), (6, 1)]);
    }
    // Over GF(3): x^3 + 2x^2 + x + 2 is [1, 2, 1] (conventions section 1).
    let v = json(&["analyze", "--poly", "x^3 + 2x^2 + x + 2", "--field", "3"]);
    assert_eq!(
        v["analyses"][0]["coefficients"],
        serde_json::json!([1, 2, 1])
    );
    assert_eq!(cycles(&v["analyses"][0]), [(1, 3), (4, 6)]);
    // Repeated: several LFSRs; GF(4) with `a`: x^3 + x^2 + x + a is [2, 1, 1], primitive.
    let v = json(&[
        "analyze",
        "--poly",
        "x^3 + x^2 + x + a",
        "--poly",
        "x^2 + 1",
        "--field",
        "4",
    ]);
    assert_eq!(
        v["analyses"][0]["coefficients"],
        serde_json::json!([2, 1, 1])
    );
    assert_eq!(cycles(&v["analyses"][0]), [(1, 1), (63, 1)]);
    assert_eq!(cycles(&v["analyses"][1]), [(1, 4), (2, 6)]);
}

#[test]
fn analyze_poly_bad_input_is_exit_2_with_the_column() {
    bad_input(
        &["analyze", "--poly", "x^4 + y", "--field", "2"],
        &["--poly #1: column 7", "unexpected 'y'"],
    );
    bad_input(
        &[
            "analyze", "--poly", "x^2+1", "--poly", "2x^2 + 1", "--field", "3",
        ],
        &["--poly #2", "not monic"],
    );
    bad_input(&["analyze", "--poly", "1", "--field", "3"], &["degree 0"]);
    bad_input(
        &["analyze", "--poly", "x^50001 + 1", "--field", "2"],
        &["--poly:1:1", "degree 50001", "limit of 50000"],
    );
    bad_input(
        &["analyze", "--poly", "x^1025 + 1", "--field", "3"],
        &["--poly:1:1", "degree 1025", "limit of 1024 for GF(3)"],
    );
    bad_input(&["analyze", "--field", "2"], &["FILE"]);
    let dir = tempfile::tempdir().unwrap();
    let f = file(dir.path(), "r.csv", "1,1\n");
    bad_input(
        &["analyze", &f, "--poly", "x+1", "--field", "2"],
        &["--poly"],
    );
}

#[test]
fn csv_headers_and_polynomial_files() {
    let dir = tempfile::tempdir().unwrap();
    let plain = file(dir.path(), "plain.csv", "1,1,0\n1,0,1,1\n");
    let want = json(&["analyze", &plain, "--field", "2"]);
    let header = file(dir.path(), "header.csv", "# two LFSRs\nc0,c1,c2\n1,1,0\n");
    let got = json(&["analyze", &header, "--field", "2"]);
    assert_eq!(got["analyses"][0]["cycles"], want["analyses"][0]["cycles"]);
    let polys = file(
        dir.path(),
        "polys.txt",
        "x^3 + x + 1\n# comment\nx^4 + x^3 + x^2 + 1\n",
    );
    let got = json(&["analyze", &polys, "--field", "2"]);
    assert_eq!(got["analyses"], want["analyses"]);
    let named = file(
        dir.path(),
        "named.csv",
        "name,poly\nfirst,x^3 + x + 1\nsecond, x^4+x^3+x^2+1\n",
    );
    let got = json(&["analyze", &named, "--field", "2"]);
    assert_eq!(got["analyses"], want["analyses"]);
    // Errors: file, row, column.
    let bad = file(dir.path(), "bad.csv", "c0,c2\n1,1\n");
    bad_input(
        &["analyze", &bad, "--field", "2"],
        &["bad.csv:1:4: header column 2: expected 'c1'"],
    );
    let bad = file(dir.path(), "bad2.csv", "c0,c1\n1,1\n1,1,1\n");
    bad_input(
        &["analyze", &bad, "--field", "2"],
        &["bad2.csv:3:1: 3 values, but the header names 2"],
    );
    let bad = file(dir.path(), "bad3.csv", "name,poly\nA, x^3 + 2x + 1\n");
    bad_input(
        &["analyze", &bad, "--field", "2"],
        &["bad3.csv:2:10: poly: 2 is not an element of GF(2)"],
    );
    let bad = file(dir.path(), "bad4.txt", "x^3 + x + 1\nx^3 + x +\n");
    bad_input(&["analyze", &bad, "--field", "2"], &["bad4.txt:2:10:"]);
}

#[test]
fn analyze_help_states_the_polynomial_convention() {
    let help = ok(&["analyze", "--help"]);
    assert!(help.contains("x^d - sum c_i x^i"), "{help}");
    assert!(help.contains("connection (feedback) polynomial"), "{help}");
    assert!(help.contains("x^d f(1/x)"), "{help}");
    let help = ok(&["find", "--help"]);
    assert!(help.contains("galois"), "{help}");
    assert!(help.contains("q^d + sum c_i q^i"), "{help}");
}
