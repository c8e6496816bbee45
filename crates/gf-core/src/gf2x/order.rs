//! Orders and primitivity of irreducible GF(2) polynomials on the fast arithmetic.
//!
//! For g irreducible of degree m (g != x), the order of x modulo g divides N = 2^m - 1.
//! Given the prime factorization of N (from [`crate::integer::factor_pm1`]; this module does
//! no integer factoring), [`irreducible_order`] starts from N and divides out each prime r as
//! long as x^(ord / r) = 1, and [`is_primitive_irreducible`] checks x^(N / r) != 1 for every
//! prime r. Each power is [`Gf2Modulus::x_pow_mod`]: one squaring modulo g per bit of the
//! exponent (multiplying by x is a shift). When N is prime (m a Mersenne exponent) there is
//! nothing to test beyond x != 1, so g is primitive as soon as it is irreducible.
//!
//! ```
//! use gf_core::gf2x::order::{irreducible_order, is_primitive_irreducible};
//! use gf_core::gf2x::Gf2Poly;
//! use num_bigint::BigUint;
//!
//! // x^4 + x^3 + x^2 + x + 1 divides x^5 - 1: order 5 in GF(16)^*, 15 = 3 * 5.
//! let g = Gf2Poly::from_exponents(&[4, 3, 2, 1, 0]);
//! let n_factors = [(BigUint::from(3u8), 1), (BigUint::from(5u8), 1)];
//! assert_eq!(irreducible_order(&g, &n_factors)?, BigUint::from(5u8));
//! assert!(!is_primitive_irreducible(&g, &n_factors)?);
//! assert!(is_primitive_irreducible(&Gf2Poly::from_exponents(&[4, 1, 0]), &n_factors)?);
//! # Ok::<(), gf_core::gf2x::Gf2Error>(())
//! ```

use num_bigint::BigUint;
use num_traits::One;

use super::{Gf2Error, Gf2Modulus, Gf2Poly};

/// The order of x modulo g, for g irreducible of degree m >= 1 with g(0) = 1, given the
/// prime factorization `factors` of 2^m - 1 (prime, exponent). The caller vouches for both
/// (irreducibility is not checked here; see [`crate::order::irreducible_order`]).
///
/// # Errors
/// [`Gf2Error::ConstantModulus`] if g is constant.
pub fn irreducible_order(g: &Gf2Poly, factors: &[(BigUint, u32)]) -> Result<BigUint, Gf2Error> {
    let m = Gf2Modulus::new(g)?;
    let mut ord = group_order(&m);
    for (r, e) in factors {
        for _ in 0..*e {
            let candidate = &ord / r;
            if !m.x_pow_mod(&candidate).is_one() {
                break;
            }
            ord = candidate;
        }
    }
    Ok(ord)
}

/// Whether x generates the multiplicative group of GF(2)\[x\]/(g), for g irreducible of
/// degree m >= 1 with g(0) = 1, given the prime factorization of 2^m - 1. (For m = 1,
/// g = x + 1 and the group is trivial: primitive.)
///
/// # Errors
/// [`Gf2Error::ConstantModulus`] if g is constant.
pub fn is_primitive_irreducible(g: &Gf2Poly, factors: &[(BigUint, u32)]) -> Result<bool, Gf2Error> {
    let m = Gf2Modulus::new(g)?;
    let n = group_order(&m);
    Ok(factors
        .iter()
        .all(|(r, _)| !m.x_pow_mod(&(&n / r)).is_one()))
}

/// 2^m - 1, m = deg g.
fn group_order(m: &Gf2Modulus) -> BigUint {
    (BigUint::one() << m.degree()) - 1u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::integer::factor_pm1;

    /// The order of x mod g by stepping x^k (g of small degree).
    fn brute(g: &Gf2Poly) -> u64 {
        let m = Gf2Modulus::new(g).unwrap();
        let mut h = m.reduce(&Gf2Poly::x());
        let mut k = 1;
        while !h.is_one() {
            h = m.mul_mod(&h, &Gf2Poly::x());
            k += 1;
        }
        k
    }

    #[test]
    fn orders_of_every_irreducible_up_to_degree_12() {
        for bits in 3u64..(1 << 13) {
            let g = Gf2Poly::from_words(vec![bits]);
            let deg = g.degree().unwrap();
            if !g.bit(0) || !crate::gf2x::irreducible::is_irreducible(&g) {
                continue;
            }
            let factors = factor_pm1(2, deg as u64).unwrap();
            let ord = irreducible_order(&g, &factors).unwrap();
            let want = brute(&g);
            assert_eq!(ord, BigUint::from(want), "{g}");
            let full = (1u64 << deg) - 1;
            assert_eq!(
                is_primitive_irreducible(&g, &factors).unwrap(),
                want == full
            );
        }
    }
}
