//! Factorization of polynomials over GF(q) into monic irreducibles, and irreducibility tests.
//!
//! [`factor`] runs the classic pipeline: square-free factorization (with p-th roots in
//! characteristic p), distinct-degree factorization, then Cantor-Zassenhaus equal-degree
//! splitting. The splitting is randomized, but the random source is a fixed-seed generator,
//! so the same input always takes the same path and gives the same output. Frobenius powers
//! `h -> h^q mod f` are applied as a precomputed matrix (they are GF(q)-linear), or as one
//! squaring when q = 2, where polynomials are bit-packed.
//!
//! Over GF(2), [`factor`] and [`is_irreducible`] go to [`crate::gf2x::factor`] and
//! [`crate::gf2x::irreducible`] (bit-packed throughout, degrees in the tens of thousands);
//! [`factor_general`], [`is_irreducible_general`] and the three steps below stay on the
//! general arithmetic for every field, GF(2) included, so the two can be compared.

use std::cmp::Ordering;

use num_bigint::BigUint;

use crate::gf2x::Gf2Poly;
use crate::poly::{Modulus, Poly, PolyError};
use crate::splitmix::SplitMix;

/// `f = unit * prod factors[i].0 ^ factors[i].1`, the factors monic, irreducible, distinct, and
/// sorted by degree, then by coefficients from the highest power down.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Factorization {
    /// The leading coefficient of f.
    pub unit: u64,
    /// Monic irreducible factors with multiplicities.
    pub factors: Vec<(Poly, u32)>,
}

/// Factors a nonzero polynomial into monic irreducibles.
///
/// ```
/// use gf_core::{factor, Field, Poly};
///
/// let gf2 = Field::new(2)?;
/// let f = Poly::parse(&gf2, "x^4 + x^3 + x + 1")?;
/// let fact = factor(&f)?;
/// let shown: Vec<String> = fact.factors.iter().map(|(g, e)| format!("({g})^{e}")).collect();
/// assert_eq!(shown, ["(x + 1)^2", "(x^2 + x + 1)^1"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`PolyError::DivisionByZero`] for f = 0.
pub fn factor(f: &Poly) -> Result<Factorization, PolyError> {
    if f.is_zero() {
        return Err(PolyError::DivisionByZero);
    }
    if let Ok(g) = Gf2Poly::from_poly(f) {
        let factors = crate::gf2x::factor::factor(&g)
            .into_iter()
            .map(|(g, e)| (g.to_poly(), e))
            .collect();
        return Ok(Factorization {
            unit: f.leading(),
            factors,
        });
    }
    Ok(factor_general(f))
}

/// [`factor`] on the general arithmetic, for every field (`factor` itself takes the
/// bit-packed route of [`crate::gf2x::factor`] for q = 2). For f != 0.
pub fn factor_general(f: &Poly) -> Factorization {
    let mut factors = Vec::new();
    for (part, mult) in square_free_factorization(f) {
        for (dpart, d) in distinct_degree_factorization(&part) {
            for g in equal_degree_factorization(&dpart, d) {
                factors.push((g, mult));
            }
        }
    }
    factors.sort_by(|a, b| poly_order(&a.0, &b.0));
    Factorization {
        unit: f.leading(),
        factors,
    }
}

/// Degree first, then coefficients from the highest power down.
fn poly_order(a: &Poly, b: &Poly) -> Ordering {
    a.degree()
        .cmp(&b.degree())
        .then_with(|| a.coeffs().iter().rev().cmp(b.coeffs().iter().rev()))
}

