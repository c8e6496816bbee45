//! The algebraic method against oracles that need no integer factoring, for random LFSRs far
//! beyond enumeration (degree up to 40, q up to 251, singular ones included).
//!
//! The cycle states form GF(q)[x]/(f'), `f = x^e0 f'`, and `n` steps fix exactly
//! `q^(deg gcd(x^n - 1, f'))` of them. So for every period `n` the algebra reports,
//! `sum_{P | n} P * cycles[P]` must equal that number; for `n` = the longest period it is
//! every cycle state. For small orders, gf-core's Moebius-inversion oracle must give the very
//! same map.

use std::collections::BTreeMap;

use gf_core::testing::cycle_counts_by_moebius;
use gf_core::{Field, Poly};
use lfsr_map::analysis::{analyze, Analysis, Method, Options};
use lfsr_map::lfsr::Lfsr;
use lfsr_map::progress::Progress;
use num_bigint::BigUint;
use num_integer::Integer;
use proptest::prelude::*;
use worker_pool::Sequential;

fn algebraic(lfsr: &Lfsr) -> Analysis {
    let opts = Options {
        method: Method::Algebraic,
        ..Options::default()
    };
    analyze(lfsr, &opts, &Sequential::new(), &Progress::new()).unwrap()
}

/// `f' = f / x^e0`.
fn unit_part(lfsr: &Lfsr) -> Poly {
    let f = lfsr.characteristic_polynomial();
    let e0 = f.coeffs().iter().take_while(|&&c| c == 0).count();
    Poly::new(f.field(), f.coeffs()[e0..].to_vec()).unwrap()
}

fn fixed_states(f1: &Poly, n: &BigUint) -> BigUint {
    let q = BigUint::from(f1.field().q());
    if f1.degree() == Some(0) {
        return BigUint::from(1u32); // only the zero state is on a cycle
    }
    let xn = Poly::x_pow_mod(n, f1).unwrap();
    let g = (&xn - Poly::one(f1.field())).gcd(f1);
    q.pow(g.degree().unwrap() as u32)
}

fn check_fixed_points(lfsr: &Lfsr, a: &Analysis) {
    let f1 = unit_part(lfsr);
    for c in &a.cycles {
        let n = &c.period;
        let from_cycles: BigUint = a
            .cycles
            .iter()
            .filter(|d| n.is_multiple_of(&d.period))
            .map(|d| &d.period * &d.count)
            .sum();
        assert_eq!(from_cycles, fixed_states(&f1, n), "n = {n}, {lfsr:?}");
    }
    let q = BigUint::from(lfsr.field().q());
    assert_eq!(a.periods_sum, q.pow(f1.degree().unwrap() as u32));
    assert_eq!(a.max_period, fixed_period(a));
}

/// The lcm of all periods (it must be the longest one).
fn fixed_period(a: &Analysis) -> BigUint {
    a.cycles
        .iter()
        .fold(BigUint::from(1u32), |l, c| l.lcm(&c.period))
}

fn lfsr() -> impl Strategy<Value = Lfsr> {
    prop::sample::select(vec![
        (2u64, 40usize),
        (3, 24),
        (4, 16),
        (5, 16),
        (7, 12),
        (8, 12),
        (9, 10),
        (16, 8),
        (25, 6),
        (27, 6),
        (251, 5),
    ])
    .prop_flat_map(|(q, max_d)| (Just(q), prop::collection::vec(0..q, 1..=max_d), 0..4u8))
    .prop_map(|(q, mut coeffs, kind)| {
        if kind == 0 {
            coeffs[0] = 0; // singular
        }
        Lfsr::new(&Field::new(q).unwrap(), coeffs).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn fixed_points_agree(lfsr in lfsr()) {
        check_fixed_points(&lfsr, &algebraic(&lfsr));
    }

    #[test]
    fn moebius_oracle_agrees(lfsr in lfsr()) {
        let a = algebraic(&lfsr);
        let max = u64::try_from(&a.max_period).unwrap_or(u64::MAX);
        prop_assume!(max <= 2000);
        let want = cycle_counts_by_moebius(&lfsr.characteristic_polynomial(), max).unwrap();
        let got: BTreeMap<u64, BigUint> = a
            .cycles
            .iter()
            .map(|c| (u64::try_from(&c.period).unwrap(), c.count.clone()))
            .collect();
        prop_assert_eq!(got, want);
    }
}

#[test]
fn degree_127_with_several_factors() {
    // (x^2+x+1)^3 (x^3+x+1)^2 (x^4+x+1) (x^5+x^2+1) (x^6+x+1) (x^6+x^3+1) x^5 (x^89+x^38+1)
    let lfsr = several_factors_127();
    let a = algebraic(&lfsr);
    let owned: Vec<(String, u32)> = a
        .factors
        .iter()
        .map(|f| (f.polynomial.to_string(), f.multiplicity))
        .collect();
    let names: Vec<(&str, u32)> = owned.iter().map(|(f, e)| (f.as_str(), *e)).collect();
    assert_eq!(
        names,
        [
            ("x", 5),
            ("x^2 + x + 1", 3),
            ("x^3 + x + 1", 2),
            ("x^4 + x + 1", 1),
            ("x^5 + x^2 + 1", 1),
            ("x^6 + x + 1", 1),
            ("x^6 + x^3 + 1", 1),
            ("x^89 + x^38 + 1", 1),
        ]
    );
    check_fixed_points(&lfsr, &a);
    assert_eq!(a.max_tail, 5);
    assert_eq!(a.polynomial_order, None);
    let m89 = (BigUint::from(1u32) << 89u32) - 1u32;
    // lcm(3 * 4, 7 * 2, 15, 31, 63, 9) = 2^2 3^2 5 7 31
    assert_eq!(a.max_period, BigUint::from(4u32 * 9 * 5 * 7 * 31) * m89);
}

/// The product of the factors above, as an LFSR (c_i = -f_i).
fn several_factors_127() -> Lfsr {
    let gf2 = Field::new(2).unwrap();
    let p = |s: &str| Poly::parse(&gf2, s).unwrap();
    let pow = |g: Poly, e: u32| (1..e).fold(g.clone(), |acc, _| &acc * &g);
    let f = [
        pow(p("x^2 + x + 1"), 3),
        pow(p("x^3 + x + 1"), 2),
        p("x^4 + x + 1"),
        p("x^5 + x^2 + 1"),
        p("x^6 + x + 1"),
        p("x^6 + x^3 + 1"),
        p("x^5"),
        p("x^89 + x^38 + 1"),
    ]
    .into_iter()
    .fold(Poly::one(&gf2), |acc, g| acc * g);
    assert_eq!(f.degree(), Some(127));
    let coeffs = f.coeffs()[..127].iter().map(|&c| gf2.neg(c)).collect();
    Lfsr::new(&gf2, coeffs).unwrap()
}
