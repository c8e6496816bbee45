//! `algebra::cycle_structure` far beyond enumeration: degree 127 over GF(2), GF(65521) and
//! GF(2^16), checked with a fixed-point oracle that needs no integer factoring: for every
//! period n found, the states fixed by n steps must number `sum_{P | n} P * cycles[P]`, and
//! independently `prod_parts q^(m * j)`, `j` the largest `k <= e` with `ord(g^k) | n`.
//! Also the error paths.

use std::collections::BTreeMap;

use lfsr_map::algebra::{cycle_structure, AlgebraError, CycleStructure, FactorData, PrimaryPart};
use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{One, Zero};
use proptest::prelude::*;

fn part(degree: u32, multiplicity: u32, order: impl Into<BigUint>) -> PrimaryPart {
    PrimaryPart {
        degree,
        multiplicity,
        order: order.into(),
    }
}

fn mersenne(n: u32) -> BigUint {
    (BigUint::one() << n) - 1u32
}

/// The states of the cyclic part fixed by n steps, from the parts alone.
fn fixed_by_parts(data: &FactorData, n: &BigUint) -> BigUint {
    let q = BigUint::from(data.q);
    data.parts
        .iter()
        .map(|g| {
            let j = (1..=g.multiplicity)
                .rev()
                .find(|&k| {
                    let mut pt = 1u64;
                    while pt < u64::from(k) {
                        pt *= data.p; // ord(g^k) = ord(g) p^t, p^t >= k
                    }
                    n.is_multiple_of(&(&g.order * pt))
                })
                .unwrap_or(0);
            q.pow(g.degree * j)
        })
        .product()
}

fn check_fixed_points(data: &FactorData, s: &CycleStructure) {
    for n in s.cycles.keys() {
        let from_cycles: BigUint = s
            .cycles
            .iter()
            .filter(|(p, _)| n.is_multiple_of(p))
            .map(|(p, c)| p * c)
            .sum();
        assert_eq!(from_cycles, fixed_by_parts(data, n), "fixed by {n} steps");
    }
    assert!(s.cycles.values().all(|c| !c.is_zero()));
    assert_eq!(&s.periods_sum + &s.transient_states, s.state_count);
}

#[test]
fn x127_plus_x_plus_1_is_one_big_cycle() {
    // primitive (reference 6b): order 2^127 - 1
    let data = FactorData {
        p: 2,
        q: 2,
        x_multiplicity: 0,
        parts: vec![part(127, 1, mersenne(127))],
    };
    let s = cycle_structure(&data).unwrap();
    let want = BTreeMap::from([
        (BigUint::one(), BigUint::one()),
        (mersenne(127), BigUint::one()),
    ]);
    assert_eq!(s.cycles, want);
    assert_eq!(s.state_count, BigUint::one() << 127u32);
    assert_eq!(s.max_period, mersenne(127));
    assert_eq!(s.cycle_count, BigUint::from(2u32));
}

/// Degree 127 over GF(2): (x+1)^5 (x^2+x+1)^3 (x^3+x+1)^2 (x^4+x+1) (x^5+x^2+1) (x^6+x+1)
/// (x^6+x^3+1) (x^89+x^38+1): orders 1, 3, 7, 15, 31, 63, 9 and 2^89 - 1.
fn degree_127() -> FactorData {
    FactorData {
        p: 2,
        q: 2,
        x_multiplicity: 0,
        parts: vec![
            part(1, 5, 1u32),
            part(2, 3, 3u32),
            part(3, 2, 7u32),
            part(4, 1, 15u32),
            part(5, 1, 31u32),
            part(6, 1, 63u32),
            part(6, 1, 9u32),
            part(89, 1, mersenne(89)),
        ],
    }
}

#[test]
fn degree_127_with_eight_factors() {
    let data = degree_127();
    let s = cycle_structure(&data).unwrap();
    check_fixed_points(&data, &s);
    // lcm(8, 12, 14, 15, 31, 63, 9, 2^89 - 1) = 2^3 3^2 5 7 31 (2^89 - 1)
    assert_eq!(
        s.max_period,
        BigUint::from(8u32 * 9 * 5 * 7 * 31) * mersenne(89)
    );
    assert_eq!(s.periods_sum, BigUint::one() << 127u32);
    assert!(s.tails.is_empty() && s.transient_states.is_zero());
    // the fixed points of one step: (x+1)^5 contributes its GF(2)-line, the rest only 0
    assert_eq!(s.cycles[&BigUint::one()], BigUint::from(2u32));
}

#[test]
fn degree_127_singular() {
    let mut data = degree_127();
    data.parts.remove(0); // drop (x+1)^5 ...
    data.x_multiplicity = 5; // ... for x^5
    let s = cycle_structure(&data).unwrap();
    check_fixed_points(&data, &s);
    let q122 = BigUint::one() << 122u32;
    assert_eq!(s.periods_sum, q122);
    assert_eq!(s.transient_states, (BigUint::one() << 127u32) - &q122);
    assert_eq!(s.max_tail, 5);
    let tails: Vec<(u64, BigUint)> = s.tails.into_iter().collect();
    let want: Vec<(u64, BigUint)> = (1..=5u32)
        .map(|t| (u64::from(t), (BigUint::one() << (t - 1)) * &q122))
        .collect();
    assert_eq!(tails, want);
}

/// The order of a mod p, by stepping.
fn order_mod(a: u64, p: u64) -> u64 {
    let (mut x, mut n) = (a % p, 1);
    while x != 1 {
        x = x * a % p;
        n += 1;
    }
    n
}

