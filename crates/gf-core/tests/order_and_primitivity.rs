//! Orders, primitivity and the Moebius cycle oracle against known answers and brute force.
//! The known answers (reference sections 6 and 6b, OEIS) are the workspace's one copy, read
//! from `crates/lfsr-map/tests/data/` by the shared module included below.

#[path = "../../lfsr-map/tests/reference/mod.rs"]
mod reference;

use std::collections::BTreeMap;

use gf_core::order::{irreducible_order, is_primitive, order, Order, OrderError};
use gf_core::testing::cycle_counts_by_moebius;
use gf_core::{Field, Poly};
use num_bigint::BigUint;
use num_integer::Integer;
use proptest::prelude::*;

fn field(q: u64) -> Field {
    Field::new(q).unwrap()
}

fn parse(q: u64, s: &str) -> Poly {
    Poly::parse(&field(q), s).unwrap()
}

/// The characteristic polynomial `x^d - sum c_i x^i` of an LFSR (conventions, section 1).
fn lfsr_poly(q: u64, c: &[u64]) -> Poly {
    let f = field(q);
    let mut coeffs: Vec<u64> = c.iter().map(|&ci| f.neg(ci)).collect();
    coeffs.push(1);
    Poly::new(&f, coeffs).unwrap()
}

fn finite(n: u64) -> Order {
    Order::Finite(BigUint::from(n))
}

/// The least n >= 1 with x^n = 1 mod f by stepping x^n, with raw field arithmetic (no Poly
/// ops). Panics beyond `cap` steps; None when x | f.
fn brute_order(f: &Poly, cap: u64) -> Option<u64> {
    let field = f.field();
    let g = f.monic();
    let d = g.degree().unwrap();
    if d == 0 {
        return Some(1);
    }
    if g.coeff(0) == 0 {
        return None;
    }
    let mut r = vec![0; d];
    r[0] = 1;
    for n in 1..=cap {
        let top = r[d - 1];
        r.rotate_right(1);
        r[0] = 0;
        for (i, ri) in r.iter_mut().enumerate() {
            *ri = field.sub(*ri, field.mul(top, g.coeff(i)));
        }
        if r[0] == 1 && r[1..].iter().all(|&c| c == 0) {
            return Some(n);
        }
    }
    panic!("order of {f} exceeds {cap}");
}

#[test]
fn orders_and_primitivity_of_the_reference_table() {
    for row in reference::all() {
        let (q, c, cycles) = (row.q, row.coeffs, row.cycles);
        let f = lfsr_poly(q, &c);
        let lcm = cycles.iter().fold(1u64, |acc, &(l, _)| acc.lcm(&l));
        let expected = if c[0] == 0 {
            Order::Infinite
        } else {
            finite(lcm)
        };
        assert_eq!(order(&f).unwrap(), expected, "order of {f} over GF({q})");
        let d = c.len() as u32;
        let primitive = cycles == [(1, 1), (q.pow(d) - 1, 1)];
        assert_eq!(is_primitive(&f).unwrap(), primitive, "{f} over GF({q})");
    }
}

#[test]
fn moebius_oracle_reproduces_the_reference_table() {
    for row in reference::all() {
        let (q, c, cycles) = (row.q, row.coeffs, row.cycles);
        let f = lfsr_poly(q, &c);
        let max = cycles.iter().map(|&(l, _)| l).max().unwrap();
        let got = cycle_counts_by_moebius(&f, max).unwrap();
        let want: BTreeMap<u64, BigUint> =
            cycles.iter().map(|&(l, n)| (l, BigUint::from(n))).collect();
        assert_eq!(got, want, "{f} over GF({q})");
    }
}

#[test]
fn orders_of_trinomials_x_n_plus_x_plus_1() {
    // OEIS A046932 (n = 1 gives the constant 1).
    for (n, ord) in reference::oeis("A046932") {
        let f = parse(2, &format!("x^{n} + x + 1"));
        assert_eq!(order(&f).unwrap(), finite(ord), "x^{n}+x+1");
    }
    // OEIS A073639: primitive for these n <= 127 and no others.
    let primitive: Vec<u64> = reference::oeis("A073639").iter().map(|&(_, n)| n).collect();
    for n in 2..=127 {
        let f = parse(2, &format!("x^{n} + x + 1"));
        assert_eq!(
            is_primitive(&f).unwrap(),
            primitive.contains(&n),
            "x^{n}+x+1"
        );
    }
}

