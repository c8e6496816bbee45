//! GF(2) irreducibility, factorization, orders and primitivity at large degree
//! (`gf_core::gf2x::{irreducible, factor, order}` and the q = 2 dispatch of `factor`,
//! `is_irreducible`, `order`, `is_primitive`), against answers from outside this crate:
//!
//! * `tests/data/gf2x_mersenne_trinomials.txt`: primitive trinomials at Mersenne exponents
//!   (Zierler 1969; Kurita-Matsumoto 1991; Brent-Larvala-Zimmermann 2003) and near misses,
//!   every line checked with PARI/GP's `polisirreducible`;
//! * `tests/data/gf2x_factor_pari.txt`: random dense polynomials and PARI's `factormod`;
//! * `tests/data/gf2x_order_pari.txt`: random irreducibles of degree 257..1206 and PARI's
//!   `fforder(ffgen(g), [2^m - 1, factor])`;
//! * x^4253 + x^1155 + 1 = factors of degree 122, 270, 726, 3135 (PARI `factormod`, and
//!   FLINT 3 via python-flint 0.9.0 `nmod_poly(..., 2).factor()`);
//! * the general (every-field) code path of gf-core run on q = 2, for small degrees.
//!
//! The data files say which command made them. The degrees above 4,423 are `#[ignore]`d
//! release tests (`cargo test -p gf-core --release -- --ignored`, run by `.ci/run`).

use std::collections::HashMap;
use std::sync::OnceLock;

use gf_core::factor::{
    distinct_degree_factorization, equal_degree_factorization, factor, factor_general,
    is_irreducible, is_irreducible_general, square_free_factorization,
};
use gf_core::gf2x::factor as gfac;
use gf_core::gf2x::irreducible::{is_irreducible_with, Strategy};
use gf_core::gf2x::Gf2Poly;
use gf_core::order::{irreducible_order, is_primitive, order, Order};
use gf_core::{Field, Poly};
use num_bigint::BigUint;
use num_integer::Integer;
use proptest::prelude::*;

/// A polynomial from hex: bit i of the number is the coefficient of x^i.
fn hex(s: &str) -> Gf2Poly {
    let mut words = Vec::new();
    let mut end = s.len();
    while end > 0 {
        let start = end.saturating_sub(16);
        words.push(u64::from_str_radix(&s[start..end], 16).expect("hex digits"));
        end = start;
    }
    Gf2Poly::from_words(words)
}

fn data_lines(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_whitespace().collect())
}

const TRINOMIALS: &str = include_str!("data/gf2x_mersenne_trinomials.txt");
const FACTORS: &str = include_str!("data/gf2x_factor_pari.txt");
const ORDERS: &str = include_str!("data/gf2x_order_pari.txt");

/// (n, [(k, irreducible by PARI)]) for every line of the trinomial table.
fn trinomials() -> Vec<(usize, Vec<(usize, bool)>)> {
    data_lines(TRINOMIALS)
        .map(|w| {
            let n = w[0].parse().unwrap();
            let ks = w[1..]
                .chunks(2)
                .map(|p| (p[0].parse().unwrap(), p[1] == "1"))
                .collect();
            (n, ks)
        })
        .collect()
}

fn gf2() -> Field {
    Field::new(2).unwrap()
}

/// The trinomial rows with n in `range`: the primitive one is reported irreducible and
/// primitive (by the Poly dispatch, and irreducible by every gf2x strategy up to
/// `all_strategies_up_to`), the near misses neither.
fn check_trinomials(range: std::ops::RangeInclusive<usize>, all_strategies_up_to: usize) {
    let rows: Vec<_> = trinomials()
        .into_iter()
        .filter(|(n, _)| range.contains(n))
        .collect();
    assert!(!rows.is_empty(), "no table rows in {range:?}");
    for (n, ks) in rows {
        assert_eq!(ks.len(), 3, "n = {n}");
        assert!(ks[0].1 && !ks[1].1 && !ks[2].1, "table row n = {n}");
        for (k, irreducible) in ks {
            let f = Gf2Poly::from_exponents(&[n, k, 0]);
            let p = f.to_poly();
            assert_eq!(is_irreducible(&p), irreducible, "x^{n} + x^{k} + 1");
            if n <= all_strategies_up_to {
                for s in [Strategy::Rabin, Strategy::BenOr] {
                    assert_eq!(is_irreducible_with(&f, s), irreducible, "{n} {k} {s:?}");
                }
            }
            // 2^n - 1 is prime, so primitive = irreducible
            assert_eq!(is_primitive(&p).unwrap(), irreducible, "x^{n} + x^{k} + 1");
            if irreducible {
                let full = (BigUint::from(1u8) << n) - 1u8;
                assert_eq!(irreducible_order(&p).unwrap(), full, "x^{n} + x^{k} + 1");
            }
        }
    }
}

#[test]
fn mersenne_trinomials_to_2281() {
    check_trinomials(521..=2281, 1279);
}

