//! `lfsr-map sequence` and `lfsr-map synth` through the binary: outputs against the galois
//! package's vectors and hand-computed ones, the round trip sequence -> synth -> analyze,
//! and every bad input (exit 2, the message naming the flag or FILE:LINE:COLUMN).

mod cli_support;

use std::io::Write;
use std::process::{Command, Stdio};

use cli_support::{bad_input, json, ok, run, stderr};

/// Runs `lfsr-map ARGS` with `input` on stdin; returns (exit code, stdout, stderr).
fn with_stdin(args: &[&str], input: &[u8]) -> (Option<i32>, Vec<u8>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lfsr-map"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn synth_json(input: &str, q: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["synth", "-", "--field", q, "--format", "json"];
    args.extend_from_slice(extra);
    let (code, out, err) = with_stdin(&args, input.as_bytes());
    assert_eq!(code, Some(0), "{err}");
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn sequence_digits_and_forms() {
    // x^4 + x^3 + 1 from (0,0,0,1): a_{n+4} = a_n + a_{n+3}
    let fib = ok(&[
        "sequence", "--field", "2", "--coeffs", "1,0,0,1", "--length", "20",
    ]);
    assert_eq!(fib, "00011110101100100011\n");
    // the same LFSR from its polynomial; the Galois default state gives the same output
    let poly = ok(&[
        "sequence",
        "--field",
        "2",
        "--poly",
        "x^4 + x^3 + 1",
        "--length",
        "20",
    ]);
    assert_eq!(poly, fib);
    let gal = ok(&[
        "sequence", "--field", "2", "--coeffs", "1,0,0,1", "--length", "20", "--form", "galois",
    ]);
    assert_eq!(gal, fib);
    // galois.GLFSR(x^4+x^3+1 reversed, state=[1,1,1,1]) outputs 10101100100011110101
    let gal = ok(&[
        "sequence", "--field", "2", "--coeffs", "1,0,0,1", "--state", "1,1,1,1", "--length", "20",
        "--form", "galois",
    ]);
    assert_eq!(gal, "10101100100011110101\n");
}

#[test]
fn sequence_matches_the_galois_package_vectors() {
    let text = include_str!("../../lfsr-map/tests/data/galois-vectors.txt");
    for line in text
        .lines()
        .filter(|l| l.starts_with("fib ") || l.starts_with("gal "))
    {
        let p: Vec<&str> = line.split(' ').collect();
        let n = p[4].split(',').count().to_string();
        let form = if p[0] == "fib" { "fibonacci" } else { "galois" };
        let out = ok(&[
            "sequence", "--field", p[1], "--coeffs", p[2], "--state", p[3], "--length", &n,
            "--form", form, "--format", "csv",
        ]);
        assert_eq!(out.trim_end(), p[4], "{line}");
    }
}

#[test]
fn sequence_styles_and_json() {
    let list = ok(&[
        "sequence", "--field", "3", "--coeffs", "1,2", "--state", "1,0", "--length", "9", "--as",
        "list",
    ]);
    assert_eq!(list, "1 0 1 2 2 0 2 1 1\n");
    let digits = ok(&[
        "sequence", "--field", "3", "--coeffs", "1,2", "--state", "1,0", "--length", "9",
    ]);
    assert_eq!(digits, "101220211\n");
    // q > 10 defaults to a list: [1, 1] over GF(11) from (0, 1) is the Fibonacci numbers mod 11
    let fib11 = ok(&[
        "sequence", "--field", "11", "--coeffs", "1,1", "--state", "0,1", "--length", "12",
    ]);
    assert_eq!(fib11, "0 1 1 2 3 5 8 2 10 1 0 1\n");
    // bytes: 0001 1110 1011 0010 0011 -> 0x1e 0xb2 0x30 (padded)
    let out = run(&[
        "sequence", "--field", "2", "--coeffs", "1,0,0,1", "--length", "20", "--as", "bytes",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, [0x1e, 0xb2, 0x30]);
    // GF(4) elements as digits, the JSON document
    let v = json(&[
        "sequence", "--field", "4", "--coeffs", "2,1", "--length", "17",
    ]);
    let s = &v["sequence"];
    assert_eq!(s["characteristic_polynomial"], "x^2 + x + a");
    assert_eq!(v["field_modulus"], "x^2 + x + 1");
    assert_eq!(s["state"], serde_json::json!([0, 1]));
    assert_eq!(s["form"], "fibonacci");
    let e: Vec<u64> = s["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap())
        .collect();
    assert_eq!(e.len(), 17);
    // x^2 + x + a is primitive over GF(4): period 15
    assert_eq!(e[15..], e[..2]);
    assert!(e[..15].windows(2).all(|w| w != [0, 0]));
}

#[test]
fn sequence_to_a_file_is_long_and_synthesizes_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.txt");
    let p = path.to_str().unwrap();
    // x^127 + x + 1, 200,000 bits to a file
    let mut c = vec!["0"; 127];
    c[0] = "1";
    c[1] = "1";
    let coeffs = c.join(",");
    ok(&[
        "sequence", "--field", "2", "--coeffs", &coeffs, "--length", "200000", "-o", p,
    ]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.len(), 200_001);
    let v = json(&["synth", p, "--field", "2"]);
    let s = &v["synthesis"];
    assert_eq!(s["linear_complexity"], 127);
    assert_eq!(s["minimal_polynomial"], "x^127 + x + 1");
    assert_eq!(s["coefficients"].as_array().unwrap().len(), 127);
    assert_eq!(s["unique"], true);
}

#[test]
fn synth_text_json_csv_and_profile() {
    let seq = "000111101011001\n";
    let (code, out, err) = with_stdin(&["synth", "-", "--field", "2", "--profile"], seq.as_bytes());
    assert_eq!(code, Some(0), "{err}");
    let text = String::from_utf8(out).unwrap();
    for needle in [
        "SEQUENCE: 15 elements of GF(2) from <stdin>",
        "LINEAR COMPLEXITY: 4",
        "MINIMAL POLYNOMIAL: x^4 + x^3 + 1",
        "CONNECTION POLYNOMIAL: x^4 + x + 1",
        "1,0,0,1",
        "INITIAL STATE: 0,0,0,1",
        "UNIQUE: yes",
        "0 0 0 4 4 4 4 4 4 4 4 4 4 4 4",
    ] {
        assert!(text.contains(needle), "{needle} in {text}");
    }
    let v = synth_json(seq, "2", &["--profile"]);
    let s = &v["synthesis"];
    assert_eq!(s["length"], 15);
    assert_eq!(s["coefficients"], serde_json::json!([1, 0, 0, 1]));
    assert_eq!(s["profile"].as_array().unwrap().len(), 15);
    assert_eq!(s["singular"], false);
    assert!(synth_json(seq, "2", &[])["synthesis"]
        .get("profile")
        .is_none());
    // separators and comments are ignored for digits; the same answer
    let spaced = "# from x^4+x^3+1\n0 0 0 1, 1 1 1 0\n1 0 1 1 0 0 1\n";
    assert_eq!(
        synth_json(spaced, "2", &[])["synthesis"],
        synth_json(seq, "2", &[])["synthesis"]
    );
    // the CSV form is a row for analyze
    let (_, csv, _) = with_stdin(
        &["synth", "-", "--field", "2", "--format", "csv"],
        seq.as_bytes(),
    );
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("# lfsr-map synth: 15 elements"), "{csv}");
    assert!(csv.ends_with("\n1,0,0,1\n"), "{csv}");
    let (code, report, err) = with_stdin(
        &["analyze", "-", "--field", "2", "--format", "json", "-q"],
        csv.as_bytes(),
    );
    assert_eq!(code, Some(0), "{err}");
    let a: serde_json::Value = serde_json::from_slice(&report).unwrap();
    assert_eq!(
        a["analyses"][0]["characteristic_polynomial"],
        "x^4 + x^3 + 1"
    );
    assert_eq!(a["analyses"][0]["primitive"], true);
}

#[test]
fn synth_over_larger_fields_and_degenerate_sequences() {
    // GF(11), separated integers: the Fibonacci numbers mod 11
    let s = &synth_json("0 1 1 2 3 5 8 2 10 1 0 1", "11", &[])["synthesis"];
    assert_eq!(s["linear_complexity"], 2);
    assert_eq!(s["minimal_polynomial"], "x^2 + 10*x + 10");
    assert_eq!(s["coefficients"], serde_json::json!([1, 1]));
    // commas too
    let s2 = &synth_json("0,1,1,2,3,5,8,2,10,1,0,1", "11", &[])["synthesis"];
    assert_eq!(s2, s);
    // all zeros: L = 0, no LFSR (null in JSON, no row in CSV)
    let z = &synth_json("00000000", "2", &[])["synthesis"];
    assert_eq!(z["linear_complexity"], 0);
    assert_eq!(z["coefficients"], serde_json::Value::Null);
    assert_eq!(z["minimal_polynomial"], "1");
    let (_, csv, _) = with_stdin(&["synth", "-", "--field", "2", "--format", "csv"], b"0000");
    assert_eq!(String::from_utf8(csv).unwrap().lines().count(), 1);
    // 1 0 0 0 0: singular, minimal polynomial x
    let (code, out, _) = with_stdin(&["synth", "-", "--field", "2"], b"10000");
    assert_eq!(code, Some(0));
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("MINIMAL POLYNOMIAL: x\n"), "{text}");
    assert!(text.contains("SINGULAR: yes"), "{text}");
    // not unique
    let (_, out, _) = with_stdin(&["synth", "-", "--field", "2"], b"0001");
    assert!(String::from_utf8(out)
        .unwrap()
        .contains("UNIQUE: no: 4 < 2 * 4"));
}