#[test]
fn known_primitive_and_non_primitive_polynomials() {
    // Section 6b's named polynomials: primitive ones, then one that is not.
    for named in reference::named_gf2() {
        let (s, f) = (named.poly, parse(2, named.poly));
        if !named.primitive {
            assert!(!is_primitive(&f).unwrap(), "{s}");
            continue;
        }
        assert!(is_primitive(&f).unwrap(), "{s}");
        let d = f.degree().unwrap() as u32;
        let full = (BigUint::from(1u32) << d) - 1u32;
        assert_eq!(irreducible_order(&f).unwrap(), full, "{s}");
    }
    // AES polynomial: irreducible of order 51; x^6 + x^3 + 1: order 9.
    assert_eq!(
        irreducible_order(&parse(2, "x^8 + x^4 + x^3 + x + 1")).unwrap(),
        BigUint::from(51u32)
    );
    assert_eq!(
        irreducible_order(&parse(2, "x^6 + x^3 + 1")).unwrap(),
        BigUint::from(9u32)
    );
}

#[test]
fn orders_beyond_u128() {
    // (x^127 + x + 1)^2 (x^2 + x + 1): lcm((2^127 - 1) * 2, 3).
    let f = parse(2, "x^127 + x + 1");
    let g = &f * &f * parse(2, "x^2 + x + 1");
    let m127 = (BigUint::from(1u32) << 127u32) - 1u32;
    assert_eq!(order(&g).unwrap(), Order::Finite(m127 * 6u32));
    // A degree-130 primitive-degree product: x^3 + x + 1 times x^127 + x + 1.
    let h = &f * parse(2, "x^3 + x + 1");
    let m127 = (BigUint::from(1u32) << 127u32) - 1u32;
    assert_eq!(order(&h).unwrap(), Order::Finite(m127 * 7u32));
}

#[test]
fn edge_cases_and_errors() {
    let gf3 = field(3);
    assert_eq!(order(&Poly::zero(&gf3)), Err(OrderError::ZeroPolynomial));
    assert_eq!(
        is_primitive(&Poly::zero(&gf3)),
        Err(OrderError::ZeroPolynomial)
    );
    assert_eq!(order(&Poly::one(&gf3)).unwrap(), finite(1));
    assert_eq!(order(&Poly::x(&gf3)).unwrap(), Order::Infinite);
    assert!(!is_primitive(&Poly::x(&gf3)).unwrap());
    assert!(!is_primitive(&Poly::one(&gf3)).unwrap());
    assert!(matches!(
        irreducible_order(&parse(3, "x^2 + 2")),
        Err(OrderError::NotIrreducible { .. })
    ));
    assert!(matches!(
        irreducible_order(&Poly::x(&gf3)),
        Err(OrderError::NotIrreducible { .. })
    ));
    // Scaling does not change the order: 2 x^2 + 2 x + 1 = 2 (x^2 + x + 2) over GF(3).
    assert_eq!(order(&parse(3, "2*x^2 + 2*x + 1")).unwrap(), finite(8));
    assert!(is_primitive(&parse(3, "2*x^2 + 2*x + 1")).unwrap());
    assert_eq!(finite(6).to_string(), "6");
    assert_eq!(Order::Infinite.to_string(), "infinite");
}

/// Euler's phi by trial division.
fn phi(mut n: u64) -> u64 {
    let mut result = n;
    let mut p = 2;
    while p * p <= n {
        if n % p == 0 {
            while n % p == 0 {
                n /= p;
            }
            result -= result / p;
        }
        p += 1;
    }
    if n > 1 {
        result -= result / n;
    }
    result
}

/// Number of primitive monic polynomials of degree n over GF(q), by exhaustive search.
fn count_primitive(q: u64, n: u32) -> u64 {
    let f = field(q);
    let mut coeffs = vec![0u64; n as usize + 1];
    coeffs[n as usize] = 1;
    let mut count = 0;
    loop {
        if coeffs[0] != 0 && is_primitive(&Poly::new(&f, coeffs.clone()).unwrap()).unwrap() {
            count += 1;
        }
        // Next coefficient vector (odometer over the low n coefficients).
        let mut i = 0;
        while i < n as usize && coeffs[i] == q - 1 {
            coeffs[i] = 0;
            i += 1;
        }
        if i == n as usize {
            return count;
        }
        coeffs[i] += 1;
    }
}