#[test]
fn large_prime_field() {
    // (x-2)^3 (x-3)^2 (x+1) over GF(65521): p = q, so ord((x-a)^k) = ord(a) * 65521 for k > 1.
    let p = 65521;
    let data = FactorData {
        p,
        q: p,
        x_multiplicity: 1,
        parts: vec![
            part(1, 3, order_mod(2, p)),
            part(1, 2, order_mod(3, p)),
            part(1, 1, order_mod(p - 1, p)),
        ],
    };
    let s = cycle_structure(&data).unwrap();
    check_fixed_points(&data, &s);
    assert_eq!(s.state_count, BigUint::from(p).pow(7));
    let lcm = order_mod(2, p).lcm(&order_mod(3, p)).lcm(&2) * p;
    assert_eq!(s.max_period, BigUint::from(lcm));
}

#[test]
fn large_extension_field_uses_the_characteristic() {
    // GF(2^16): (x - a)^3 with a primitive has period 65535 * 4 (p^t >= 3 with p = 2, not q).
    let data = FactorData {
        p: 2,
        q: 1 << 16,
        x_multiplicity: 0,
        parts: vec![part(1, 3, 65535u32), part(2, 2, 65537u32 * 3)],
    };
    let s = cycle_structure(&data).unwrap();
    check_fixed_points(&data, &s);
    assert!(s.cycles.contains_key(&BigUint::from(65535u32 * 4)));
    assert_eq!(s.max_period, BigUint::from(65535u64 * 65537 * 4));
}

#[test]
fn inconsistent_data_is_an_error() {
    let data = |p, q, parts| FactorData {
        p,
        q,
        x_multiplicity: 0,
        parts,
    };
    assert_eq!(
        cycle_structure(&data(2, 6, vec![])),
        Err(AlgebraError::Field { p: 2, q: 6 })
    );
    assert!(cycle_structure(&data(4, 16, vec![])).is_err());
    for bad in [
        part(3, 1, 5u32),
        part(3, 1, 0u32),
        part(0, 1, 1u32),
        part(2, 0, 3u32),
    ] {
        let err = cycle_structure(&data(2, 2, vec![part(1, 1, 1u32), bad])).unwrap_err();
        assert!(matches!(err, AlgebraError::Part { index: 1, .. }), "{err}");
    }
}

#[test]
fn no_parts_is_the_zero_state() {
    let data = FactorData {
        p: 3,
        q: 9,
        x_multiplicity: 3,
        parts: vec![],
    };
    let s = cycle_structure(&data).unwrap();
    assert_eq!(s.cycles, BTreeMap::from([(BigUint::one(), BigUint::one())]));
    let tails: Vec<(u64, u64)> = s
        .tails
        .iter()
        .map(|(t, c)| (*t, u64::try_from(c).unwrap()))
        .collect();
    assert_eq!(tails, [(1, 8), (2, 72), (3, 648)]);
}

#[test]
fn absurd_tail_listings_are_refused() {
    let nilpotent = |q, e0| FactorData {
        p: 2,
        q,
        x_multiplicity: e0,
        parts: vec![],
    };
    // x^11000 over GF(2): 11000 tail counts, fine (about 7.6 MB); x^12000 is over the limit
    let s = cycle_structure(&nilpotent(2, 11_000)).unwrap();
    assert_eq!(s.tails.len(), 11_000);
    assert_eq!(s.tails[&11_000], BigUint::one() << 10_999u32);
    let err = cycle_structure(&nilpotent(2, 12_000)).unwrap_err();
    assert!(
        matches!(
            err,
            AlgebraError::TailsTooLarge {
                x_multiplicity: 12_000,
                ..
            }
        ),
        "{err}"
    );
    assert!(cycle_structure(&nilpotent(1 << 16, 4_000)).is_err());
}

/// The divisors of n (trial division; n < 2^40 here).
fn divisors(n: u64) -> Vec<u64> {
    let mut small: Vec<u64> = (1..)
        .take_while(|d| d * d <= n)
        .filter(|d| n % d == 0)
        .collect();
    let large: Vec<u64> = small
        .iter()
        .rev()
        .map(|d| n / d)
        .filter(|&d| d * d != n)
        .collect();
    small.extend(large);
    small
}

/// Random consistent factor data: q in {2, 3, 4, 5, 7, 9}, up to 6 parts of degree <= 6 and
/// multiplicity <= 5, each order a divisor of q^m - 1, and x^e0 with e0 <= 3.
fn factor_data() -> impl Strategy<Value = FactorData> {
    let parts = (1..=6u32, 1..=5u32, any::<prop::sample::Index>());
    (
        prop::sample::select(vec![(2u64, 2u64), (3, 3), (2, 4), (5, 5), (7, 7), (3, 9)]),
        prop::collection::vec(parts, 0..=6),
        0..=3u32,
    )
        .prop_map(|((p, q), parts, e0)| FactorData {
            p,
            q,
            x_multiplicity: e0,
            parts: parts
                .into_iter()
                .map(|(m, e, pick)| {
                    let ds = divisors(q.pow(m) - 1);
                    part(m, e, ds[pick.index(ds.len())])
                })
                .collect(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The product rule against the fixed-point oracle, for many parts at once.
    #[test]
    fn random_factor_data_passes_the_fixed_point_oracle(data in factor_data()) {
        let s = cycle_structure(&data).unwrap();
        check_fixed_points(&data, &s);
        let cyclic: u32 = data.parts.iter().map(|g| g.degree * g.multiplicity).sum();
        prop_assert_eq!(&s.periods_sum, &BigUint::from(data.q).pow(cyclic));
        let lcm = data.parts.iter().fold(BigUint::one(), |l, g| {
            let mut pt = 1u64;
            while pt < u64::from(g.multiplicity) {
                pt *= data.p;
            }
            l.lcm(&(&g.order * pt))
        });
        prop_assert_eq!(s.max_period, lcm);
    }
}