#[test]
#[ignore = "degrees 3,217 and 4,423: run with --release -- --ignored"]
fn mersenne_trinomials_3217_and_4423() {
    check_trinomials(3217..=4423, 4423);
}

#[test]
#[ignore = "degrees 9,689 to 44,497: run with --release -- --ignored"]
fn mersenne_trinomials_9689_to_44497() {
    check_trinomials(9689..=44497, 0);
}

#[test]
#[ignore = "a degree-4,253 factorization: run with --release -- --ignored"]
fn x4253_x1155_1_factor_degrees_by_pari_and_flint() {
    let f = Gf2Poly::from_exponents(&[4253, 1155, 0]);
    let fact = gfac::factor(&f);
    let degrees: Vec<(usize, u32)> = fact
        .iter()
        .map(|(g, e)| (g.degree().unwrap(), *e))
        .collect();
    assert_eq!(degrees, [(122, 1), (270, 1), (726, 1), (3135, 1)]);
    let product = fact.iter().fold(Gf2Poly::one(), |acc, (g, _)| acc.mul(g));
    assert_eq!(product, f);
    assert!(fact
        .iter()
        .all(|(g, _)| is_irreducible_with(g, Strategy::Rabin)));
    assert!(!gf_core::gf2x::irreducible::is_irreducible(&f));
}

/// PARI's factorization of one line, sorted the way gf-core sorts factors.
fn pari_factors(words: &[&str]) -> Vec<(Gf2Poly, u32)> {
    let mut v: Vec<(Gf2Poly, u32)> = words
        .iter()
        .map(|w| {
            let (g, e) = w.split_once('^').expect("factor^exponent");
            (hex(g), e.parse().unwrap())
        })
        .collect();
    v.sort_by(|a, b| gfac::cmp_poly(&a.0, &b.0));
    v
}

#[test]
fn factorizations_equal_pari_factormod() {
    let mut lines = 0;
    for w in data_lines(FACTORS) {
        let f = hex(w[0]);
        let want = pari_factors(&w[1..]);
        let got = gfac::factor(&f);
        assert_eq!(got, want, "degree {:?}", f.degree());
        let product = got.iter().fold(Gf2Poly::one(), |acc, (g, e)| {
            (0..*e).fold(acc, |a, _| a.mul(g))
        });
        assert_eq!(product, f);
        // the Poly dispatch gives the same, as Polys
        let p = factor(&f.to_poly()).unwrap();
        let as_poly: Vec<(Poly, u32)> = want.iter().map(|(g, e)| (g.to_poly(), *e)).collect();
        assert_eq!((p.unit, p.factors), (1, as_poly));
        // irreducible exactly when PARI found one factor to the first power
        let irreducible = want.len() == 1 && want[0].1 == 1;
        for s in [Strategy::Auto, Strategy::Rabin, Strategy::BenOr] {
            assert_eq!(is_irreducible_with(&f, s), irreducible, "{s:?}");
        }
        lines += 1;
    }
    assert_eq!(lines, 28);
}

/// The factorization of 2^m - 1 is needed for every m of the order table.
fn orders() -> Vec<(usize, Gf2Poly, BigUint, bool)> {
    data_lines(ORDERS)
        .map(|w| {
            (
                w[0].parse().unwrap(),
                hex(w[1]),
                w[2].parse().unwrap(),
                w[3] == "1",
            )
        })
        .collect()
}

#[test]
fn orders_and_primitivity_equal_pari_fforder_to_degree_300() {
    check_orders(300);
}

#[test]
#[ignore = "degrees up to 1,200 (about 300 s in debug): run with --release -- --ignored"]
fn orders_and_primitivity_equal_pari_fforder_to_degree_1200() {
    check_orders(1206);
}

/// The rows of the order table with m <= `max`; needs the Cunningham table for 2^m - 1.
fn check_orders(max: usize) {
    let rows: Vec<_> = orders().into_iter().filter(|r| r.0 <= max).collect();
    assert!(rows.len() >= 10, "{} rows", rows.len());
    let mut by_degree: HashMap<usize, Vec<(Poly, BigUint)>> = HashMap::new();
    for (m, g, ord, primitive) in rows {
        assert_eq!(g.degree(), Some(m));
        let p = g.to_poly();
        assert!(is_irreducible(&p), "degree {m}");
        assert_eq!(irreducible_order(&p).unwrap(), ord, "degree {m}");
        assert_eq!(order(&p).unwrap(), Order::Finite(ord.clone()), "degree {m}");
        assert_eq!(is_primitive(&p).unwrap(), primitive, "degree {m}");
        by_degree.entry(m).or_default().push((p, ord));
    }
    // products of two irreducibles (of one degree, and of two neighbouring degrees): the
    // order is the lcm, and a product is never primitive
    let mut degrees: Vec<usize> = by_degree.keys().copied().collect();
    degrees.sort_unstable();
    for pair in degrees.windows(2) {
        let (a, b) = (&by_degree[&pair[0]], &by_degree[&pair[1]]);
        for ((g, og), (h, oh)) in [(&a[0], &a[1]), (&a[0], &b[0])] {
            let f = g * h;
            assert_eq!(order(&f).unwrap(), Order::Finite(og.lcm(oh)));
            assert!(!is_primitive(&f).unwrap() && !is_irreducible(&f));
        }
    }
}

