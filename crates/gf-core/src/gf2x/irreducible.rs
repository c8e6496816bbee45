//! Irreducibility of GF(2) polynomials that stops at the first factor it meets.
//!
//! Three tests, on the fast arithmetic of [`Gf2Modulus`] (n = deg f, w = n / 64 words):
//!
//! * **Small-factor sieve**: f has an irreducible factor of degree dividing k iff
//!   gcd(x^(2^k - 1) - 1, f) != 1 (f(0) != 0). f mod (x^L - 1), L = 2^k - 1, is the xor of
//!   f's L-bit chunks, O(n / 64 + n / L) word operations, and the gcd is then one of
//!   degree L, not n. Taking k over (K/2, K] covers every factor degree up to K (each has a
//!   multiple there); K is the largest with 2^K <= n / 4 (at most [`SIEVE_MAX_K`]), so the
//!   sieve costs about one gcd of degree n / 4. A random polynomial is rejected here with
//!   probability about 1 - 0.56 / K.
//! * **Ben-Or**: f is irreducible iff gcd(x^(2^i) - x, f) = 1 for i = 1..n/2 (a reducible f
//!   has an irreducible factor of degree at most n/2, and x^(2^i) - x is the product of the
//!   irreducibles of degree dividing i). Walking i upwards stops at the smallest factor
//!   degree. The factors x^(2^i) - x are multiplied together modulo f and one gcd (O(n w))
//!   is taken per batch; batches double up to [`max_batch`]. A step costs a squaring and a
//!   multiplication modulo f.
//! * **Rabin**: f is irreducible iff x^(2^n) = x mod f and gcd(x^(2^(n/r)) - x, f) = 1 for
//!   every prime r | n: n squarings and one gcd per prime, whatever the answer. For
//!   irreducible inputs this is the cheapest. For dense f, where a squaring costs a Barrett
//!   reduction, x^(2^k) is doubled by modular composition beyond [`composition_threshold`]
//!   squarings ([`x_pow_2k`]): O(sqrt(n) log n) multiplications instead of n squarings.
//!
//! [`Strategy::Auto`] runs the sieve, then Ben-Or for i up to [`ben_or_bound`], then goes on
//! with the same squarings as Rabin's test (the gcds Rabin needs at i = n/r <= the bound are
//! already covered). For dense f the bound keeps Ben-Or's work at about a tenth of Rabin's;
//! sparse f (whose squarings are nearly free) go from the sieve straight to Rabin.
//!
//! ```
//! use gf_core::gf2x::irreducible::{is_irreducible, is_irreducible_with, Strategy};
//! use gf_core::gf2x::Gf2Poly;
//!
//! // x^127 + x + 1 is irreducible (primitive); x^127 + x^2 + 1 is not.
//! let f = Gf2Poly::from_exponents(&[127, 1, 0]);
//! assert!(is_irreducible(&f));
//! assert!(!is_irreducible(&Gf2Poly::from_exponents(&[127, 2, 0])));
//! for s in [Strategy::Auto, Strategy::BenOr, Strategy::Rabin] {
//!     assert!(is_irreducible_with(&f, s));
//! }
//! ```

use super::{Gf2Modulus, Gf2Poly};

/// The largest k of the small-factor sieve (factor degrees up to 13; a gcd of degree 8191).
pub const SIEVE_MAX_K: usize = 13;

/// Which irreducibility test [`is_irreducible_with`] runs (all give the same answers).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Strategy {
    /// The small-factor sieve, Ben-Or up to [`ben_or_bound`], then Rabin.
    #[default]
    Auto,
    /// Ben-Or for every i up to n/2.
    BenOr,
    /// Rabin's test alone.
    Rabin,
}

/// Whether f is irreducible over GF(2) ([`Strategy::Auto`]). Constants (and zero) are not.
pub fn is_irreducible(f: &Gf2Poly) -> bool {
    is_irreducible_with(f, Strategy::Auto)
}