/// Square-free decomposition of f (made monic): pairs `(g_i, i)` with f = prod g_i^i, the g_i
/// square-free, pairwise coprime and nonconstant, sorted by multiplicity. Empty for constants.
pub fn square_free_factorization(f: &Poly) -> Vec<(Poly, u32)> {
    let mut out = Vec::new();
    if f.degree().unwrap_or(0) == 0 {
        return out;
    }
    let field = f.field();
    let (p, q) = (field.p(), field.q());
    let f = f.monic();
    let mut c = f.gcd(&f.derivative());
    let mut w = exact_div(&f, &c);
    let mut i = 1;
    while !w.is_one() {
        let y = w.gcd(&c);
        let fac = exact_div(&w, &y);
        if !fac.is_one() {
            out.push((fac, i));
        }
        c = exact_div(&c, &y);
        w = y;
        i += 1;
    }
    if !c.is_one() {
        // c is a p-th power: c = sum c_{kp} x^{kp} = (sum c_{kp}^{1/p} x^k)^p, a^{1/p} = a^{q/p}
        let root: Vec<u64> = c
            .coeffs()
            .iter()
            .step_by(p as usize)
            .map(|&a| field.pow(a, q / p))
            .collect();
        let root = Poly::new(field, root).expect("p-th roots of field elements are field elements");
        for (g, m) in square_free_factorization(&root) {
            out.push((g, m * p as u32));
        }
        out.sort_by_key(|(_, m)| *m);
    }
    out
}

/// Splits a square-free f (made monic) into `(g_d, d)`: g_d is the product of all irreducible
/// factors of degree d. Sorted by d; constants give an empty list.
pub fn distinct_degree_factorization(f: &Poly) -> Vec<(Poly, usize)> {
    let mut out = Vec::new();
    let Ok(frob) = Frobenius::new(f) else {
        return out;
    };
    let field = f.field();
    let x = Poly::x(field);
    let mut rest = f.monic();
    let mut h = frob.modulus.reduce(vec![0, 1]);
    let mut d = 0;
    while rest.degree().unwrap_or(0) >= 2 * (d + 1) {
        d += 1;
        h = frob.apply(&h);
        let hx = Poly::from_vec(field, h.clone()) - &x;
        let g = rest.gcd(&hx);
        if !g.is_one() {
            rest = exact_div(&rest, &g);
            out.push((g, d));
        }
    }
    if let Some(deg) = rest.degree().filter(|&k| k > 0) {
        out.push((rest, deg));
    }
    out
}

/// Splits f (monic, square-free, all irreducible factors of degree d) into its irreducible
/// factors, sorted. Cantor-Zassenhaus with a fixed seed; for even q the split uses the
/// absolute trace instead of the (q^d - 1)/2 power. If f does not meet the precondition the
/// result is a correct factorization into possibly reducible pieces.
pub fn equal_degree_factorization(f: &Poly, d: usize) -> Vec<Poly> {
    let f = f.monic();
    let n = f.degree().unwrap_or(0);
    if d == 0 || n <= d || n % d != 0 {
        return if n == 0 { Vec::new() } else { vec![f] };
    }
    let Ok(frob) = Frobenius::new(&f) else {
        return vec![f];
    };
    let field = f.field().clone();
    let mut rng = SplitMix(0x9E37_79B9_7F4A_7C15 ^ n as u64);
    let mut pieces = vec![f];
    // Each round splits any two factors with probability about 1/2; the cap only matters when
    // the precondition is violated.
    for _ in 0..(64 + 4 * n) {
        if pieces.len() == n / d {
            break;
        }
        let a: Vec<u64> = (0..n).map(|_| rng.next_u64() % field.q()).collect();
        let b = Poly::from_vec(&field, frob.split_element(frob.modulus.reduce(a), d));
        pieces = pieces
            .into_iter()
            .flat_map(|g| split_by(g, &b, d))
            .collect();
    }
    pieces.sort_by(poly_order);
    pieces
}

fn split_by(g: Poly, b: &Poly, d: usize) -> Vec<Poly> {
    if g.degree() == Some(d) {
        return vec![g];
    }
    let h = g.gcd(b);
    if h.degree().is_some_and(|k| k > 0 && Some(k) < g.degree()) {
        let other = exact_div(&g, &h);
        vec![h, other]
    } else {
        vec![g]
    }
}

/// Whether f is irreducible. Over GF(2) this is [`crate::gf2x::irreducible::is_irreducible`]
/// (Ben-Or's test, which stops at the smallest factor degree, then Rabin's); over other
/// fields [`is_irreducible_general`].
pub fn is_irreducible(f: &Poly) -> bool {
    match Gf2Poly::from_poly(f) {
        Ok(g) => crate::gf2x::irreducible::is_irreducible(&g),
        Err(_) => is_irreducible_general(f),
    }
}

