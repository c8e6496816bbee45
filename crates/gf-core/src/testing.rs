//! Test oracles: slow, obviously correct answers to check the fast algorithms against.
//!
//! Only compiled with the `testing` feature; the integration tests of gf-core and lfsr-map
//! enable it. Nothing here belongs to the field arithmetic proper.
//!
//! [`cycle_counts_by_moebius`] counts the cycles of an LFSR without integer factoring. For an
//! LFSR with characteristic polynomial `f = x^e * f'` (`f'(0) != 0`), the states on cycles form
//! `GF(q)[x]/(f')` and the clock acts as multiplication by `x`. The number of cycle states with
//! `S C^n = S` is `q^(deg gcd(x^n - 1, f'))`, so by Moebius inversion the number of cycles of
//! length `L` is `(1/L) sum_{k | L} mu(L/k) q^(deg gcd(x^k - 1, f'))`.

use std::collections::BTreeMap;

use num_bigint::{BigInt, BigUint};
use num_traits::Zero;

use crate::integer::moebius;
use crate::order::OrderError;
use crate::poly::Poly;

/// The cycle structure `{length: number of cycles}` of the LFSR with characteristic
/// polynomial `f`, for all lengths `1..=max_len` (lengths with no cycles are omitted). The
/// zero state counts as a cycle of length 1. With `max_len >= ord(f')` this is the whole
/// structure and `sum L * count = q^deg(f')`.
///
/// Cost: `max_len` gcds of polynomials of degree `deg f`.
///
/// # Errors
/// [`OrderError::ZeroPolynomial`] for `f = 0`.
pub fn cycle_counts_by_moebius(
    f: &Poly,
    max_len: u64,
) -> Result<BTreeMap<u64, BigUint>, OrderError> {
    if f.is_zero() {
        return Err(OrderError::ZeroPolynomial);
    }
    let field = f.field();
    let shift = f.coeffs().iter().take_while(|&&c| c == 0).count();
    let unit_part = Poly::new(field, f.coeffs()[shift..].to_vec())?.monic();
    let q = BigUint::from(field.q());
    // fixed[k - 1] = q^(deg gcd(x^k - 1, f')), with x^k mod f' kept incrementally.
    let mut fixed = Vec::new();
    let mut xk = Poly::one(field);
    for _ in 0..max_len {
        xk = (xk * Poly::x(field)) % &unit_part;
        let g = (&xk - Poly::one(field)).gcd(&unit_part);
        fixed.push(BigInt::from(q.pow(g.degree().unwrap_or(0) as u32)));
    }
    // sums[L - 1] = sum_{k | L} mu(L / k) fixed[k - 1], accumulated over multiples of k.
    let mu: Vec<i32> = (1..=max_len).map(moebius).collect();
    let mut sums = vec![BigInt::zero(); fixed.len()];
    for (k, fixed_k) in (1..=max_len).zip(&fixed) {
        for len in (k..=max_len).step_by(k as usize) {
            match mu[(len / k - 1) as usize] {
                1 => sums[len as usize - 1] += fixed_k,
                -1 => sums[len as usize - 1] -= fixed_k,
                _ => {}
            }
        }
    }
    let mut counts = BTreeMap::new();
    for (len, sum) in (1..=max_len).zip(sums) {
        let count = sum / BigInt::from(len);
        if let Some(count) = count.to_biguint().filter(|c| !c.is_zero()) {
            counts.insert(len, count);
        }
    }
    Ok(counts)
}
