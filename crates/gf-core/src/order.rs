//! Orders of polynomials over GF(q) and primitivity.
//!
//! The *order* of a polynomial `f` with `f(0) != 0` is the least `n >= 1` with
//! `x^n = 1 (mod f)`; it is the period of every LFSR whose characteristic polynomial is `f`, and
//! the multiplicative order of its state-update matrix. When `x | f` no such `n` exists and the
//! order is [`Order::Infinite`].
//!
//! How it is computed (Lidl & Niederreiter, ch. 3):
//! * for `g` irreducible of degree `m` over GF(p^k), `ord(g)` divides `N = p^(k m) - 1`;
//!   with the prime factorization of `N` from [`factor_pm1`], start from `N` and divide out each
//!   prime `r` while `x^(N/r) = 1 mod g`;
//! * `ord(g^e) = ord(g) * p^t` with `t` the least integer such that `p^t >= e` (`p` is the
//!   characteristic, not `q`);
//! * for coprime factors the orders combine by lcm.
//!
//! Over GF(2) the factoring, the irreducibility tests and the powers run on the bit-packed
//! arithmetic of [`crate::gf2x`] ([`gf2x::order`]), so degrees in the tens of thousands are
//! answered: irreducibility always, orders and primitivity whenever `2^m - 1` is factored
//! (at Mersenne exponents it is prime).
//!
//! Orders are [`BigUint`]: `q^d - 1` exceeds `u128` already for degree 129 over GF(2), and the
//! crate factors polynomials of degree 512. Whether an order can be computed depends on whether
//! `p^(k m) - 1` can be factored: always for the embedded Cunningham table (p = 2, m <= 1,206;
//! 3, <= 162; 5, <= 110; 7, <= 91 for the *total* exponent k m) and the Mersenne primes,
//! usually when the composite parts of the cyclotomic factors have at most about 66 digits
//! (quadratic sieve) or small prime factors (ECM); otherwise [`OrderError::Factor`] says which
//! number could not be split.
//!
//! ```
//! use gf_core::{Field, Poly};
//! use gf_core::order::{is_primitive, order, Order};
//! use num_bigint::BigUint;
//!
//! let gf2 = Field::new(2)?;
//! // x^4 + x^3 + x + 1 = (x + 1)^2 (x^2 + x + 1): lcm(1 * 2, 3) = 6.
//! let f = Poly::parse(&gf2, "x^4 + x^3 + x + 1")?;
//! assert_eq!(order(&f)?, Order::Finite(BigUint::from(6u32)));
//! assert!(is_primitive(&Poly::parse(&gf2, "x^127 + x + 1")?)?);
//! assert_eq!(order(&Poly::parse(&gf2, "x^3 + x")?)?, Order::Infinite);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::One;

use crate::factor::{factor, is_irreducible};
use crate::gf2x::{self, Gf2Error, Gf2Poly};
use crate::integer::{factor_pm1, IntFactorError};
use crate::poly::{Poly, PolyError};

/// The order of a polynomial (or of a matrix): finite, or infinite when `x` divides it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Order {
    /// The least `n >= 1` with `x^n = 1` modulo the polynomial.
    Finite(BigUint),
    /// `x` divides the polynomial (the matrix is singular): no power of `x` is 1.
    Infinite,
}

impl Order {
    /// The order when finite.
    pub fn finite(&self) -> Option<&BigUint> {
        match self {
            Order::Finite(n) => Some(n),
            Order::Infinite => None,
        }
    }
}

impl fmt::Display for Order {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Order::Finite(n) => write!(f, "{n}"),
            Order::Infinite => f.write_str("infinite"),
        }
    }
}

