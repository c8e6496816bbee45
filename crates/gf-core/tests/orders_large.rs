//! Orders where the factorization of q^m - 1 is the hard part, against PARI/GP: random
//! irreducible polynomials over GF(65521) and GF(2^31 - 1) (`data/orders_large_q.gp`, and
//! `data/orders_large_q_smooth.gp` for degrees with many divisors; `data/orders_large_q_beyond.gp`
//! for degrees where PARI's own factoring did not finish, with a factorization that PARI
//! re-checks) and GF(2)
//! polynomials with irreducible factors of degree 257-1,206 (`data/orders_gf2_large.gp`). Each
//! data file names the gp script that made it; the cases PARI did not answer within 20 s are
//! comments there.

use gf_core::order::{order, Order};
use gf_core::{Field, Poly};
use num_bigint::BigUint;

/// (q, polynomial, order) of every data line; `q_col` says whether the line starts with q.
fn cases(text: &str, q_col: bool) -> Vec<(u64, String, BigUint)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split(" | ").collect();
            let (q, poly, ord) = if q_col {
                (cols[0].parse().unwrap(), cols[2], cols[3])
            } else {
                (2, cols[1], cols[2])
            };
            (q, poly.to_string(), ord.trim().parse().unwrap())
        })
        .collect()
}

/// Both GF(65521) / GF(2^31 - 1) data files.
fn large_q_cases() -> Vec<(u64, String, BigUint)> {
    let mut all = cases(include_str!("data/orders_large_q.txt"), true);
    all.extend(cases(include_str!("data/orders_large_q_smooth.txt"), true));
    all
}

fn check(cases: &[(u64, String, BigUint)]) {
    let mut failures = Vec::new();
    for (q, poly, want) in cases {
        let field = Field::new(*q).unwrap();
        let f = Poly::parse(&field, poly).unwrap();
        match order(&f) {
            Ok(Order::Finite(got)) if got == *want => {}
            other => failures.push(format!(
                "GF({q}) degree {}: {other:?}, PARI {want}",
                f.degree().unwrap_or(0)
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn orders_over_gf65521_and_gf2_31_minus_1_match_pari() {
    let all = large_q_cases();
    assert!(all.len() >= 16, "{} cases", all.len());
    // Degree <= 20 here; the rest in the optimized run below.
    let small: Vec<_> = all
        .iter()
        .filter(|(_, p, _)| {
            let lead = p.split(' ').next().unwrap_or("");
            lead.trim_start_matches("x^").parse::<u32>().unwrap_or(0) <= 20
        })
        .cloned()
        .collect();
    check(&small);
}

#[test]
#[ignore = "factoring q^m - 1 for m up to 60: seconds in an optimized build"]
fn orders_over_large_prime_fields_match_pari_all_degrees() {
    let mut all = large_q_cases();
    all.extend(cases(include_str!("data/orders_large_q_beyond.txt"), true));
    assert_eq!(all.len(), 24);
    check(&all);
}

#[test]
#[ignore = "GF(2) polynomials of degree 257-1,727: run in an optimized build"]
fn gf2_orders_with_factors_of_degree_257_to_1206_match_pari() {
    let all = cases(include_str!("data/orders_gf2_large.txt"), false);
    assert_eq!(all.len(), 12);
    check(&all);
}
