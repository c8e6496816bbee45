//! Conway polynomials, computed from their definition and cached.
//!
//! The Conway polynomial C(p, n) is the least monic primitive polynomial of degree n over
//! GF(p) that is compatible with the Conway polynomials of all subfields: for every proper
//! divisor m of n, if `a` is a root of C(p, n) then `a^((p^n - 1)/(p^m - 1))` is a root of
//! C(p, m). "Least" is in the order where `x^n - c1 x^(n-1) + c2 x^(n-2) - ... + (-1)^n cn`
//! corresponds to the word `(c1, ..., cn)`, compared lexicographically with `0 < 1 < ... < p-1`.
//! For n = 1 this gives `x - g`, g the least primitive root mod p. SageMath uses the same
//! polynomials (from Lübeck's tables) as the default modulus of `GF(p^n)`.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use num_bigint::BigUint;

use crate::field::{self, Field, FieldError};
use crate::poly::{Modulus, Poly};

type Cache = HashMap<(u64, u32), Vec<u64>>;

/// The Conway polynomial of degree `n` over GF(p), coefficients low-to-high (monic, length
/// n + 1).
///
/// `p` must be prime ([`FieldError::NotPrimePower`] otherwise; `n = 0` gives
/// [`FieldError::TooSmall`]); the same size limits as [`Field::new`] apply (p < 2^31 for
/// n = 1, p^n <= 2^16 for n >= 2). Results are cached for the life of the process.
///
/// ```
/// use gf_core::conway_polynomial;
///
/// assert_eq!(conway_polynomial(3, 2)?, vec![2, 2, 1]);   // x^2 + 2x + 2
/// assert_eq!(conway_polynomial(2, 4)?, vec![1, 1, 0, 0, 1]); // x^4 + x + 1
/// assert_eq!(conway_polynomial(7, 1)?, vec![4, 1]);      // x - 3: 3 is the least primitive root
/// # Ok::<(), gf_core::FieldError>(())
/// ```
pub fn conway_polynomial(p: u64, n: u32) -> Result<Vec<u64>, FieldError> {
    if n == 0 {
        return Err(FieldError::TooSmall { q: 1 });
    }
    if !crate::integer::is_prime_u128(u128::from(p)) {
        return Err(FieldError::NotPrimePower { q: p });
    }
    let too_large = || FieldError::TooLarge {
        q: p.saturating_pow(n),
        limit: "Conway polynomials need p < 2^31 (n = 1) or p^n <= 2^16".into(),
    };
    let q = p.checked_pow(n).ok_or_else(too_large)?;
    if (n == 1 && q >= field::PRIME_LIMIT) || (n > 1 && q > field::EXTENSION_LIMIT) {
        return Err(too_large());
    }
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let lock = || cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(c) = lock().get(&(p, n)) {
        return Ok(c.clone());
    }
    let c = if n == 1 {
        vec![p - field::least_primitive_root(p), 1]
    } else {
        search(p, n)?
    };
    lock().insert((p, n), c.clone());
    Ok(c)
}

/// Walks the candidates in Conway order and returns the first primitive, compatible one.
fn search(p: u64, n: u32) -> Result<Vec<u64>, FieldError> {
    let gf = Field::new(p)?;
    let order = p.pow(n) - 1;
    let exps: Vec<BigUint> = crate::integer::distinct_prime_factors(order)
        .into_iter()
        .map(|r| BigUint::from(order / r))
        .collect();
    let mut subfields = Vec::new();
    for m in (1..n).filter(|m| n % m == 0) {
        let cm = Poly::new(&gf, conway_polynomial(p, m)?).map_err(|_| not_found(p, n))?;
        subfields.push((cm, BigUint::from(order / (p.pow(m) - 1))));
    }
    for word in 0..=order {
        // a_i = digit i of `word`; the coefficient of x^i is (-1)^(n-i) a_i.
        let mut coeffs: Vec<u64> = (0..n)
            .map(|i| {
                let a = word / p.pow(i) % p;
                if (n - i) % 2 == 1 {
                    gf.neg(a)
                } else {
                    a
                }
            })
            .collect();
        if coeffs[0] == 0 {
            continue;
        }
        coeffs.push(1);
        let f = Poly::new(&gf, coeffs).map_err(|_| not_found(p, n))?;
        let x_pow = |e: &BigUint| Poly::x_pow_mod(e, &f).map_err(|_| not_found(p, n));
        if !x_pow(&BigUint::from(order))?.is_one()
            || exps.iter().any(|e| x_pow(e).is_ok_and(|r| r.is_one()))
        {
            continue;
        }
        if subfields.iter().all(|(cm, e)| compatible(cm, e, &f)) {
            return Ok(f.coeffs().to_vec());
        }
    }
    Err(not_found(p, n))
}