/// Rabin's test on the general arithmetic, for every field: f of degree n >= 1 is
/// irreducible iff x^(q^n) = x mod f and gcd(x^(q^(n/r)) - x, f) = 1 for every prime r
/// dividing n.
pub fn is_irreducible_general(f: &Poly) -> bool {
    let Some(n) = f.degree() else {
        return false;
    };
    if n <= 1 {
        return n == 1;
    }
    let Ok(frob) = Frobenius::new(f) else {
        return false;
    };
    let field = f.field();
    let x = Poly::x(field);
    let xmod = frob.modulus.reduce(vec![0, 1]);
    let primes: Vec<usize> = crate::integer::distinct_prime_factors(n as u64)
        .into_iter()
        .map(|r| r as usize)
        .collect();
    let mut h = xmod.clone();
    for k in 1..=n {
        h = frob.apply(&h);
        if primes.iter().any(|&r| n / r == k) {
            let hx = Poly::from_vec(field, h.clone()) - &x;
            if !hx.gcd(f).is_one() {
                return false;
            }
        }
    }
    h == xmod
}

/// a / b for b dividing a (b nonzero).
fn exact_div(a: &Poly, b: &Poly) -> Poly {
    let (quot, rem) = a
        .divrem(b)
        .expect("exact_div: divisor is a nonzero factor over the same field");
    debug_assert!(rem.is_zero(), "exact_div: division is not exact");
    quot
}

/// The q-power map h -> h^q on GF(q)[x]/(f): a matrix (rows x^(iq) mod f), or squaring for q = 2.
struct Frobenius {
    modulus: Modulus,
    rows: Vec<Vec<u64>>,
}

impl Frobenius {
    fn new(f: &Poly) -> Result<Frobenius, PolyError> {
        let modulus = Modulus::new(f)?;
        let n = f.degree().unwrap_or(0);
        let q = f.field().q();
        let mut rows = Vec::new();
        if q != 2 && n > 0 {
            let xq = Poly::x_pow_mod(&BigUint::from(q), f)?;
            let mut row = modulus.reduce(vec![1]);
            for _ in 0..n {
                let next = modulus.mul(&row, xq.coeffs());
                rows.push(std::mem::replace(&mut row, next));
            }
        }
        Ok(Frobenius { modulus, rows })
    }

    fn apply(&self, h: &[u64]) -> Vec<u64> {
        let field = self.modulus.field();
        if self.rows.is_empty() {
            return self.modulus.square(h);
        }
        let n = self.rows.len();
        if field.is_prime_field() {
            let p = field.p() as u128;
            let mut acc = vec![0u128; n];
            for (&c, row) in h.iter().zip(&self.rows) {
                if c != 0 {
                    for (a, &r) in acc.iter_mut().zip(row) {
                        *a += (c * r) as u128;
                    }
                }
            }
            let v = acc.into_iter().map(|a| (a % p) as u64).collect();
            return self.modulus.reduce(v);
        }
        let mut acc = vec![0u64; n];
        for (&c, row) in h.iter().zip(&self.rows) {
            if c != 0 {
                for (a, &r) in acc.iter_mut().zip(row) {
                    *a = field.add(*a, field.mul(c, r));
                }
            }
        }
        self.modulus.reduce(acc)
    }

    /// An element whose gcd with a product of degree-d irreducibles splits it with probability
    /// about 1/2: a^((q^d - 1)/2) - 1 for odd q, the absolute trace of a for even q.
    fn split_element(&self, a: Vec<u64>, d: usize) -> Vec<u64> {
        let field = self.modulus.field().clone();
        let m = &self.modulus;
        // norm-like product a^(1 + q + ... + q^(d-1)) (odd q) or trace sum (even q)
        let odd = field.p() != 2;
        let (mut s, mut t) = (a.clone(), a);
        for _ in 1..d {
            s = self.apply(&s);
            t = if odd {
                m.mul(&t, &s)
            } else {
                add_slices(&field, &t, &s)
            };
        }
        if odd {
            let v = m.pow(&t, &BigUint::from((field.q() - 1) / 2));
            return add_slices(&field, &v, &[field.neg(1)]);
        }
        // absolute trace from GF(q) = GF(2^k) down to GF(2): sum of t^(2^i), i < k
        let mut acc = t.clone();
        for _ in 1..field.n() {
            t = m.square(&t);
            acc = add_slices(&field, &acc, &t);
        }
        acc
    }
}

