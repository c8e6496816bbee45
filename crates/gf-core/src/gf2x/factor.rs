//! Factorization over GF(2) on the fast arithmetic: square-free, distinct-degree and
//! equal-degree (Cantor-Zassenhaus with the trace map) factorization.
//!
//! * [`square_free`]: Yun's algorithm with gcds against the derivative; what is left is a
//!   square, whose square root over GF(2) takes the even-exponent coefficients.
//! * [`distinct_degree`]: x^(2^i) mod f by squarings; the factors x^(2^i) - x are multiplied
//!   together modulo f over a batch of steps ([`super::irreducible::max_batch`]) and one gcd
//!   is taken per batch (a gcd costs O(n^2 / 64), a multiplication modulo f much less); when
//!   a batch's gcd is
//!   not 1 its steps are gone through one by one. The work ends as soon as the rest cannot
//!   have two factors of the next degree, and f shrinks as factors are found.
//! * [`equal_degree`]: for f a product of irreducibles of degree d, the trace
//!   T(a) = a + a^2 + ... + a^(2^(d-1)) of a random a is 0 or 1 modulo each factor,
//!   independently and uniformly, so gcd(T(a), f) splits f with probability about 1/2. The
//!   random source is a fixed-seed generator: the same input always gives the same output.
//! * [`factor`]: the three in a row (a square-free part that
//!   [`super::irreducible::is_irreducible`] accepts skips the other two), factors sorted by
//!   degree then coefficients from the top (the order of [`crate::factor::factor`]).
//!
//! ```
//! use gf_core::gf2x::factor::factor;
//! use gf_core::gf2x::Gf2Poly;
//!
//! // x^4 + x^3 + x + 1 = (x + 1)^2 (x^2 + x + 1)
//! let f = Gf2Poly::from_exponents(&[4, 3, 1, 0]);
//! let shown: Vec<String> = factor(&f).iter().map(|(g, e)| format!("({g})^{e}")).collect();
//! assert_eq!(shown, ["(x + 1)^2", "(x^2 + x + 1)^1"]);
//! ```

use std::cmp::Ordering;

use super::{Gf2Modulus, Gf2Poly};
use crate::splitmix::SplitMix;

/// f = prod g_i^e_i, the g_i irreducible and distinct, sorted by degree then coefficients
/// from the highest power down. Empty for constants (zero included).
pub fn factor(f: &Gf2Poly) -> Vec<(Gf2Poly, u32)> {
    let mut out = Vec::new();
    for (part, e) in square_free(f) {
        // An irreducible part would cost the distinct-degree loop n/2 multiplications;
        // the test costs far less (its sieve rejects most reducible parts at once).
        if super::irreducible::is_irreducible(&part) {
            out.push((part, e));
            continue;
        }
        for (dpart, d) in distinct_degree(&part) {
            for g in equal_degree(&dpart, d) {
                out.push((g, e));
            }
        }
    }
    out.sort_by(|a, b| cmp_poly(&a.0, &b.0));
    out
}

/// Degree first, then coefficients from the highest power down.
pub fn cmp_poly(a: &Gf2Poly, b: &Gf2Poly) -> Ordering {
    a.degree()
        .cmp(&b.degree())
        .then_with(|| a.words().iter().rev().cmp(b.words().iter().rev()))
}

/// Square-free decomposition: pairs `(g, e)` with f = prod g^e, each g square-free and
/// nonconstant, pairwise coprime, sorted by e. Empty for constants.
pub fn square_free(f: &Gf2Poly) -> Vec<(Gf2Poly, u32)> {
    let mut out = Vec::new();
    if f.degree().unwrap_or(0) == 0 {
        return out;
    }
    let mut c = f.gcd(&f.derivative());
    let mut w = exact_div(f, &c);
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
        // c is a square: c = (sum c_2k x^k)^2
        for (g, e) in square_free(&sqrt(&c)) {
            out.push((g, 2 * e));
        }
        out.sort_by_key(|(_, e)| *e);
    }
    out
}