/// Whether f is irreducible over GF(2), by the chosen test.
pub fn is_irreducible_with(f: &Gf2Poly, strategy: Strategy) -> bool {
    let Some(n) = f.degree() else {
        return false;
    };
    if n <= 1 {
        return n == 1;
    }
    // x | f or (x + 1) | f: the two degree-1 factors, for free.
    if !f.bit(0) || f.weight() % 2 == 0 {
        return false;
    }
    let Ok(m) = Gf2Modulus::new(f) else {
        return false; // unreachable: deg f >= 2
    };
    let (sieved, bound) = match strategy {
        Strategy::Auto => {
            let k = sieve_k(n);
            if has_small_factor(f, k) {
                return false;
            }
            (k, ben_or_bound(&m).max(k))
        }
        Strategy::BenOr => (0, n / 2),
        Strategy::Rabin => (0, 0),
    };
    let x = Gf2Poly::x();
    // h = x^(2^i) mod f; the sieve covered every i <= sieved
    let mut h = m.square_mod_n(&x, sieved);
    let mut i = sieved;
    let mut acc = Gf2Poly::one();
    let cap = max_batch(n);
    let (mut pending, mut batch) = (0, 1.max(sieved).min(cap));
    while i < bound {
        i += 1;
        h = m.square_mod(&h);
        acc = m.mul_mod(&acc, &h.add(&x));
        pending += 1;
        if pending == batch || i == bound {
            // acc = 0 means f | x^(2^i) - x with 2i <= n: reducible, and gcd(0, f) = f says so
            if !acc.gcd(f).is_one() {
                return false;
            }
            acc = Gf2Poly::one();
            pending = 0;
            batch = (2 * batch).min(cap);
        }
    }
    if bound >= n / 2 {
        return true; // Ben-Or (with the sieve) covered every i <= n/2
    }
    // Rabin from x^(2^bound): the gcds at n/r <= bound are covered by Ben-Or's.
    let mut checks: Vec<usize> = crate::integer::distinct_prime_factors(n as u64)
        .into_iter()
        .map(|r| n / r as usize)
        .filter(|&k| k > bound)
        .collect();
    checks.sort_unstable();
    for k in checks {
        h = advance(&m, &h, k - i);
        i = k;
        if !h.add(&x).gcd(f).is_one() {
            return false;
        }
    }
    h = advance(&m, &h, n - i);
    h == x
}

/// h^(2^k) mod f: k squarings for sparse f or small k; for dense f and k above
/// [`composition_threshold`], x^(2^k) by [`x_pow_2k`] composed with h (h^(2^k) = x^(2^k)(h),
/// because f(h^(2^j)) = f(h)^(2^j) and h = x^(2^i) makes f(h) = f(x)^(2^i) = 0 mod f).
fn advance(m: &Gf2Modulus, h: &Gf2Poly, k: usize) -> Gf2Poly {
    if m.is_sparse() || k <= composition_threshold(m) {
        return m.square_mod_n(h, k);
    }
    if h == &Gf2Poly::x() {
        return x_pow_2k(m, k);
    }
    m.compose_mod(&x_pow_2k(m, k), h)
}

/// The number of squarings modulo f that cost about one modular composition
/// ([`Gf2Modulus::compose_mod`], about 2 sqrt(n) multiplications modulo f): 3 sqrt(n) for
/// dense f (a multiplication costs about 1.5 squarings); unbounded for sparse f, whose
/// squarings are O(w) shifts.
pub fn composition_threshold(m: &Gf2Modulus) -> usize {
    if m.is_sparse() {
        usize::MAX
    } else {
        3 * (m.degree() as f64).sqrt() as usize
    }
}

/// x^(2^k) mod f, by squarings up to [`composition_threshold`] and by doubling with modular
/// compositions above it: x^(2^(2j)) = x^(2^j)(x^(2^j)). For dense f of degree 19,937 that is
/// 5 compositions and about 630 squarings instead of 19,937 squarings.
pub fn x_pow_2k(m: &Gf2Modulus, k: usize) -> Gf2Poly {
    if k <= composition_threshold(m) {
        return m.x_pow_2k(k);
    }
    let half = x_pow_2k(m, k / 2);
    let doubled = m.compose_mod(&half, &half);
    if k % 2 == 1 {
        m.square_mod(&doubled)
    } else {
        doubled
    }
}