#[test]
fn primitive_counts_match_published_sequences() {
    // OEIS A011260 (GF(2), n = 1..16) and A027385 (GF(3), n = 1..10): the first 12 and 7.
    for (n, want) in reference::oeis("A011260").into_iter().take(12) {
        assert_eq!(count_primitive(2, n as u32), want, "GF(2), degree {n}");
    }
    for (n, want) in reference::oeis("A027385").into_iter().take(7) {
        assert_eq!(count_primitive(3, n as u32), want, "GF(3), degree {n}");
    }
}

fn is_prime_power(q: u64) -> bool {
    let p = (2..=q).find(|d| q % d == 0).unwrap_or(q);
    let mut r = q;
    while r % p == 0 {
        r /= p;
    }
    q >= 2 && r == 1
}

/// Every (q, n), n >= 2, with q^n <= limit; plus n = 1 for q <= limit_1.
fn count_cases(limit: u64, limit_1: u64) -> Vec<(u64, u32)> {
    let mut cases = Vec::new();
    for q in (2..=limit).filter(|&q| is_prime_power(q)) {
        for n in 1u32.. {
            match q.checked_pow(n) {
                Some(size) if size <= limit && (n >= 2 || q <= limit_1) => cases.push((q, n)),
                Some(size) if size <= limit => {}
                _ => break,
            }
        }
    }
    cases
}

fn check_counts(cases: &[(u64, u32)]) {
    for &(q, n) in cases {
        let want = phi(q.pow(n) - 1) / u64::from(n);
        assert_eq!(count_primitive(q, n), want, "GF({q}), degree {n}");
    }
}

/// Exhaustive count for every (q, n) with q^n <= 2^12 (n = 1: q <= 256). The complete
/// q^n <= 2^16 range is `primitive_counts_equal_phi_formula_up_to_2_16` (ignored: about 2
/// million polynomials; run it with `cargo test --release -- --ignored`).
#[test]
fn primitive_counts_equal_phi_formula() {
    check_counts(&count_cases(1 << 12, 256));
}

/// Every (q, n), n >= 2, with q^n <= 2^16, and n = 1 for q <= 2^12 (degree 1 for all primes
/// up to 2^16 would be 2 * 10^8 polynomials).
#[test]
#[ignore = "about 2 million polynomials: run with --release -- --ignored"]
fn primitive_counts_equal_phi_formula_up_to_2_16() {
    check_counts(&count_cases(1 << 16, 1 << 12));
}

const QS: [u64; 11] = [2, 3, 4, 5, 7, 8, 9, 16, 25, 251, 65521];

/// Largest degree tested for q: keeps q^d (the brute-force bound on the order) near 1000,
/// except GF(251) and GF(65521), where degree 1 / 2 cost at most 65520 steps.
fn max_degree(q: u64) -> usize {
    match q {
        2 => 10,
        3 => 6,
        4 => 5,
        5 => 4,
        7..=9 => 3,
        16 | 25 | 251 => 2,
        _ => 1,
    }
}