/// Whether cm(x^e) = 0 mod f.
fn compatible(cm: &Poly, e: &BigUint, f: &Poly) -> bool {
    let (Ok(m), Ok(y)) = (Modulus::new(f), Poly::x_pow_mod(e, f)) else {
        return false;
    };
    let value = cm.coeffs().iter().rev().fold(Vec::new(), |acc, &c| {
        let mut v = m.mul(&acc, y.coeffs());
        if v.is_empty() {
            v.push(0);
        }
        v[0] = cm.field().add(v[0], c);
        m.reduce(v)
    });
    value.is_empty()
}

/// Unreachable in theory (a Conway polynomial always exists); reported rather than panicking.
fn not_found(p: u64, n: u32) -> FieldError {
    FieldError::TooLarge {
        q: p.saturating_pow(n),
        limit: "no Conway polynomial found (internal error)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Published Conway polynomials (Lübeck's tables, as used by SageMath and GAP),
    /// coefficients low-to-high.
    const KNOWN: &[(u64, u32, &[u64])] = &[
        (2, 1, &[1, 1]),
        (2, 2, &[1, 1, 1]),
        (2, 3, &[1, 1, 0, 1]),
        (2, 4, &[1, 1, 0, 0, 1]),
        (2, 5, &[1, 0, 1, 0, 0, 1]),
        (2, 6, &[1, 1, 0, 1, 1, 0, 1]),
        (2, 7, &[1, 1, 0, 0, 0, 0, 0, 1]),
        (2, 8, &[1, 0, 1, 1, 1, 0, 0, 0, 1]),
        (2, 9, &[1, 0, 0, 0, 1, 0, 0, 0, 0, 1]),
        (2, 10, &[1, 1, 1, 1, 0, 1, 1, 0, 0, 0, 1]),
        (2, 11, &[1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
        (2, 12, &[1, 1, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0, 1]),
        (2, 13, &[1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
        (2, 14, &[1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1]),
        (2, 15, &[1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
        (2, 16, &[1, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
        (3, 1, &[1, 1]),
        (3, 2, &[2, 2, 1]),
        (3, 3, &[1, 2, 0, 1]),
        (3, 4, &[2, 0, 0, 2, 1]),
        (3, 5, &[1, 2, 0, 0, 0, 1]),
        (3, 6, &[2, 2, 1, 0, 2, 0, 1]),
        (3, 7, &[1, 0, 2, 0, 0, 0, 0, 1]),
        (3, 10, &[2, 1, 0, 0, 2, 2, 2, 0, 0, 0, 1]),
        (5, 1, &[3, 1]),
        (5, 2, &[2, 4, 1]),
        (5, 3, &[3, 3, 0, 1]),
        (5, 4, &[2, 4, 4, 0, 1]),
        (7, 2, &[3, 6, 1]),
        (7, 3, &[4, 0, 6, 1]),
        (11, 2, &[2, 7, 1]),
        (13, 2, &[2, 12, 1]),
    ];

    #[test]
    fn matches_published_tables() {
        for &(p, n, c) in KNOWN {
            assert_eq!(conway_polynomial(p, n).unwrap(), c, "C({p}, {n})");
        }
    }

    #[test]
    fn rejects_bad_arguments() {
        assert_eq!(
            conway_polynomial(4, 2),
            Err(FieldError::NotPrimePower { q: 4 })
        );
        assert_eq!(conway_polynomial(2, 0), Err(FieldError::TooSmall { q: 1 }));
        assert!(matches!(
            conway_polynomial(2, 17),
            Err(FieldError::TooLarge { .. })
        ));
        assert!(matches!(
            conway_polynomial(2, 200),
            Err(FieldError::TooLarge { .. })
        ));
    }
}