fn random_poly(seed: u64, degree: usize) -> Gf2Poly {
    // SplitMix64, so the cases are fixed
    let mut s = seed;
    let words = (0..degree / 64 + 1)
        .map(|_| {
            s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        })
        .collect();
    Gf2Poly::from_words(words)
        .truncated(degree)
        .add(&Gf2Poly::monomial(degree))
}

fn general_ddf(p: &Poly) -> Vec<(Gf2Poly, usize)> {
    distinct_degree_factorization(p)
        .into_iter()
        .map(|(g, d)| (Gf2Poly::from_poly(&g).unwrap(), d))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Square-free, distinct-degree and equal-degree steps, the whole factorization and the
    /// irreducibility tests, against gf-core's general code run on q = 2.
    #[test]
    fn steps_equal_the_general_code_on_gf2(seed in any::<u64>(), d1 in 1usize..60, d2 in 1usize..40, e in 1u32..4) {
        // a random polynomial times a random one to the power e (repeated factors)
        let a = random_poly(seed, d1);
        let b = random_poly(seed ^ 0xABCD, d2);
        let f = (0..e).fold(a, |acc, _| acc.mul(&b));
        let p = f.to_poly();
        let field = gf2();
        let sff = gfac::square_free(&f);
        let general_sff: Vec<(Gf2Poly, u32)> = square_free_factorization(&p)
            .into_iter()
            .map(|(g, m)| (Gf2Poly::from_poly(&g).unwrap(), m))
            .collect();
        prop_assert_eq!(&sff, &general_sff);
        for (part, _) in &sff {
            let ddf = gfac::distinct_degree(part);
            prop_assert_eq!(&ddf, &general_ddf(&part.to_poly()));
            for (g, d) in &ddf {
                let edf = gfac::equal_degree(g, *d);
                let general: Vec<Gf2Poly> = equal_degree_factorization(&g.to_poly(), *d)
                    .iter()
                    .map(|h| Gf2Poly::from_poly(h).unwrap())
                    .collect();
                prop_assert_eq!(edf, general);
            }
        }
        prop_assert_eq!(factor(&p).unwrap(), factor_general(&p));
        let irreducible = is_irreducible_general(&p);
        prop_assert_eq!(is_irreducible(&p), irreducible);
        for s in [Strategy::Auto, Strategy::Rabin, Strategy::BenOr] {
            prop_assert_eq!(is_irreducible_with(&f, s), irreducible);
        }
        let _ = field;
    }

    /// Dense polynomials of degree up to 700 against the general Rabin test (which is slower,
    /// hence the degree).
    #[test]
    fn irreducibility_equals_the_general_rabin_test(seed in any::<u64>(), d in 2usize..700) {
        let f = random_poly(seed, d);
        let want = is_irreducible_general(&f.to_poly());
        for s in [Strategy::Auto, Strategy::Rabin, Strategy::BenOr] {
            prop_assert_eq!(is_irreducible_with(&f, s), want, "{:?}", s);
        }
    }
}

/// Random irreducibles of degree 64..=400 (found by the general Rabin test), their products
/// with small factors: rejected by every strategy; times themselves: too.
#[test]
fn products_with_factors_of_every_size_are_reducible() {
    static IRR: OnceLock<Vec<Gf2Poly>> = OnceLock::new();
    let irr = IRR.get_or_init(|| {
        [64usize, 65, 127, 200, 255, 400]
            .iter()
            .map(|&d| {
                (0u64..)
                    .map(|s| random_poly(s * 7919 + d as u64, d))
                    .find(|g| is_irreducible_general(&g.to_poly()))
                    .unwrap()
            })
            .collect()
    });
    for (i, g) in irr.iter().enumerate() {
        assert!(is_irreducible_with(g, Strategy::Auto), "{i}");
        for h in &irr[i..] {
            let f = g.mul(h);
            for s in [Strategy::Auto, Strategy::Rabin, Strategy::BenOr] {
                assert!(
                    !is_irreducible_with(&f, s),
                    "{:?} {:?} {s:?}",
                    g.degree(),
                    h.degree()
                );
            }
            let fact = gfac::factor(&f);
            let want = if g == h {
                vec![(g.clone(), 2)]
            } else {
                let mut v = vec![(g.clone(), 1), (h.clone(), 1)];
                v.sort_by(|a, b| gfac::cmp_poly(&a.0, &b.0));
                v
            };
            assert_eq!(fact, want);
        }
    }
}