/// Why an order could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OrderError {
    /// The zero polynomial has no order.
    #[error("the zero polynomial has no order")]
    ZeroPolynomial,
    /// [`irreducible_order`] was given a polynomial that is not irreducible, or is `x` (or a
    /// constant).
    #[error("{poly} is not an irreducible polynomial other than x")]
    NotIrreducible {
        /// The offending polynomial, as text.
        poly: String,
    },
    /// `q^m - 1` could not be factored within the step budget.
    #[error(transparent)]
    Factor(#[from] IntFactorError),
    /// A polynomial operation failed (should not happen for valid input).
    #[error(transparent)]
    Poly(#[from] PolyError),
    /// A GF(2) polynomial operation failed (should not happen for valid input).
    #[error(transparent)]
    Gf2(#[from] Gf2Error),
}

/// The order of `f`: the least `n >= 1` with `x^n = 1 (mod f)`, or [`Order::Infinite`] when
/// `x | f`. Nonzero constants have order 1. Scaling `f` does not change its order.
///
/// # Errors
/// [`OrderError::ZeroPolynomial`] for `f = 0`; [`OrderError::Factor`] when some `q^m - 1`
/// (m the degree of an irreducible factor) cannot be factored.
pub fn order(f: &Poly) -> Result<Order, OrderError> {
    if f.is_zero() {
        return Err(OrderError::ZeroPolynomial);
    }
    if f.coeff(0) == 0 {
        return Ok(Order::Infinite);
    }
    let p = f.field().p();
    let mut result = BigUint::one();
    for (g, e) in factor(f)?.factors {
        let part = power_order(p, &order_of_irreducible(&g)?, e);
        result = result.lcm(&part);
    }
    Ok(Order::Finite(result))
}

/// `ord(g^e) = ord(g) * p^t` for an irreducible `g` of order `order` over a field of
/// characteristic `p`, `t` the least integer with `p^t >= e` (Lidl & Niederreiter, thm. 3.8).
///
/// The one home of this rule; lfsr-map's period formulas call it.
///
/// ```
/// use gf_core::order::power_order;
/// use num_bigint::BigUint;
/// // (x^2 + x + 1)^3 over GF(2): ord = 3 * 4.
/// assert_eq!(power_order(2, &BigUint::from(3u32), 3), BigUint::from(12u32));
/// ```
///
/// # Panics
/// If `p < 2` (not a characteristic).
pub fn power_order(p: u64, order: &BigUint, e: u32) -> BigUint {
    order * prime_power_at_least(p, e)
}

/// The least power `p^t` (`t >= 0`) of `p` with `p^t >= e`. It is below `p * e`, so it fits
/// a `u64` for every characteristic gf-core supports (`p < 2^31`).
///
/// # Panics
/// If `p < 2` (not a characteristic).
pub fn prime_power_at_least(p: u64, e: u32) -> u64 {
    assert!(p >= 2, "a characteristic is at least 2, got {p}");
    let mut pt = 1u64;
    while pt < u64::from(e) {
        pt *= p;
    }
    pt
}

/// The order of an irreducible `g` other than `x` (not necessarily monic): a divisor of
/// `q^m - 1`, `m = deg g`.
///
/// # Errors
/// [`OrderError::NotIrreducible`] when `g` is constant, `x`, or reducible (checked with
/// [`is_irreducible`]); [`OrderError::Factor`] when `q^m - 1` cannot be factored.
pub fn irreducible_order(g: &Poly) -> Result<BigUint, OrderError> {
    if g.degree().unwrap_or(0) == 0 || g.coeff(0) == 0 || !is_irreducible(g) {
        return Err(OrderError::NotIrreducible {
            poly: g.to_string(),
        });
    }
    order_of_irreducible(&g.monic())
}

/// `N = q^m - 1` and its prime factors, for `g` of degree `m`.
fn group_order(g: &Poly) -> Result<(BigUint, Vec<(BigUint, u32)>), OrderError> {
    let field = g.field();
    let m = g.degree().unwrap_or(0) as u64;
    let total = u64::from(field.n()) * m;
    let n = BigUint::from(field.p()).pow(total as u32) - 1u32;
    Ok((n, factor_pm1(field.p(), total)?))
}

/// [`irreducible_order`] without the irreducibility check.
fn order_of_irreducible(g: &Poly) -> Result<BigUint, OrderError> {
    if let Ok(b) = Gf2Poly::from_poly(g) {
        let m = g.degree().unwrap_or(0) as u64;
        return Ok(gf2x::order::irreducible_order(&b, &factor_pm1(2, m)?)?);
    }
    let (mut ord, factors) = group_order(g)?;
    for (r, e) in factors {
        for _ in 0..e {
            let candidate = &ord / &r;
            if !Poly::x_pow_mod(&candidate, g)?.is_one() {
                break;
            }
            ord = candidate;
        }
    }
    Ok(ord)
}

/// Whether `f` (or its monic associate) is primitive: irreducible of degree `d >= 1`, not `x`,
/// and of order `q^d - 1`, i.e. `x` generates the multiplicative group of `GF(q)[x]/(f)`.
/// Degree-1 polynomials `x - a` are primitive exactly when `a` is a primitive element.
///
/// # Errors
/// [`OrderError::ZeroPolynomial`] for `f = 0`; [`OrderError::Factor`] when `q^d - 1` cannot
/// be factored.
pub fn is_primitive(f: &Poly) -> Result<bool, OrderError> {
    if f.is_zero() {
        return Err(OrderError::ZeroPolynomial);
    }
    if f.degree() == Some(0) || f.coeff(0) == 0 || !is_irreducible(f) {
        return Ok(false);
    }
    if let Ok(b) = Gf2Poly::from_poly(f) {
        let m = f.degree().unwrap_or(0) as u64;
        return Ok(gf2x::order::is_primitive_irreducible(
            &b,
            &factor_pm1(2, m)?,
        )?);
    }
    let g = f.monic();
    let (n, factors) = group_order(&g)?;
    for (r, _) in factors {
        if Poly::x_pow_mod(&(&n / &r), &g)?.is_one() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// One irreducible factor of a [`Profile`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactorProfile {
    /// The monic irreducible factor g.
    pub factor: Poly,
    /// Its multiplicity e in f.
    pub multiplicity: u32,
    /// ord(g): [`Order::Infinite`] for `x`; the error when `q^m - 1` (m = deg g) could not be
    /// factored.
    pub order: Result<Order, IntFactorError>,
    /// ord(g^e) = ord(g) p^t ([`power_order`]), known exactly when ord(g) is.
    pub power_order: Result<Order, IntFactorError>,
}

/// Everything the algebra says about one polynomial, from one factorization (see
/// [`profile`]). Where an order needs a factorization of `q^m - 1` that failed, that order,
/// and whatever depends on it, is the error saying which number could not be split; the rest
/// is still answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    /// The leading coefficient: f = unit * product of the factors to their multiplicities.
    pub unit: u64,
    /// The monic irreducible factors, as [`factor`] orders them.
    pub factors: Vec<FactorProfile>,
    /// ord(f) = lcm of the ord(g^e) ([`Order::Infinite`] when x divides f); the first
    /// unknown factor order's error otherwise.
    pub order: Result<Order, IntFactorError>,
    /// f is one irreducible factor to the first power.
    pub irreducible: bool,
    /// f is irreducible, not `x`, and of order q^d - 1 (an error only when f is irreducible
    /// and its order unknown).
    pub primitive: Result<bool, IntFactorError>,
}

/// The [`Profile`] of a nonconstant `f`: its factorization with the order of every factor and
/// of every primary part, the order of `f`, irreducibility and primitivity, all from one
/// call of [`factor`] (so no irreducibility test or factorization of `q^m - 1` runs twice,
/// which at GF(2) degree 44,497 is most of the time).
///
/// ```
/// use gf_core::order::{profile, Order};
/// use gf_core::{Field, Poly};
/// use num_bigint::BigUint;
///
/// let gf2 = Field::new(2)?;
/// // (x + 1)^2 (x^2 + x + 1): ord(x + 1) = 1 but ord((x + 1)^2) = 2, and lcm(2, 3) = 6.
/// let p = profile(&Poly::parse(&gf2, "x^4 + x^3 + x + 1")?)?;
/// assert_eq!(p.factors[0].order, Ok(Order::Finite(BigUint::from(1u32))));
/// assert_eq!(p.factors[0].power_order, Ok(Order::Finite(BigUint::from(2u32))));
/// assert_eq!(p.order, Ok(Order::Finite(BigUint::from(6u32))));
/// assert!(!p.irreducible);
/// assert_eq!(p.primitive, Ok(false));
/// assert_eq!(profile(&Poly::parse(&gf2, "x^127 + x + 1")?)?.primitive, Ok(true));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`OrderError::ZeroPolynomial`] for `f = 0`, [`OrderError::NotIrreducible`] for a nonzero
/// constant (it has no factors to profile); a failed polynomial operation (a bug). An
/// unfactored `q^m - 1` is not an error of the call: it sits in the fields it affects.
pub fn profile(f: &Poly) -> Result<Profile, OrderError> {
    if f.is_zero() {
        return Err(OrderError::ZeroPolynomial);
    }
    let degree = match f.degree() {
        Some(d) if d >= 1 => d,
        _ => {
            return Err(OrderError::NotIrreducible {
                poly: f.to_string(),
            })
        }
    };
    let factorization = factor(f)?;
    let field = f.field();
    let x = Poly::x(field);
    let mut factors = Vec::with_capacity(factorization.factors.len());
    for (g, multiplicity) in factorization.factors {
        let order = if g == x {
            Ok(Order::Infinite)
        } else {
            // g came out of `factor`: monic and irreducible, so no second test.
            match order_of_irreducible(&g) {
                Ok(n) => Ok(Order::Finite(n)),
                Err(OrderError::Factor(e)) => Err(e),
                Err(e) => return Err(e),
            }
        };
        let power = order.clone().map(|o| match o {
            Order::Finite(n) => Order::Finite(power_order(field.p(), &n, multiplicity)),
            Order::Infinite => Order::Infinite,
        });
        factors.push(FactorProfile {
            factor: g,
            multiplicity,
            order,
            power_order: power,
        });
    }
    let order = if f.coeff(0) == 0 {
        Ok(Order::Infinite)
    } else {
        factors
            .iter()
            .try_fold(Order::Finite(BigUint::one()), |acc, g| {
                match (acc, &g.power_order) {
                    (_, Err(e)) => Err(e.clone()),
                    (Order::Finite(a), Ok(Order::Finite(n))) => Ok(Order::Finite(a.lcm(n))),
                    _ => Ok(Order::Infinite),
                }
            })
    };
    let irreducible = matches!(factors.as_slice(), [g] if g.multiplicity == 1);
    let primitive = if irreducible && f.coeff(0) != 0 {
        let group = num_traits::pow(BigUint::from(field.q()), degree) - 1u32;
        order.clone().map(|o| o == Order::Finite(group))
    } else {
        Ok(false)
    };
    Ok(Profile {
        unit: factorization.unit,
        factors,
        order,
        irreducible,
        primitive,
    })
}

#[cfg(test)]
mod tests {
    use super::prime_power_at_least;

    #[test]
    fn prime_power_at_least_is_the_ceiling_power() {
        let got: Vec<u64> = (1..=9).map(|k| prime_power_at_least(2, k)).collect();
        assert_eq!(got, [1, 2, 4, 4, 8, 8, 8, 8, 16]);
        let got: Vec<u64> = (1..=10).map(|k| prime_power_at_least(3, k)).collect();
        assert_eq!(got, [1, 3, 3, 9, 9, 9, 9, 9, 9, 27]);
    }
}