fn add_slices(field: &crate::Field, a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut v: Vec<u64> = (0..a.len().max(b.len()))
        .map(|i| field.add(*a.get(i).unwrap_or(&0), *b.get(i).unwrap_or(&0)))
        .collect();
    while v.last() == Some(&0) {
        v.pop();
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Field;
    use proptest::prelude::*;

    fn gf(q: u64) -> Field {
        Field::new(q).unwrap()
    }

    /// x^d - sum c_i x^i: the characteristic polynomial of the LFSR with coefficients c.
    fn charpoly(q: u64, c: &[u64]) -> Poly {
        let f = gf(q);
        let mut v: Vec<u64> = c.iter().map(|&ci| f.neg(ci)).collect();
        v.push(1);
        Poly::new(&f, v).unwrap()
    }

    fn parsed(q: u64, s: &str) -> Poly {
        Poly::parse(&gf(q), s).unwrap()
    }

    /// Factorizations from lfsr-conventions.md sections 5, 6 and 6b (and x^6 - 1 = (x-1)^3 (x+1)^3
    /// over GF(3), x^3 - 1 = (x-1)(x-a)(x-a^2) over GF(4), by hand).
    type Case = (u64, &'static [u64], &'static [(&'static str, u32)]);
    const TABLE: &[Case] = &[
        (2, &[1, 1, 0, 1], &[("x + 1", 2), ("x^2 + x + 1", 1)]),
        (2, &[1, 0, 1, 1], &[("x + 1", 1), ("x^3 + x + 1", 1)]),
        (2, &[1, 1, 0], &[("x^3 + x + 1", 1)]),
        (2, &[1, 1], &[("x^2 + x + 1", 1)]),
        (2, &[1, 0, 0, 1, 0], &[("x^5 + x^3 + 1", 1)]),
        (3, &[1, 2, 1], &[("x + 2", 1), ("x^2 + 1", 1)]),
        (
            5,
            &[1, 3, 2, 1],
            &[("x^2 + x + 1", 1), ("x^2 + 3*x + 4", 1)],
        ),
        (2, &[1, 0, 0, 1], &[("x^4 + x^3 + 1", 1)]),
        (2, &[1, 1, 1, 1], &[("x^4 + x^3 + x^2 + x + 1", 1)]),
        (2, &[1, 0, 0, 0], &[("x + 1", 4)]),
        (3, &[1, 2], &[("x^2 + x + 2", 1)]),
        (3, &[1, 2, 0], &[("x + 1", 1), ("x^2 + 2*x + 2", 1)]),
        (5, &[1, 3, 2], &[("x + 4", 1), ("x^2 + 4*x + 1", 1)]),
        (
            2,
            &[1; 10],
            &[("x^10+x^9+x^8+x^7+x^6+x^5+x^4+x^3+x^2+x+1", 1)],
        ),
        (
            2,
            &[1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0],
            &[("x^12 + x^6 + x^4 + x + 1", 1)],
        ),
        (
            2,
            &[1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0],
            &[("x^3 + x + 1", 1), ("x^4 + x + 1", 1), ("x^5 + x^3 + 1", 1)],
        ),
        (
            2,
            &[1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0],
            &[("x + 1", 2), ("x^6 + x^5 + x^2 + x + 1", 2)],
        ),
        (
            2,
            &[1, 1, 1, 0, 0, 0, 0, 0, 1, 1],
            &[("x + 1", 8), ("x^2 + x + 1", 1)],
        ),
        (2, &[1, 0, 1, 0], &[("x^2 + x + 1", 2)]),
        (
            2,
            &[1, 0, 0, 0, 1],
            &[("x^2 + x + 1", 1), ("x^3 + x + 1", 1)],
        ),
        (
            2,
            &[1, 1, 0, 0, 1, 0],
            &[("x + 1", 1), ("x^2 + x + 1", 1), ("x^3 + x + 1", 1)],
        ),
        (
            2,
            &[1, 1, 0, 0, 0, 0, 1, 0, 1],
            &[("x^2 + x + 1", 1), ("x^3 + x + 1", 1), ("x^4 + x + 1", 1)],
        ),
        (3, &[2, 2, 0], &[("x + 2", 1), ("x^2 + x + 2", 1)]),
        (
            2,
            &[1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 0],
            &[("x^15 + x^13 + x^12 + x^11 + x^9 + x^8 + x^2 + x + 1", 1)],
        ),
        (2, &[0, 1, 1, 0], &[("x", 1), ("x^3 + x + 1", 1)]),
        (2, &[0, 0], &[("x", 2)]),
        (2, &[0, 1, 1], &[("x", 1), ("x^2 + x + 1", 1)]),
        (2, &[0, 0, 0, 0], &[("x", 4)]),
        (2, &[1, 0, 1, 0, 0, 0], &[("x^3 + x + 1", 2)]),
        (3, &[2, 0, 1, 0], &[("x^2 + 1", 2)]),
        (
            2,
            &[1, 1, 0, 1, 1, 0, 0, 0],
            &[("x^8 + x^4 + x^3 + x + 1", 1)],
        ),
        (2, &[1, 0, 0, 1, 0, 0], &[("x^6 + x^3 + 1", 1)]),
        (2, &[1, 1, 1, 1, 1], &[("x + 1", 1), ("x^2 + x + 1", 2)]),
        (
            2,
            &[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            &[("x + 1", 16)],
        ),
        (
            3,
            &[1, 0, 0, 0],
            &[("x + 1", 1), ("x + 2", 1), ("x^2 + 1", 1)],
        ),
        (3, &[1, 0, 0, 0, 0, 0], &[("x + 1", 3), ("x + 2", 3)]),
        (5, &[3, 1], &[("x^2 + 4*x + 2", 1)]),
        (3, &[1, 0, 0, 1], &[("x^4 + 2*x^3 + 2", 1)]),
        (7, &[2, 3], &[("x^2 + 4*x + 5", 1)]),
        (4, &[2, 1], &[("x^2 + x + a", 1)]),
        (4, &[1, 1], &[("x + a", 1), ("x + a + 1", 1)]),
        (4, &[1, 0], &[("x + 1", 2)]),
        (
            4,
            &[1, 0, 0],
            &[("x + 1", 1), ("x + a", 1), ("x + a + 1", 1)],
        ),
        (4, &[2, 1, 1], &[("x^3 + x^2 + x + a", 1)]),
    ];

    #[test]
    fn reference_table_factorizations() {
        for &(q, c, expected) in TABLE {
            let f = charpoly(q, c);
            let want: Vec<(Poly, u32)> = expected.iter().map(|&(s, e)| (parsed(q, s), e)).collect();
            let got = factor(&f).unwrap();
            assert_eq!(got.unit, 1);
            assert_eq!(got.factors, want, "GF({q}) {c:?}: {f}");
        }
    }

    #[test]
    fn reference_table_degree_16() {
        // x^16 + x^3 + 1 = (x^3 + x^2 + 1) * (degree 13); x^16 + x + 1 = two degree-8 factors
        let f = factor(&parsed(2, "x^16 + x^3 + 1")).unwrap();
        let degrees: Vec<_> = f.factors.iter().map(|(g, e)| (g.degree(), *e)).collect();
        assert_eq!(degrees, [(Some(3), 1), (Some(13), 1)]);
        assert_eq!(f.factors[0].0, parsed(2, "x^3 + x^2 + 1"));
        let f = factor(&parsed(2, "x^16 + x + 1")).unwrap();
        let degrees: Vec<_> = f.factors.iter().map(|(g, e)| (g.degree(), *e)).collect();
        assert_eq!(degrees, [(Some(8), 1), (Some(8), 1)]);
        assert_eq!(
            f.factors[0].0.mul(&f.factors[1].0),
            parsed(2, "x^16 + x + 1")
        );
    }

    #[test]
    fn known_irreducibles_and_reducibles() {
        // primitive (hence irreducible) polynomials from section 6b
        for s in [
            "x^89 + x^38 + 1",
            "x^127 + x + 1",
            "x^32+x^26+x^23+x^22+x^16+x^12+x^11+x^10+x^8+x^7+x^5+x^4+x^2+x+1",
            "x^19 + x^18 + x^17 + x^14 + 1",
            "x^22 + x^21 + 1",
            "x^23 + x^22 + x^21 + x^8 + 1",
        ] {
            assert!(is_irreducible(&parsed(2, s)), "{s}");
            assert_eq!(factor(&parsed(2, s)).unwrap().factors.len(), 1, "{s}");
        }
        // x^n + x + 1 is irreducible over GF(2) exactly for n in {2,3,4,6,7,9,15,22} (n <= 25)
        for n in 2..=25 {
            let f = Poly::parse(&gf(2), &format!("x^{n} + x + 1")).unwrap();
            assert_eq!(
                is_irreducible(&f),
                [2, 3, 4, 6, 7, 9, 15, 22].contains(&n),
                "n = {n}"
            );
        }
        assert!(!is_irreducible(&Poly::zero(&gf(3))));
        assert!(!is_irreducible(&Poly::one(&gf(3))));
        assert!(is_irreducible(&parsed(3, "2*x + 1")));
        assert!(!is_irreducible(&parsed(3, "x^2")));
    }

    #[test]
    fn distinct_and_equal_degree_steps() {
        // x^(q^k) - x is the product of all monic irreducibles of degree dividing k
        let f = parsed(2, "x^8 + x");
        let ddf = distinct_degree_factorization(&f);
        let cubics = parsed(2, "x^6 + x^5 + x^4 + x^3 + x^2 + x + 1"); // (x^3+x+1)(x^3+x^2+1)
        assert_eq!(ddf, [(parsed(2, "x^2 + x"), 1), (cubics.clone(), 3)]);
        let edf = equal_degree_factorization(&cubics, 3);
        assert_eq!(edf, [parsed(2, "x^3 + x + 1"), parsed(2, "x^3 + x^2 + 1")]);

        let f = parsed(3, "x^9 - x");
        let quadratics = parsed(3, "(x^2 + 1)*(x^2 + x + 2)*(x^2 + 2*x + 2)");
        assert_eq!(
            distinct_degree_factorization(&f),
            [(parsed(3, "x^3 - x"), 1), (quadratics.clone(), 2)]
        );
        let edf = equal_degree_factorization(&quadratics, 2);
        assert_eq!(
            edf,
            [
                parsed(3, "x^2 + 1"),
                parsed(3, "x^2 + x + 2"),
                parsed(3, "x^2 + 2*x + 2")
            ]
        );

        // GF(4): x^4 - x splits into the four linear factors x - c
        let edf = equal_degree_factorization(&parsed(4, "x^4 + x"), 1);
        assert_eq!(
            edf,
            [
                parsed(4, "x"),
                parsed(4, "x + 1"),
                parsed(4, "x + a"),
                parsed(4, "x + a + 1")
            ]
        );
        // GF(25): x^25 - x splits into 25 linear factors; GF(9): degree-2 part of x^81 - x
        assert_eq!(
            equal_degree_factorization(&parsed(25, "x^25 - x"), 1).len(),
            25
        );
        let ddf = distinct_degree_factorization(&parsed(9, "x^81 - x"));
        assert_eq!(
            ddf.iter()
                .map(|(g, d)| (g.degree(), *d))
                .collect::<Vec<_>>(),
            [(Some(9), 1), (Some(72), 2)]
        );
        assert_eq!(equal_degree_factorization(&ddf[1].0, 2).len(), 36);

        // square-free decomposition, by hand: x^2 (x + 1)^3 over GF(3) has (x + 1)^3 = x^3 + 1
        let sff = square_free_factorization(&parsed(3, "x^2 * (x + 1)^3 * (x + 2)"));
        assert_eq!(
            sff,
            [
                (parsed(3, "x + 2"), 1),
                (parsed(3, "x"), 2),
                (parsed(3, "x + 1"), 3)
            ]
        );
    }

    #[test]
    fn units_and_errors() {
        assert_eq!(factor(&Poly::zero(&gf(5))), Err(PolyError::DivisionByZero));
        let c = factor(&parsed(5, "3")).unwrap();
        assert_eq!((c.unit, c.factors.len()), (3, 0));
        // 2x^2 + 2 = 2 (x^2 + 1) = 2 (x + 2)(x + 3) over GF(5)
        let f = factor(&parsed(5, "2*x^2 + 2")).unwrap();
        assert_eq!(f.unit, 2);
        assert_eq!(
            f.factors,
            [(parsed(5, "x + 2"), 1), (parsed(5, "x + 3"), 1)]
        );
    }

    #[test]
    fn big_degrees_over_gf2_and_others() {
        // x^512 + x = product of all irreducibles of degree 1, 3 and 9: 2 + 2 + 56 factors
        let f = factor(&parsed(2, "x^512 + x")).unwrap();
        assert_eq!(f.factors.len(), 60);
        assert!(f
            .factors
            .iter()
            .all(|(g, e)| *e == 1 && [1, 3, 9].contains(&g.degree().unwrap())));
        // x^128 - 1 over GF(3): x^128 - 1 = prod over d | 128 of cyclotomic polys; 128 | 3^k - 1
        // needs 2^7 | 3^k - 1, i.e. k = 32; Phi_(2^j) splits into phi(2^j)/ord_(2^j)(3) factors
        let f = factor(&parsed(3, "x^128 - 1")).unwrap();
        // j = 0,1: 1 + 1 linear; j = 2: ord 2 -> 1; j = 3: ord 2 -> 2; j = 4..7: ord 4,8,16,32 -> 2
        assert_eq!(f.factors.len(), 1 + 1 + 1 + 2 + 2 + 2 + 2 + 2);
    }

    #[test]
    fn irreducible_counts_by_exhaustion() {
        // number of monic irreducibles of degree n: (1/n) sum_{d | n} mu(d) q^(n/d)
        let cases: &[(u64, u32, u64)] = &[
            (2, 1, 2),
            (2, 2, 1),
            (2, 3, 2),
            (2, 4, 3),
            (2, 5, 6),
            (2, 6, 9),
            (2, 7, 18),
            (2, 8, 30),
            (2, 9, 56),
            (2, 10, 99),
            (3, 2, 3),
            (3, 3, 8),
            (3, 4, 18),
            (3, 5, 48),
            (4, 2, 6),
            (4, 3, 20),
            (4, 4, 60),
            (5, 2, 10),
            (5, 3, 40),
            (7, 2, 21),
            (8, 2, 28),
            (9, 2, 36),
            (16, 2, 120),
        ];
        for &(q, n, count) in cases {
            let field = gf(q);
            let total = q.pow(n);
            let found = (0..total)
                .filter(|&k| {
                    let mut c: Vec<u64> = (0..n).map(|i| k / q.pow(i) % q).collect();
                    c.push(1);
                    is_irreducible(&Poly::new(&field, c).unwrap())
                })
                .count() as u64;
            assert_eq!(found, count, "GF({q}) degree {n}");
        }
    }

    const QS: [u64; 11] = [2, 3, 4, 5, 7, 8, 9, 16, 25, 251, 65521];

    /// Irreducibility by an independent method: no roots (degree <= 3), trial division by every
    /// monic polynomial of degree <= n/2 when there are few, else Berlekamp's criterion
    /// (square-free and the fixed space of h -> h^q has dimension 1).
    fn independently_irreducible(f: &Poly) -> bool {
        let field = f.field();
        let (q, n) = (field.q(), f.degree().unwrap());
        if n <= 3 {
            return n == 1 || (n > 1 && (0..q).all(|x| f.eval(x) != 0));
        }
        let candidates =
            (1..=n as u32 / 2).fold(0u64, |acc, k| acc.saturating_add(q.saturating_pow(k)));
        if candidates <= 3000 {
            return (1..=n / 2).all(|k| {
                (0..q.pow(k as u32)).all(|m| {
                    let mut c: Vec<u64> = (0..k).map(|i| m / q.pow(i as u32) % q).collect();
                    c.push(1);
                    !f.rem(&Poly::new(field, c).unwrap()).unwrap().is_zero()
                })
            });
        }
        f.gcd(&f.derivative()).is_one() && berlekamp_nullity(f) == 1
    }

    /// dim ker(Q - I), Q the matrix of h -> h^q mod f, by Gaussian elimination.
    fn berlekamp_nullity(f: &Poly) -> usize {
        let field = f.field();
        let n = f.degree().unwrap();
        let mut rows: Vec<Vec<u64>> = (0..n)
            .map(|i| {
                let e = BigUint::from(field.q()) * BigUint::from(i);
                let r = Poly::x_pow_mod(&e, f).unwrap();
                let mut row: Vec<u64> = (0..n).map(|j| r.coeff(j)).collect();
                row[i] = field.sub(row[i], 1);
                row
            })
            .collect();
        let mut rank = 0;
        for col in 0..n {
            let Some(piv) = (rank..n).find(|&r| rows[r][col] != 0) else {
                continue;
            };
            rows.swap(rank, piv);
            let inv = field.inv(rows[rank][col]).unwrap();
            let pivot: Vec<u64> = rows[rank].iter().map(|&v| field.mul(v, inv)).collect();
            for (r, row) in rows.iter_mut().enumerate() {
                if r != rank && row[col] != 0 {
                    let c = row[col];
                    for (v, &pv) in row.iter_mut().zip(&pivot) {
                        *v = field.sub(*v, field.mul(c, pv));
                    }
                }
            }
            rows[rank] = pivot;
            rank += 1;
        }
        n - rank
    }

    fn random_poly(qi: usize, raw: &[u64]) -> Poly {
        let f = gf(QS[qi]);
        Poly::new(&f, raw.iter().map(|r| r % f.q()).collect()).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn factorization_is_correct(qi in 0..QS.len(), raw in prop::collection::vec(any::<u64>(), 2..14), rep in 1usize..3) {
            let base = random_poly(qi, &raw);
            prop_assume!(!base.is_zero());
            // sometimes repeat a factor to exercise the square-free step
            let mut f = base.clone();
            for _ in 1..rep {
                f = f * &base;
            }
            let fact = factor(&f).unwrap();
            let mut prod = Poly::new(f.field(), vec![fact.unit]).unwrap();
            for (g, e) in &fact.factors {
                prop_assert!(g.is_monic() && *e >= 1);
                prop_assert!(independently_irreducible(g), "{} not irreducible", g);
                for _ in 0..*e {
                    prod = prod.mul(g);
                }
            }
            prop_assert_eq!(&prod, &f);
            let sorted = fact.factors.windows(2).all(|w| poly_order(&w[0].0, &w[1].0) == Ordering::Less);
            prop_assert!(sorted, "not sorted/distinct");
        }

        #[test]
        fn irreducibility_agrees_with_independent_check(qi in 0..QS.len(), raw in prop::collection::vec(any::<u64>(), 1..9)) {
            let mut f = random_poly(qi, &raw);
            f = &f + Poly::monomial(f.field(), 1, raw.len());
            prop_assert_eq!(is_irreducible(&f), independently_irreducible(&f), "{}", f);
        }

        #[test]
        fn square_free_parts(qi in 0..QS.len(), a in prop::collection::vec(any::<u64>(), 2..6), b in prop::collection::vec(any::<u64>(), 2..5)) {
            let (a, b) = (random_poly(qi, &a), random_poly(qi, &b));
            prop_assume!(!a.is_zero() && !b.is_zero());
            let f = &a * &b * &b;
            let parts = square_free_factorization(&f);
            let mut prod = Poly::one(f.field());
            for (g, m) in &parts {
                prop_assert!(g.gcd(&g.derivative()).is_one(), "{} not square-free", g);
                for _ in 0..*m {
                    prod = prod.mul(g);
                }
            }
            prop_assert_eq!(prod, f.monic());
        }
    }
}