/// Runs synth on `input` and expects exit 2 with every needle in the message.
fn synth_bad(input: &str, q: &str, needles: &[&str]) {
    let (code, _, err) = with_stdin(&["synth", "-", "--field", q], input.as_bytes());
    assert_eq!(code, Some(2), "{input:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    for n in needles {
        assert!(err.contains(n), "expected {n:?} in {err}");
    }
}

#[test]
fn synth_bad_input() {
    synth_bad("0101\n01x1\n", "2", &["<stdin>:2:3:", "'x' is not a digit"]);
    synth_bad(
        "0120",
        "2",
        &["<stdin>:1:3:", "2 is not an element of GF(2)"],
    );
    synth_bad(
        "1 2 11 3",
        "11",
        &[
            "<stdin>:1:5:",
            "11 is not an element of GF(11) (allowed 0 to 10)",
        ],
    );
    synth_bad("1 2 a 3", "11", &["<stdin>:1:5:", "'a' is not an integer"]);
    synth_bad("1 -2", "11", &["<stdin>:1:3:", "'-2' is not an integer"]);
    synth_bad("", "2", &["<stdin>: no sequence elements"]);
    synth_bad("# only a comment\n\n", "3", &["no sequence elements"]);
    synth_bad("0101", "6", &["invalid --field 6", "not a prime power"]);
    synth_bad("\u{fffd}0101\n", "2", &["<stdin>:1:1:", "is not a digit"]);
    let (code, _, err) = with_stdin(&["synth", "-", "--field", "2"], &[0x30, 0xff, 0x31]);
    assert_eq!(code, Some(2));
    assert!(err.contains("<stdin>:1: not valid UTF-8"), "{err}");
    // too long for GF(3)
    let long = "1".repeat((1 << 16) + 1);
    synth_bad(&long, "3", &["more than 65536 elements"]);
    // a file that is not there, a directory
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.txt");
    bad_input(
        &["synth", missing.to_str().unwrap(), "--field", "2"],
        &["nope.txt: cannot read: no such file"],
    );
    bad_input(
        &["synth", dir.path().to_str().unwrap(), "--field", "2"],
        &["is a directory, expected a sequence file"],
    );
    // more than the input limit, read without holding it all
    bad_input(
        &["synth", "/dev/zero", "--field", "2"],
        &["/dev/zero: larger than the limit of 32 MiB"],
    );
    // a file's name is in the message
    let f = dir.path().join("seq.txt");
    std::fs::write(&f, "0110\n0171\n").unwrap();
    bad_input(
        &["synth", f.to_str().unwrap(), "--field", "2"],
        &["seq.txt:2:3: 7 is not an element of GF(2)"],
    );
}

