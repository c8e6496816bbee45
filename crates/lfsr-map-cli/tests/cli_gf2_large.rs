//! `lfsr-map poly` and `lfsr-map analyze` at GF(2) degrees far above enumeration: the
//! primitive trinomial x^44497 + x^8575 + 1 (2^44497 - 1 is a Mersenne prime, OEIS A000043;
//! the trinomial is from Kurita and Matsumoto, Math. Comp. 56 (1991), and PARI/GP 2.15.2's
//! polisirreducible says it is irreducible), a near miss x^44497 + x^8576 + 1 (reducible by
//! PARI), and an irreducible trinomial whose order cannot be known (2^2017 - 1 is not
//! factored) but whose irreducibility is still answered.
//!
//! Release-only (`cargo test -p lfsr-map-cli --release --test cli_gf2_large -- --ignored`,
//! run by `.ci/run`): about a second each optimized, a minute in a debug build.

mod cli_support;

use cli_support::{ok, run, stderr, stdout};

#[test]
#[ignore = "degree 44,497: run with --release -- --ignored"]
fn poly_reports_the_mersenne_trinomial_primitive() {
    let out = ok(&[
        "poly",
        "x^44497+x^8575+1",
        "--field",
        "2",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let p = &v["polynomial"];
    assert_eq!(p["irreducible"], true);
    assert_eq!(p["primitive"], true);
    assert_eq!(p["factors"].as_array().unwrap().len(), 1);
    // The near miss factors (one factor has degree 2,654, whose 2^2654 - 1 is not fully
    // factored: that order is unknown, and said so); the text report lists the long factors.
    let near = ok(&["poly", "x^44497+x^8576+1", "--field", "2", "-q"]);
    assert!(
        near.contains("IRREDUCIBLE: no") && near.contains("PRIMITIVE: no"),
        "{near}"
    );
}

#[test]
#[ignore = "degree 44,497: run with --release -- --ignored"]
fn analyze_answers_the_lfsr_of_the_mersenne_trinomial() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = vec!["0"; 44497];
    c[0] = "1";
    c[8575] = "1";
    let path = dir.path().join("l44497.csv");
    std::fs::write(&path, format!("{}\n", c.join(","))).unwrap();
    let path = path.to_str().unwrap();
    let out = ok(&["analyze", path, "--field", "2", "--format", "json", "-q"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let text = v.to_string();
    assert!(
        text.contains("\"primitive\":true"),
        "{}",
        &text[..text.len().min(400)]
    );
    assert!(text.contains("\"irreducible\":true"));
    assert!(text.contains("\"method\":\"algebraic\""));
}

#[test]
#[ignore = "factoring 2^2017 - 1 runs out of budget (a second optimized): run with --release -- --ignored"]
fn unknown_orders_are_labelled_and_irreducibility_still_answered() {
    // x^2017 + x^330 + 1 is irreducible (PARI/GP 2.15.2: polisirreducible, the first k for
    // n = 2017); 2^2017 - 1 is not a Mersenne prime and is not factored completely, so the
    // order and primitivity are unknown, with the reason, and the exit code is 0.
    let out = run(&["poly", "x^2017+x^330+1", "--field", "2", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("IRREDUCIBLE: yes"), "{text}");
    assert!(text.contains("PRIMITIVE: unknown"), "{text}");
    assert!(
        text.contains("ORDER: unknown (could not factor 2^2017 - 1"),
        "{text}"
    );
}