/// The square root of a square over GF(2): the even-exponent coefficients, moved to half
/// their exponent (the odd ones must be zero).
fn sqrt(c: &Gf2Poly) -> Gf2Poly {
    /// The even bits of a word, packed into its low half.
    fn compress(mut x: u64) -> u64 {
        x &= 0x5555_5555_5555_5555;
        x = (x | (x >> 1)) & 0x3333_3333_3333_3333;
        x = (x | (x >> 2)) & 0x0F0F_0F0F_0F0F_0F0F;
        x = (x | (x >> 4)) & 0x00FF_00FF_00FF_00FF;
        x = (x | (x >> 8)) & 0x0000_FFFF_0000_FFFF;
        (x | (x >> 16)) & 0x0000_0000_FFFF_FFFF
    }
    let words: Vec<u64> = c
        .words()
        .chunks(2)
        .map(|p| compress(p[0]) | p.get(1).map_or(0, |&h| compress(h) << 32))
        .collect();
    Gf2Poly::from_words(words)
}

/// a / b for b a nonzero divisor of a.
fn exact_div(a: &Gf2Poly, b: &Gf2Poly) -> Gf2Poly {
    let (q, r) = a
        .divrem(b)
        .expect("exact_div: the divisor is a nonzero factor");
    debug_assert!(r.is_zero(), "exact_div: division is not exact");
    q
}

/// Splits a square-free f into `(g_d, d)`, g_d the product of the irreducible factors of
/// degree d, sorted by d. Empty for constants. (A non-square-free f gives a correct
/// factorization whose parts may not be of one degree.)
pub fn distinct_degree(f: &Gf2Poly) -> Vec<(Gf2Poly, usize)> {
    let mut out = Vec::new();
    let Ok(mut m) = Gf2Modulus::new(f) else {
        return out;
    };
    let x = Gf2Poly::x();
    let mut rest = f.clone();
    // h = x^(2^d) mod rest
    let mut h = x.clone();
    let mut d = 0;
    let mut hs: Vec<Gf2Poly> = Vec::new();
    while rest.degree().unwrap_or(0) >= 2 * (d + 1) {
        let first = d + 1;
        let n = rest.degree().unwrap_or(0);
        let batch = super::irreducible::max_batch(n);
        hs.clear();
        let mut acc = Gf2Poly::one();
        while hs.len() < batch && n >= 2 * (d + 1) {
            d += 1;
            h = m.square_mod(&h);
            acc = m.mul_mod(&acc, &h.add(&x));
            hs.push(h.clone());
        }
        let mut g = acc.gcd(&rest);
        if g.is_one() {
            continue;
        }
        // Go through the batch: the factors of degree k divide x^(2^k) - x; those of the
        // batch's smaller degrees dividing k were taken out of g before.
        for (k, hk) in (first..).zip(&hs) {
            if g.is_one() {
                break;
            }
            let Ok(gm) = Gf2Modulus::new(&g) else {
                break;
            };
            let part = gm.reduce(hk).add(&x).gcd(&g);
            if !part.is_one() {
                g = exact_div(&g, &part);
                rest = exact_div(&rest, &part);
                out.push((part, k));
            }
        }
        match Gf2Modulus::new(&rest) {
            Ok(next) => {
                m = next;
                h = m.reduce(&h);
            }
            Err(_) => break, // rest is 1
        }
    }
    if let Some(n) = rest.degree().filter(|&n| n > 0) {
        out.push((rest, n));
    }
    out
}