#[test]
fn sequence_bad_input() {
    let base = ["sequence", "--field", "2", "--length", "5"];
    fn with<'a>(base: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
        [base, extra].concat()
    }
    bad_input(
        &with(&base, &["--coeffs", "1,x,1"]),
        &["--coeffs: c1 (column 3): 'x' is not an integer"],
    );
    bad_input(
        &with(&base, &["--coeffs", "1,2,1"]),
        &["--coeffs: c1 (column 3): 2 is not an element of GF(2) (allowed 0 to 1)"],
    );
    bad_input(
        &with(&base, &["--coeffs", "1,,1"]),
        &["--coeffs: c1 (column 3): empty value"],
    );
    bad_input(
        &with(&base, &["--coeffs", "1,1", "--state", "1,0,1"]),
        &["--state has 3 elements, the LFSR has degree 2"],
    );
    bad_input(
        &with(&base, &["--coeffs", "1,1", "--state", "1,5"]),
        &["--state: s1 (column 3): 5 is not an element of GF(2) (allowed 0 to 1)"],
    );
    bad_input(
        &with(&base, &["--poly", "x^4 + y"]),
        &["--poly: cannot read 'x^4 + y'"],
    );
    bad_input(
        &with(&base, &["--poly", "1"]),
        &["--poly: '1' is 1: give a polynomial of degree at least 1"],
    );
    bad_input(
        &[
            "sequence",
            "--field",
            "3",
            "--length",
            "5",
            "--poly",
            "2*x^2 + 1",
        ],
        &["is not monic"],
    );
    bad_input(
        &with(&base, &["--coeffs", "1,1", "--poly", "x^2+x+1"]),
        &["cannot be used with"],
    );
    bad_input(&base, &["--coeffs"]);
    bad_input(
        &[
            "sequence", "--field", "2", "--coeffs", "1,1", "--length", "0",
        ],
        &["--length"],
    );
    bad_input(
        &[
            "sequence", "--field", "2", "--coeffs", "1,1", "--length", "-3",
        ],
        &["--length"],
    );
    bad_input(
        &[
            "sequence", "--field", "6", "--coeffs", "1,1", "--length", "3",
        ],
        &["invalid --field 6"],
    );
    bad_input(
        &[
            "sequence", "--field", "11", "--coeffs", "1,1", "--length", "3", "--as", "digits",
        ],
        &["--as digits needs q <= 10"],
    );
    bad_input(
        &[
            "sequence", "--field", "3", "--coeffs", "1,1", "--length", "3", "--as", "bytes",
        ],
        &["--as bytes is for GF(2) only"],
    );
    bad_input(
        &with(
            &base,
            &["--coeffs", "1,1", "--as", "list", "--format", "json"],
        ),
        &["--as applies to --format text"],
    );
    // the degree limit (an argument list of 65,537 coefficients is too long for the OS)
    bad_input(
        &with(&base, &["--poly", "x^65537 + x + 1"]),
        &["--poly", "65537"],
    );
    let out = run(&with(
        &base,
        &["--coeffs", "1,1", "-o", "/nonexistent-dir/x.txt"],
    ));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