/// The K of the small-factor sieve for degree n: the largest with 2^K <= n / 4, at most
/// [`SIEVE_MAX_K`]; 0 (no sieve) below degree 16.
pub fn sieve_k(n: usize) -> usize {
    let mut k = 0;
    while k < SIEVE_MAX_K && (1usize << (k + 1)) <= n / 4 {
        k += 1;
    }
    if k < 2 {
        0
    } else {
        k
    }
}

/// Whether f (f(0) = 1, degree above `k`) has an irreducible factor of degree at most `k`,
/// by gcd(x^(2^j - 1) - 1, f mod (x^(2^j - 1) - 1)) for j in (k/2, k].
pub fn has_small_factor(f: &Gf2Poly, k: usize) -> bool {
    (k / 2 + 1..=k).any(|j| {
        let len = (1usize << j) - 1;
        let r = fold(f, len);
        !Gf2Poly::from_exponents(&[len, 0]).gcd(&r).is_one()
    })
}

/// f mod (x^len - 1): the xor of f's consecutive `len`-bit chunks.
fn fold(f: &Gf2Poly, len: usize) -> Gf2Poly {
    let words = f.words();
    let bits = f.degree().map_or(0, |d| d + 1);
    let lw = len.div_ceil(64);
    let top_mask = match len % 64 {
        0 => u64::MAX,
        r => (1u64 << r) - 1,
    };
    let word = |i: usize| words.get(i).copied().unwrap_or(0);
    let mut acc = vec![0u64; lw];
    let mut start = 0;
    while start < bits {
        let (ws, bs) = (start / 64, start % 64);
        for (i, a) in acc.iter_mut().enumerate() {
            let mut v = word(ws + i) >> bs;
            if bs != 0 {
                v |= word(ws + i + 1) << (64 - bs);
            }
            if i + 1 == lw {
                v &= top_mask;
            }
            *a ^= v;
        }
        start += len;
    }
    Gf2Poly::from_words(acc)
}

/// The most Ben-Or steps multiplied together before one gcd: a gcd costs O(n w) word
/// operations, a multiplication modulo f O(w^1.58), so batches grow with w (8 sqrt(w),
/// between 16 and 256).
pub fn max_batch(n: usize) -> usize {
    let w = n.div_ceil(64) as f64;
    ((8.0 * w.sqrt()) as usize).clamp(16, 256)
}

