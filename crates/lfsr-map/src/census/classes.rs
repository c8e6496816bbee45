//! The order classes of monic irreducible polynomials over GF(q), counted without listing one.
//!
//! Every monic irreducible `g != x` of degree `m` over GF(q) has an order `e = ord(g)`: a
//! divisor of `q^m - 1` whose multiplicative order of `q` modulo `e` is exactly `m`. Conversely,
//! for each such `e` there are exactly `phi(e) / m` monic irreducibles of degree `m` and order
//! `e` (the roots are the elements of order `e` of GF(q^m), `phi(e)` of them, in conjugacy
//! classes of size `m`; Lidl & Niederreiter, *Finite Fields*, Theorem 3.5). The cycle
//! structure of an LFSR depends on its characteristic polynomial only through the degrees,
//! orders and multiplicities of its irreducible factors, so a census can count over these
//! classes instead of over polynomials.

use gf_core::integer::{factor_pm1, IntFactorError};
use num_traits::ToPrimitive;

use super::cycles::{primary_cycles, Cycles};

/// The monic irreducibles of one degree and one order.
#[derive(Debug, Clone)]
pub(crate) struct Class {
    /// `m`, their degree.
    pub degree: u32,
    /// `e`, their order.
    pub order: u128,
    /// `phi(e) / m`, how many there are.
    pub count: u128,
    /// The cycles of `GF(q)[x]/(g^k)` for `k = 1, 2, ...` (index `k - 1`), up to `k = d / m`.
    pub powers: Vec<Cycles>,
}

/// Why the classes could not be listed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ClassError {
    /// `q^m - 1` could not be factored.
    #[error(transparent)]
    Factor(#[from] IntFactorError),
    /// A number did not fit where the census keeps it (`q^d` is bounded, so this is a bug).
    #[error("{0} does not fit in 128 bits")]
    Overflow(&'static str),
}

/// Every class of degree `1..=d` over GF(q), `q = p^n`, sorted by degree descending, then by
/// order ascending, with the cycles of the powers up to degree `d`. `x` is not among them.
pub(crate) fn classes(p: u64, n: u32, d: u32) -> Result<Vec<Class>, ClassError> {
    let q = u128::from(p).pow(n);
    let mut out = Vec::new();
    for m in (1..=d).rev() {
        let qm1 = q
            .checked_pow(m)
            .ok_or(ClassError::Overflow("q^m"))?
            .checked_sub(1)
            .ok_or(ClassError::Overflow("q^m - 1"))?;
        let primes = prime_factors_pm1(p, u64::from(n) * u64::from(m))?;
        // q^(m/r) - 1 for every prime r dividing m: an order of degree exactly m divides none.
        let lower: Vec<u128> = distinct_primes_of(m)
            .into_iter()
            .map(|r| q.pow(m / r) - 1)
            .collect();
        let mut of_degree = Vec::new();
        for (e, phi) in divisors_with_phi(&primes) {
            if lower.iter().any(|&l| l % e == 0) {
                continue;
            }
            let count = phi / u128::from(m);
            let powers = (1..=d / m)
                .map(|k| primary_cycles(p, q, m, k, e))
                .collect::<Option<Vec<_>>>()
                .ok_or(ClassError::Overflow("a primary cycle count"))?;
            of_degree.push(Class {
                degree: m,
                order: e,
                count,
                powers,
            });
        }
        debug_assert!(of_degree.iter().all(|c| (qm1 % c.order) == 0));
        of_degree.sort_by_key(|c| c.order);
        out.extend(of_degree);
    }
    Ok(out)
}

/// The prime factorization of `p^k - 1` as `u128` pairs.
fn prime_factors_pm1(p: u64, k: u64) -> Result<Vec<(u128, u32)>, ClassError> {
    factor_pm1(p, k)?
        .into_iter()
        .map(|(r, e)| Ok((r.to_u128().ok_or(ClassError::Overflow("a prime"))?, e)))
        .collect()
}

/// The distinct primes dividing `m` (trial division: `m` is a degree).
fn distinct_primes_of(mut m: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let mut r = 2;
    while r * r <= m {
        if m % r == 0 {
            out.push(r);
            while m % r == 0 {
                m /= r;
            }
        }
        r += 1;
    }
    if m > 1 {
        out.push(m);
    }
    out
}

/// Every divisor of `prod r^a` with its Euler phi.
fn divisors_with_phi(primes: &[(u128, u32)]) -> Vec<(u128, u128)> {
    let mut out = vec![(1u128, 1u128)];
    for &(r, a) in primes {
        let mut next = Vec::with_capacity(out.len() * (a as usize + 1));
        for &(e, phi) in &out {
            next.push((e, phi));
            let (mut re, mut rphi) = (e * r, phi * (r - 1));
            for _ in 0..a {
                next.push((re, rphi));
                re *= r;
                rphi *= r;
            }
        }
        out = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_classes_of_gf2_up_to_degree_4() {
        // Degree 4: x^4+x+1, x^4+x^3+1 (order 15), x^4+x^3+x^2+x+1 (order 5); degree 3: two of
        // order 7; degree 2: x^2+x+1 (3); degree 1: x+1 (1).
        let got: Vec<(u32, u128, u128)> = classes(2, 1, 4)
            .unwrap()
            .iter()
            .map(|c| (c.degree, c.order, c.count))
            .collect();
        assert_eq!(
            got,
            [(4, 5, 1), (4, 15, 2), (3, 7, 2), (2, 3, 1), (1, 1, 1)]
        );
    }

    #[test]
    fn linear_classes_of_gf5_are_the_element_orders() {
        // x - a for a in GF(5)*: orders 1 (a=1), 2 (a=4), 4 (a=2, 3).
        let got: Vec<(u128, u128)> = classes(5, 1, 1)
            .unwrap()
            .iter()
            .map(|c| (c.order, c.count))
            .collect();
        assert_eq!(got, [(1, 1), (2, 1), (4, 2)]);
    }

    #[test]
    fn phi_of_divisors() {
        let mut got = divisors_with_phi(&[(2, 2), (3, 1)]);
        got.sort();
        assert_eq!(got, [(1, 1), (2, 1), (3, 2), (4, 2), (6, 2), (12, 4)]);
        assert_eq!(distinct_primes_of(360), [2, 3, 5]);
        assert_eq!(distinct_primes_of(1), Vec::<u32>::new());
    }
}
