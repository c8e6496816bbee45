//! Integer factoring (`gf_core::integer`) against factorizations made by PARI/GP
//! (`tests/data/composites.txt`, with the gp commands in its header) and on random products of
//! primes of mixed sizes (product and BPSW checked on every answer).

use gf_core::integer::{factor_big, factor_pm1, is_probable_prime, IntFactorError};
use num_bigint::BigUint;
use num_traits::One;
use proptest::prelude::*;

const COMPOSITES: &str = include_str!("data/composites.txt");

/// (digits, n, prime factors ascending) for every data line.
fn composites() -> Vec<(usize, BigUint, Vec<BigUint>)> {
    COMPOSITES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split(" | ").collect();
            let n: BigUint = cols[1].parse().unwrap();
            let mut f: Vec<BigUint> = cols[2].split(" * ").map(|p| p.parse().unwrap()).collect();
            f.sort();
            assert_eq!(cols[1].len(), cols[0].parse::<usize>().unwrap(), "{l}");
            assert_eq!(f.iter().product::<BigUint>(), n, "{l}");
            (cols[1].len(), n, f)
        })
        .collect()
}

fn check_factors(n: &BigUint, want: &[BigUint]) {
    let got = factor_big(n).unwrap_or_else(|e| panic!("{n}: {e}"));
    let got: Vec<BigUint> = got
        .into_iter()
        .flat_map(|(p, e)| std::iter::repeat_n(p, e as usize))
        .collect();
    assert_eq!(got, want, "{n}");
}

#[test]
fn the_composites_of_issue_14_and_semiprimes_to_60_digits() {
    for (digits, n, f) in composites() {
        if digits <= 60 {
            check_factors(&n, &f);
        }
    }
}

#[test]
fn phi_11_of_65521_is_factored_completely() {
    // 65521^11 - 1 = 65520 * Phi_11(65521); Phi_11(65521) holds the 41-digit composite that
    // blocked six GF(65521) cases.
    let f = factor_pm1(65521, 11).unwrap();
    let product: BigUint = f.iter().map(|(p, e)| p.pow(*e)).product();
    assert_eq!(product, BigUint::from(65521u32).pow(11) - 1u32);
    assert!(f.iter().all(|(p, _)| is_probable_prime(p)));
    for p in ["3015623782281646273", "12902038616510091581677"] {
        let p: BigUint = p.parse().unwrap();
        assert!(f.iter().any(|(q, _)| *q == p), "{p}");
    }
}

#[test]
fn zero_and_one() {
    assert_eq!(factor_big(&BigUint::from(0u32)), Err(IntFactorError::Zero));
    assert_eq!(factor_big(&BigUint::one()), Ok(vec![]));
}

#[test]
#[ignore = "the whole work budget spent on ECM: 13 s in a debug build, 2 s optimized"]
fn beyond_the_sieve_allowance_the_answer_is_a_typed_error() {
    // 70 and 80 digits, balanced: the sieve would take tens of seconds to minutes on one core,
    // more than the budget allows, so the answer is the honest error naming the number.
    for (digits, n, _) in composites() {
        if digits >= 70 {
            match factor_big(&n) {
                Err(IntFactorError::Unfactored {
                    cofactor,
                    composite,
                    ..
                }) => {
                    assert_eq!(cofactor, n);
                    assert!(composite);
                }
                other => panic!("{digits} digits: {other:?}"),
            }
        }
    }
}

/// The next prime at or above `n` (BPSW, which every answer is checked with anyway).
fn next_prime(mut n: BigUint) -> BigUint {
    while !is_probable_prime(&n) {
        n += 1u32;
    }
    n
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Products of two to four primes of 2 to 22 digits (at most 50 digits in all), some
    /// repeated: the answer's product is n, every factor passes BPSW, and it holds exactly the
    /// primes that went in.
    #[test]
    fn random_products_of_primes_factor_completely(
        sizes in prop::collection::vec((2u32..=22, any::<u64>(), 1u32..=2), 2..=4)
    ) {
        let mut n = BigUint::one();
        let mut want = Vec::new();
        let mut digits = 0;
        for (d, seed, e) in sizes {
            if digits + d * e > 50 {
                continue;
            }
            digits += d * e;
            let low = BigUint::from(10u32).pow(d - 1);
            let p = next_prime(&low + BigUint::from(seed) % (&low * 9u32));
            n *= p.pow(e);
            want.extend(std::iter::repeat_n(p, e as usize));
        }
        want.sort();
        let got = factor_big(&n).unwrap();
        prop_assert_eq!(got.iter().map(|(p, e)| p.pow(*e)).product::<BigUint>(), n.clone());
        prop_assert!(got.iter().all(|(p, _)| is_probable_prime(p)));
        let got: Vec<BigUint> = got
            .into_iter()
            .flat_map(|(p, e)| std::iter::repeat_n(p, e as usize))
            .collect();
        prop_assert_eq!(got, want);
    }
}