/// Splits f, a product of distinct irreducibles all of degree d, into them, sorted. If f is
/// not such a product the result is a correct factorization into possibly reducible pieces.
pub fn equal_degree(f: &Gf2Poly, d: usize) -> Vec<Gf2Poly> {
    let n = f.degree().unwrap_or(0);
    if n == 0 {
        return Vec::new();
    }
    if d == 0 || n <= d || n % d != 0 {
        return vec![f.clone()];
    }
    let mut rng = SplitMix(0x9E37_79B9_7F4A_7C15 ^ n as u64);
    let mut out = Vec::with_capacity(n / d);
    // pieces still to split, with the number of failed tries (bounded for bad input)
    let mut todo = vec![(f.clone(), 0usize)];
    while let Some((g, tries)) = todo.pop() {
        let k = g.degree().unwrap_or(0);
        if k == d || tries > 64 + 4 * k {
            out.push(g);
            continue;
        }
        let Ok(m) = Gf2Modulus::new(&g) else {
            out.push(g);
            continue;
        };
        let t = trace(&m, random_below(&mut rng, k), d);
        let h = t.gcd(&g);
        match h.degree() {
            Some(e) if e > 0 && e < k => {
                let other = exact_div(&g, &h);
                todo.push((h, 0));
                todo.push((other, 0));
            }
            _ => todo.push((g, tries + 1)),
        }
    }
    out.sort_by(cmp_poly);
    out
}

/// a + a^2 + ... + a^(2^(d-1)) mod m.
fn trace(m: &Gf2Modulus, a: Gf2Poly, d: usize) -> Gf2Poly {
    let mut s = m.reduce(&a);
    let mut t = s.clone();
    for _ in 1..d {
        s = m.square_mod(&s);
        t.add_assign(&s);
    }
    t
}

/// A random polynomial of degree below k.
fn random_below(rng: &mut SplitMix, k: usize) -> Gf2Poly {
    let words = (0..k.div_ceil(64)).map(|_| rng.next_u64()).collect();
    Gf2Poly::from_words(words).truncated(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(e: &[usize]) -> Gf2Poly {
        Gf2Poly::from_exponents(e)
    }

    #[test]
    fn sqrt_inverts_squaring() {
        let mut rng = SplitMix(7);
        for k in [1, 63, 64, 65, 200, 1000] {
            let a = random_below(&mut rng, k);
            assert_eq!(sqrt(&a.square()), a, "degree below {k}");
        }
    }

    #[test]
    fn small_known_factorizations() {
        // x^8 + x = x (x + 1) (x^3 + x + 1) (x^3 + x^2 + 1)
        let got = factor(&p(&[8, 1]));
        let want = [p(&[1]), p(&[1, 0]), p(&[3, 1, 0]), p(&[3, 2, 0])];
        assert_eq!(got, want.map(|g| (g, 1)));
        // x^16 + 1 = (x + 1)^16; x^6 + x^5 + ... (squares and cubes)
        assert_eq!(factor(&p(&[16, 0])), [(p(&[1, 0]), 16)]);
        let f = p(&[2, 1, 0])
            .square()
            .mul(&p(&[1, 0]).square().mul(&p(&[1, 0])));
        assert_eq!(factor(&f), [(p(&[1, 0]), 3), (p(&[2, 1, 0]), 2)]);
        assert!(factor(&Gf2Poly::one()).is_empty());
        assert!(factor(&Gf2Poly::zero()).is_empty());
    }

    #[test]
    fn distinct_degree_of_x_pow_2k_minus_x() {
        // x^(2^k) + x is the product of all irreducibles of degree dividing k
        let ddf = distinct_degree(&p(&[64, 1]));
        let degrees: Vec<(usize, usize)> =
            ddf.iter().map(|(g, d)| (g.degree().unwrap(), *d)).collect();
        // degrees dividing 6: 1 (2 polys), 2 (1), 3 (2), 6 (9): 2 + 2 + 6 + 54 = 64
        assert_eq!(degrees, [(2, 1), (2, 2), (6, 3), (54, 6)]);
        assert_eq!(equal_degree(&ddf[3].0, 6).len(), 9);
    }
}