fn poly_strategy() -> impl Strategy<Value = Poly> {
    proptest::sample::select(QS.to_vec()).prop_flat_map(|q| {
        (1..=max_degree(q))
            .prop_flat_map(move |d| {
                (
                    proptest::collection::vec(0..q, d),
                    1..q, // leading coefficient: nonzero, so the degree is d
                )
            })
            .prop_map(move |(mut c, lead)| {
                c.push(lead);
                Poly::new(&field(q), c).unwrap()
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn order_matches_brute_force(f in poly_strategy()) {
        let q = f.field().q();
        let d = f.degree().unwrap() as u32;
        let brute = brute_order(&f, q.pow(d));
        let want = brute.map_or(Order::Infinite, finite);
        prop_assert_eq!(order(&f).unwrap(), want.clone());
        let primitive = brute == Some(q.pow(d) - 1);
        prop_assert_eq!(is_primitive(&f).unwrap(), primitive);
        // The oracle's longest cycle is the order, and its cycles cover q^(deg f') states.
        if let Some(n) = brute {
            let cycles = cycle_counts_by_moebius(&f, n).unwrap();
            prop_assert_eq!(cycles.keys().max().copied(), Some(n));
            let states: BigUint = cycles.iter().map(|(l, c)| c * *l).sum();
            prop_assert_eq!(states, BigUint::from(q).pow(d));
        }
    }
}

/// Every monic polynomial of degree 1..=max_degree over GF(q), from its coefficient index.
fn all_monic(q: u64, max_degree: usize) -> Vec<Poly> {
    let f = field(q);
    let mut out = Vec::new();
    for d in 1..=max_degree {
        for mut k in 0..q.pow(d as u32) {
            let mut c: Vec<u64> = (0..d)
                .map(|_| {
                    let digit = k % q;
                    k /= q;
                    digit
                })
                .collect();
            c.push(1);
            out.push(Poly::new(&f, c).unwrap());
        }
    }
    out
}

#[test]
fn profile_agrees_with_order_irreducibility_and_primitivity() {
    use gf_core::factor::factor;
    use gf_core::order::{power_order, profile};
    // The one-factorization profile against the separate functions (each checked against
    // brute force and PARI elsewhere) and brute-force orders, on every small monic polynomial.
    for (q, max_degree) in [(2, 8), (3, 5), (4, 4), (5, 3), (7, 3)] {
        for f in all_monic(q, max_degree) {
            let p = profile(&f).unwrap();
            assert_eq!(
                p.order.as_ref().ok(),
                Some(&order(&f).unwrap()),
                "GF({q}) {f}"
            );
            let want = brute_order(&f, 1 << 16).map_or(Order::Infinite, finite);
            assert_eq!(p.order, Ok(want), "GF({q}) {f}");
            assert_eq!(p.irreducible, gf_core::is_irreducible(&f), "GF({q}) {f}");
            assert_eq!(p.primitive, Ok(is_primitive(&f).unwrap()), "GF({q}) {f}");
            assert_eq!(p.unit, 1);
            let factors = factor(&f).unwrap().factors;
            assert_eq!(p.factors.len(), factors.len(), "GF({q}) {f}");
            for (got, (g, e)) in p.factors.iter().zip(&factors) {
                assert_eq!((&got.factor, got.multiplicity), (g, *e));
                let want = order(g).unwrap();
                assert_eq!(got.order, Ok(want.clone()), "GF({q}) {g}");
                let power = match want {
                    Order::Finite(n) => Order::Finite(power_order(field(q).p(), &n, *e)),
                    Order::Infinite => Order::Infinite,
                };
                assert_eq!(got.power_order, Ok(power), "GF({q}) {g}^{e}");
            }
        }
    }
    // a unit other than 1, and the constants
    let f = parse(3, "2*x^2 + 1"); // 2 (x^2 + 2) = 2 (x + 1)(x + 2)
    let p = profile(&f).unwrap();
    assert_eq!((p.unit, p.factors.len(), p.irreducible), (2, 2, false));
    assert_eq!(p.order, Ok(finite(2)));
    assert!(matches!(
        profile(&parse(3, "2")),
        Err(OrderError::NotIrreducible { .. })
    ));
    assert_eq!(profile(&parse(3, "0")), Err(OrderError::ZeroPolynomial));
}

#[test]
#[ignore = "the work budget spent on 2^1500 - 1: ~1 s optimized, tens of seconds in debug"]
fn profile_keeps_what_it_knows_when_an_order_is_unknown() {
    use gf_core::order::profile;
    // x^1500 + x^25 + 1 is irreducible (Swan does not forbid it; PARI: polisirreducible = 1),
    // and 2^1500 - 1 has a composite cofactor of 94 digits beyond the embedded table (m <=
    // 1,206) and the sieve: the order and primitivity are unknown, with the reason, the rest
    // answered. Times x^2 it also has order infinite and is not primitive, whatever ord is.
    let f = parse(2, "x^1500 + x^25 + 1");
    let p = profile(&f).unwrap();
    assert!(p.irreducible);
    assert!(p.order.is_err() && p.primitive.is_err(), "{p:?}");
    assert!(p.factors[0].order.is_err() && p.factors[0].power_order.is_err());
    let g = parse(2, "x^1502 + x^27 + x^2");
    let p = profile(&g).unwrap();
    assert_eq!(p.factors.len(), 2);
    assert_eq!(p.factors[0].power_order, Ok(Order::Infinite));
    assert!(p.factors[1].order.is_err());
    assert_eq!(
        (p.order, p.primitive, p.irreducible),
        (Ok(Order::Infinite), Ok(false), false)
    );
}
