//! Factorization of polynomials over GF(q) into monic irreducibles, and irreducibility tests.
//!
//! [`factor`] runs the classic pipeline: square-free factorization (with p-th roots in
//! characteristic p), distinct-degree factorization, then Cantor-Zassenhaus equal-degree
//! splitting. The splitting is randomized, but the random source is a fixed-seed generator,
//! so the same input always takes the same path and gives the same output. Frobenius powers
//! `h -> h^q mod f` are applied as a precomputed matrix (they are GF(q)-linear), or as one
//! squaring when q = 2, where polynomials are bit-packed.

use std::cmp::Ordering;

use num_bigint::BigUint;

use crate::poly::{Modulus, Poly, PolyError};

/// f = unit * prod factors[i].0 ^ factors[i].1, the factors monic, irreducible, distinct, and
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
    let mut factors = Vec::new();
    for (part, mult) in square_free_factorization(f) {
        for (dpart, d) in distinct_degree_factorization(&part) {
            for g in equal_degree_factorization(&dpart, d) {
                factors.push((g, mult));
            }
        }
    }
    factors.sort_by(|a, b| poly_order(&a.0, &b.0));
    Ok(Factorization {
        unit: f.leading(),
        factors,
    })
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
    let mut c = f.gcd(&f.derivative()).unwrap_or_else(|_| Poly::one(field));
    let mut w = exact_div(&f, &c);
    let mut i = 1;
    while !w.is_one() {
        let y = w.gcd(&c).unwrap_or_else(|_| Poly::one(field));
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
        let root = Poly::new(field, root).unwrap_or_else(|_| Poly::one(field));
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
        let hx = Poly::from_vec(field, h.clone()).sub(&x);
        let g = hx
            .and_then(|hx| rest.gcd(&hx))
            .unwrap_or_else(|_| Poly::one(field));
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
        let a: Vec<u64> = (0..n).map(|_| rng.next() % field.q()).collect();
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
    match g.gcd(b) {
        Ok(h) if h.degree().is_some_and(|k| k > 0 && Some(k) < g.degree()) => {
            let other = exact_div(&g, &h);
            vec![h, other]
        }
        _ => vec![g],
    }
}

/// Rabin's test: f of degree n >= 1 is irreducible iff x^(q^n) = x mod f and
/// gcd(x^(q^(n/r)) - x, f) = 1 for every prime r dividing n.
pub fn is_irreducible(f: &Poly) -> bool {
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
    let primes = prime_divisors(n);
    let mut h = xmod.clone();
    for k in 1..=n {
        h = frob.apply(&h);
        if primes.iter().any(|&r| n / r == k) {
            let hx = Poly::from_vec(field, h.clone()).sub(&x);
            if !hx.and_then(|hx| hx.gcd(f)).is_ok_and(|g| g.is_one()) {
                return false;
            }
        }
    }
    h == xmod
}

fn prime_divisors(mut n: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut r = 2;
    while r * r <= n {
        if n % r == 0 {
            out.push(r);
            while n % r == 0 {
                n /= r;
            }
        }
        r += 1;
    }
    if n > 1 {
        out.push(n);
    }
    out
}

/// a / b for b dividing a (b nonzero).
fn exact_div(a: &Poly, b: &Poly) -> Poly {
    a.divrem(b).map_or_else(|_| a.clone(), |(quot, _)| quot)
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
            return self.modulus.mul(h, h);
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
            t = m.mul(&t, &t);
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

/// SplitMix64: a tiny deterministic generator for the random splitting elements.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}