/// The largest i up to which [`Strategy::Auto`] runs Ben-Or's test (at most n/2; the
/// sieve's K is used when it is larger).
///
/// * Dense f: a tenth of Rabin's estimated cost in squarings, T (1 + log2(n / T)) with T the
///   [`composition_threshold`], divided by 2.5 (a Ben-Or step is a squaring and a
///   multiplication, about 2.5 squarings), so Ben-Or adds about a tenth to Rabin's work on
///   irreducible inputs. For n = 1,000 that is 17, for n = 19,937 about 110.
/// * Sparse f (trinomials, pentanomials): 0. A squaring is O(w) shifts, so all of Rabin's n
///   squarings cost about as much as one gcd with f, and Ben-Or (a multiplication per step
///   and its gcds) would only add work; the sieve has already looked for small factors.
///   Measured on x^19937 + x^881 + 1 (under load): Rabin alone 0.17 s, with a Ben-Or phase
///   to i = 356 0.45 s.
pub fn ben_or_bound(m: &Gf2Modulus) -> usize {
    if m.is_sparse() {
        return 0;
    }
    let n = m.degree() as f64;
    let t = (composition_threshold(m) as f64).min(n).max(1.0);
    let rabin = t * (1.0 + (n / t).log2().max(0.0));
    ((rabin / 25.0) as usize).min(m.degree() / 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Irreducible by trial division with every polynomial of degree <= n/2 (n <= 16).
    fn by_trial(f: &Gf2Poly) -> bool {
        let n = f.degree().unwrap();
        n >= 1
            && (2u64..(1 << (n / 2 + 1))).all(|g| {
                let g = Gf2Poly::from_words(vec![g]);
                g.degree() == Some(0) || !f.rem(&g).unwrap().is_zero()
            })
    }

    #[test]
    fn every_polynomial_up_to_degree_14_by_all_strategies() {
        for bits in 2u64..(1 << 15) {
            let f = Gf2Poly::from_words(vec![bits]);
            let want = by_trial(&f);
            for s in [Strategy::Auto, Strategy::BenOr, Strategy::Rabin] {
                assert_eq!(is_irreducible_with(&f, s), want, "{f} by {s:?}");
            }
        }
    }

    #[test]
    fn fold_is_the_remainder_modulo_x_len_minus_1() {
        let f = Gf2Poly::from_words(vec![0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210, 0x55]);
        for len in [1, 3, 7, 31, 63, 64, 65, 127, 200] {
            let want = f.rem(&Gf2Poly::from_exponents(&[len, 0])).unwrap();
            assert_eq!(fold(&f, len), want, "len {len}");
        }
    }

    #[test]
    fn sieve_finds_exactly_the_small_factors() {
        // (x^89 + x^38 + 1) times an irreducible of degree d: found iff d <= k
        let big = Gf2Poly::from_exponents(&[89, 38, 0]);
        for (small, d) in [
            (Gf2Poly::from_exponents(&[2, 1, 0]), 2),
            (Gf2Poly::from_exponents(&[5, 2, 0]), 5),
            (Gf2Poly::from_exponents(&[7, 1, 0]), 7),
            (Gf2Poly::from_exponents(&[9, 4, 0]), 9),
        ] {
            let f = big.mul(&small);
            for k in 2..=8 {
                assert_eq!(has_small_factor(&f, k), d <= k, "degree {d}, k {k}");
            }
        }
        assert!(!has_small_factor(&big, 6));
        assert_eq!(
            (sieve_k(15), sieve_k(16), sieve_k(1000), sieve_k(50000)),
            (0, 2, 7, 13)
        );
    }

    #[test]
    fn powers_by_composition_equal_squarings() {
        // a dense modulus of degree 3000 (threshold 164): k below, at and far above it
        let mut e: Vec<usize> = (0..3000).filter(|i| (i * 7919) % 3 == 0).collect();
        e.push(3000);
        let f = Gf2Poly::from_exponents(&e);
        let m = Gf2Modulus::new(&f).unwrap();
        assert!(!m.is_sparse());
        let h = m.square_mod_n(&Gf2Poly::x(), 77);
        for k in [0, 1, 164, 165, 333, 1000, 3001] {
            assert_eq!(x_pow_2k(&m, k), m.x_pow_2k(k), "k = {k}");
            assert_eq!(advance(&m, &h, k), m.square_mod_n(&h, k), "k = {k}");
        }
    }

    #[test]
    fn constants_are_not_irreducible() {
        assert!(!is_irreducible(&Gf2Poly::zero()));
        assert!(!is_irreducible(&Gf2Poly::one()));
        assert!(is_irreducible(&Gf2Poly::x()));
        assert!(is_irreducible(&Gf2Poly::from_exponents(&[1, 0])));
    }

    #[test]
    fn squares_and_products_of_irreducibles_are_reducible() {
        // (x^89 + x^38 + 1)^2, (x^89 + x^38 + 1)(x^127 + x + 1): no factor of degree < 89,
        // so Ben-Or's early batches see nothing and the later ones (or Rabin) must.
        let a = Gf2Poly::from_exponents(&[89, 38, 0]);
        let b = Gf2Poly::from_exponents(&[127, 1, 0]);
        for f in [a.square(), a.mul(&b), b.square()] {
            for s in [Strategy::Auto, Strategy::BenOr, Strategy::Rabin] {
                assert!(!is_irreducible_with(&f, s), "{s:?}");
            }
        }
        assert!(is_irreducible(&a) && is_irreducible(&b));
    }

    #[test]
    fn bound_is_within_range() {
        for f in [
            Gf2Poly::from_exponents(&[3, 1, 0]),
            Gf2Poly::from_exponents(&[3217, 67, 0]),
            Gf2Poly::from_exponents(&[1000, 7, 5, 3, 2, 1, 0]),
        ] {
            let m = Gf2Modulus::new(&f).unwrap();
            let n = m.degree();
            let b = ben_or_bound(&m);
            assert!(b <= n / 2, "{n}: {b}");
            if !m.is_sparse() {
                assert!(b >= 1 && b <= n / 20, "dense: {b} of {n}");
            }
        }
    }
}
