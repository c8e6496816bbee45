//! Fast arithmetic in GF(2)\[x\]: bit-packed polynomials ([`Gf2Poly`]) and arithmetic modulo a
//! fixed polynomial ([`Gf2Modulus`]), for degrees up to the hundreds of thousands.
//!
//! # The contract
//!
//! * A [`Gf2Poly`] is a vector of 64-bit words, bit `i` (word `i / 64`, bit `i % 64`) the
//!   coefficient of x^i, **always trimmed** (the last word is nonzero; zero has no words), so
//!   derived `Eq`/`Hash` are equality of polynomials. It converts to and from the general
//!   [`Poly`] over GF(2) ([`Gf2Poly::from_poly`], [`Gf2Poly::to_poly`]) with identical values.
//! * Ring operations cannot fail and return values; division by zero is the only error of
//!   division ([`Gf2Error::DivisionByZero`]). A [`Gf2Modulus`] needs a modulus of degree >= 1
//!   ([`Gf2Error::ConstantModulus`] otherwise). Every operation of [`Gf2Modulus`] accepts
//!   operands of any degree (reduced or not) and returns a reduced result (degree < deg f).
//! * Results do not depend on the backend: the `pclmulqdq` and portable carry-less
//!   multipliers ([`Backend`]) give identical products (the tests compare them).
//!
//! # Costs (n = degree, w = n / 64 words)
//!
//! * [`Gf2Poly::mul`]: schoolbook on words with carry-less 64 x 64 products below
//!   [`KARATSUBA_THRESHOLD`] words, Karatsuba above (O(w^1.58)); [`Gf2Poly::square`]: O(w)
//!   (squaring only spreads bits).
//! * [`Gf2Modulus::reduce`]: O(w) word shifts per reduction for sparse moduli (weight <= 5:
//!   trinomials, pentanomials), two multiplications by a precomputed Barrett inverse for
//!   dense ones. So `square_mod` of a trinomial is O(w), and `mul_mod` costs about three
//!   multiplications.
//! * [`Gf2Poly::gcd`], [`Gf2Poly::xgcd`]: word-level Euclid, O(n w).
//!
//! # Example
//!
//! ```
//! use gf_core::gf2x::{Gf2Modulus, Gf2Poly};
//! use num_bigint::BigUint;
//!
//! // x^3 + x + 1 is primitive: x has order 7 modulo it.
//! let f = Gf2Poly::from_exponents(&[3, 1, 0]);
//! assert_eq!(f.to_string(), "x^3 + x + 1");
//! let m = Gf2Modulus::new(&f)?;
//! assert!(m.x_pow_mod(&BigUint::from(7u8)).is_one());
//! assert!(!m.x_pow_mod(&BigUint::from(3u8)).is_one());
//!
//! // (x + 1)^2 = x^2 + 1 (characteristic 2), and gcd((x + 1)^2 (x^2 + x + 1), (x + 1)^3).
//! let x1 = Gf2Poly::from_exponents(&[1, 0]);
//! assert_eq!(x1.square(), Gf2Poly::from_exponents(&[2, 0]));
//! let a = x1.square().mul(&Gf2Poly::from_exponents(&[2, 1, 0]));
//! assert_eq!(a.gcd(&x1.square().mul(&x1)), x1.square());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod clmul;
mod modulus;
mod mul;

pub use clmul::{pclmul_available, Backend};
pub use modulus::{Gf2Modulus, Reduction};
pub use mul::KARATSUBA_THRESHOLD;

use std::fmt;

use crate::field::Field;
use crate::poly::Poly;

/// Errors of GF(2)\[x\] conversion and division.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Gf2Error {
    /// A [`Poly`] over GF(q), q != 2, cannot become a [`Gf2Poly`].
    #[error("the polynomial is over GF({q}), not GF(2)")]
    NotBinary {
        /// The field order of the rejected polynomial.
        q: u64,
    },
    /// Division by the zero polynomial.
    #[error("division by the zero polynomial")]
    DivisionByZero,
    /// A [`Gf2Modulus`] needs degree >= 1; the given modulus is the constant `constant`.
    #[error("a modulus must have degree at least 1, got the constant {constant}")]
    ConstantModulus {
        /// 0 or 1.
        constant: u8,
    },
}

/// A polynomial over GF(2), bit-packed 64 coefficients to a word (see the [module
/// docs](self) for the contract).
///
/// ```
/// use gf_core::gf2x::Gf2Poly;
/// use gf_core::{Field, Poly};
///
/// let f = Gf2Poly::from_exponents(&[4, 3, 1, 0]);        // x^4 + x^3 + x + 1
/// assert_eq!(f.words(), &[0b11011]);
/// assert_eq!((f.degree(), f.weight(), f.bit(3), f.bit(2)), (Some(4), 4, true, false));
/// let (q, r) = f.divrem(&Gf2Poly::from_exponents(&[2, 1, 0]))?;
/// assert_eq!((q.to_string(), r.is_zero()), ("x^2 + 1".to_string(), true));
///
/// // The same value as the general polynomial type.
/// let p = Poly::parse(&Field::new(2)?, "x^4 + x^3 + x + 1")?;
/// assert_eq!(Gf2Poly::from_poly(&p)?, f);
/// assert_eq!(f.to_poly(), p);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Gf2Poly {
    words: Vec<u64>,
}

impl fmt::Debug for Gf2Poly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.weight() <= 16 {
            write!(f, "Gf2Poly({self})")
        } else {
            write!(
                f,
                "Gf2Poly(degree {:?}, weight {})",
                self.degree(),
                self.weight()
            )
        }
    }
}

impl Gf2Poly {
    /// The zero polynomial.
    pub fn zero() -> Gf2Poly {
        Gf2Poly { words: Vec::new() }
    }
    /// The constant 1.
    pub fn one() -> Gf2Poly {
        Gf2Poly { words: vec![1] }
    }
    /// The polynomial x.
    pub fn x() -> Gf2Poly {
        Gf2Poly { words: vec![2] }
    }
    /// x^k.
    pub fn monomial(k: usize) -> Gf2Poly {
        let mut words = vec![0u64; k / 64 + 1];
        words[k / 64] = 1 << (k % 64);
        Gf2Poly { words }
    }
    /// The sum of x^e over `exponents` (a sparse build: `&[n, k, 0]` is x^n + x^k + 1).
    /// Over GF(2) a repeated exponent cancels: `&[3, 3]` is zero.
    pub fn from_exponents(exponents: &[usize]) -> Gf2Poly {
        let Some(&top) = exponents.iter().max() else {
            return Gf2Poly::zero();
        };
        let mut words = vec![0u64; top / 64 + 1];
        for &e in exponents {
            words[e / 64] ^= 1 << (e % 64);
        }
        Gf2Poly::from_words(words)
    }
    /// From packed words (bit i = coefficient of x^i); trailing zero words are trimmed.
    pub fn from_words(mut words: Vec<u64>) -> Gf2Poly {
        trim(&mut words);
        Gf2Poly { words }
    }
    /// The packed words, trimmed (empty for zero).
    pub fn words(&self) -> &[u64] {
        &self.words
    }
    /// The packed words, trimmed, by value.
    pub fn into_words(self) -> Vec<u64> {
        self.words
    }
    /// The same polynomial as a [`Gf2Poly`].
    ///
    /// # Errors
    /// [`Gf2Error::NotBinary`] unless `p` is over GF(2).
    pub fn from_poly(p: &Poly) -> Result<Gf2Poly, Gf2Error> {
        let q = p.field().q();
        if q != 2 {
            return Err(Gf2Error::NotBinary { q });
        }
        Ok(Gf2Poly::from_bits(p.coeffs()))
    }
    /// From coefficients 0/1 low-to-high (any nonzero value counts as 1 after `& 1`).
    pub(crate) fn from_bits(c: &[u64]) -> Gf2Poly {
        let mut words = vec![0u64; c.len().div_ceil(64)];
        for (i, &b) in c.iter().enumerate() {
            words[i / 64] |= (b & 1) << (i % 64);
        }
        Gf2Poly::from_words(words)
    }
    /// Coefficients 0/1 low-to-high, trimmed.
    pub(crate) fn to_bits(&self) -> Vec<u64> {
        let len = self.degree().map_or(0, |d| d + 1);
        (0..len)
            .map(|i| self.words[i / 64] >> (i % 64) & 1)
            .collect()
    }
    /// The same polynomial as a [`Poly`] over GF(2).
    pub fn to_poly(&self) -> Poly {
        // Field::new(2) cannot fail (2 is prime); it is cached after the first call.
        let gf2 = Field::new(2).expect("GF(2) is a field");
        Poly::from_vec(&gf2, self.to_bits())
    }

    /// The degree, `None` for zero.
    pub fn degree(&self) -> Option<usize> {
        degree(&self.words)
    }
    /// The coefficient of x^i (false beyond the degree).
    pub fn bit(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|w| w >> (i % 64) & 1 == 1)
    }
    /// The number of nonzero coefficients.
    pub fn weight(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }
    /// The exponents of the nonzero coefficients, descending (`x^3 + x + 1` -> `[3, 1, 0]`).
    pub fn exponents(&self) -> Vec<usize> {
        let mut v = Vec::with_capacity(self.weight());
        for (i, &w) in self.words.iter().enumerate().rev() {
            let mut bits = w;
            while bits != 0 {
                let top = 63 - bits.leading_zeros() as usize;
                v.push(64 * i + top);
                bits ^= 1 << top;
            }
        }
        v
    }
    /// True for zero.
    pub fn is_zero(&self) -> bool {
        self.words.is_empty()
    }
    /// True for the constant 1.
    pub fn is_one(&self) -> bool {
        self.words == [1]
    }

    /// self + o (xor).
    pub fn add(&self, o: &Gf2Poly) -> Gf2Poly {
        let mut r = self.clone();
        r.add_assign(o);
        r
    }
    /// self += o.
    pub fn add_assign(&mut self, o: &Gf2Poly) {
        if self.words.len() < o.words.len() {
            self.words.resize(o.words.len(), 0);
        }
        mul::xor_into(&mut self.words, &o.words);
        trim(&mut self.words);
    }
    /// self * o.
    pub fn mul(&self, o: &Gf2Poly) -> Gf2Poly {
        self.mul_with(o, Backend::best())
    }
    /// self * o with a chosen carry-less multiplier (for tests and benches; the result does
    /// not depend on it).
    #[doc(hidden)]
    pub fn mul_with(&self, o: &Gf2Poly, backend: Backend) -> Gf2Poly {
        Gf2Poly::from_words(mul::mul(backend, &self.words, &o.words))
    }
    /// self * o with a chosen multiplier and Karatsuba threshold (for measuring it).
    #[doc(hidden)]
    pub fn mul_threshold(&self, o: &Gf2Poly, backend: Backend, threshold: usize) -> Gf2Poly {
        Gf2Poly::from_words(mul::mul_threshold(
            backend,
            &self.words,
            &o.words,
            threshold,
        ))
    }
    /// self^2 (bits spread apart: no cross terms in characteristic 2).
    pub fn square(&self) -> Gf2Poly {
        self.square_with(Backend::best())
    }
    /// self^2 with a chosen backend.
    #[doc(hidden)]
    pub fn square_with(&self, backend: Backend) -> Gf2Poly {
        Gf2Poly::from_words(mul::square(backend, &self.words))
    }
    /// self * x^k.
    pub fn shl(&self, k: usize) -> Gf2Poly {
        Gf2Poly::from_words(shl_words(&self.words, k))
    }
    /// self div x^k (the coefficients of x^k and above, moved down).
    pub fn shr(&self, k: usize) -> Gf2Poly {
        Gf2Poly::from_words(shr_words(&self.words, k))
    }
    /// self mod x^k (the coefficients below x^k).
    pub fn truncated(&self, k: usize) -> Gf2Poly {
        let mut w = self.words.clone();
        truncate_bits(&mut w, k);
        Gf2Poly::from_words(w)
    }

    /// Quotient and remainder: self = q d + r, deg r < deg d.
    ///
    /// # Errors
    /// [`Gf2Error::DivisionByZero`] if `d` is zero.
    pub fn divrem(&self, d: &Gf2Poly) -> Result<(Gf2Poly, Gf2Poly), Gf2Error> {
        let dd = d.degree().ok_or(Gf2Error::DivisionByZero)?;
        if self.degree().map_or(true, |s| s < dd) {
            return Ok((Gf2Poly::zero(), self.clone()));
        }
        let mut r = self.words.clone();
        let q = rem_schoolbook(&mut r, &d.words, true);
        Ok((Gf2Poly::from_words(q), Gf2Poly::from_words(r)))
    }
    /// self mod d.
    ///
    /// # Errors
    /// [`Gf2Error::DivisionByZero`] if `d` is zero.
    pub fn rem(&self, d: &Gf2Poly) -> Result<Gf2Poly, Gf2Error> {
        if d.is_zero() {
            return Err(Gf2Error::DivisionByZero);
        }
        let mut r = self.words.clone();
        rem_schoolbook(&mut r, &d.words, false);
        Ok(Gf2Poly::from_words(r))
    }
    /// The greatest common divisor (monic, as every nonzero GF(2) polynomial; zero if both
    /// are zero).
    pub fn gcd(&self, o: &Gf2Poly) -> Gf2Poly {
        let (mut a, mut b) = (self.words.clone(), o.words.clone());
        while degree(&b).is_some() {
            rem_schoolbook(&mut a, &b, false);
            trim(&mut a);
            std::mem::swap(&mut a, &mut b);
        }
        Gf2Poly::from_words(a)
    }
    /// Extended gcd: `(g, s, t)` with `s self + t o = g`, g = gcd (all zero if both are
    /// zero); deg s < deg o and deg t < deg self when both have degree >= 1.
    pub fn xgcd(&self, o: &Gf2Poly) -> (Gf2Poly, Gf2Poly, Gf2Poly) {
        let (mut r0, mut r1) = (self.clone(), o.clone());
        let (mut s0, mut s1) = (Gf2Poly::one(), Gf2Poly::zero());
        let (mut t0, mut t1) = (Gf2Poly::zero(), Gf2Poly::one());
        while let Ok((q, r)) = r0.divrem(&r1) {
            // divrem fails only once r1 is zero: the loop's end.
            let s = s0.add(&q.mul(&s1));
            let t = t0.add(&q.mul(&t1));
            (r0, r1, s0, s1, t0, t1) = (r1, r, s1, s, t1, t);
        }
        if r0.is_zero() {
            return (r0, Gf2Poly::zero(), Gf2Poly::zero());
        }
        (r0, s0, t0)
    }
    /// The inverse of self modulo `m`, `None` when gcd(self, m) != 1 (or m is zero).
    pub fn inverse_mod(&self, m: &Gf2Poly) -> Option<Gf2Poly> {
        let a = self.rem(m).ok()?;
        let (g, s, _) = a.xgcd(m);
        g.is_one().then(|| s.rem(m).unwrap_or(s))
    }
    /// The formal derivative: the odd-exponent terms, each moved down by one.
    pub fn derivative(&self) -> Gf2Poly {
        let w = self
            .words
            .iter()
            .map(|&w| (w >> 1) & 0x5555_5555_5555_5555)
            .collect();
        Gf2Poly::from_words(w)
    }
    /// The value at 0 or 1 (true = 1).
    pub fn eval(&self, x: bool) -> bool {
        if x {
            self.weight() % 2 == 1
        } else {
            self.bit(0)
        }
    }
}

impl fmt::Display for Gf2Poly {
    /// SageMath style, descending: `x^4 + x^3 + x + 1`, `x`, `1`, `0`.
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            return out.write_str("0");
        }
        for (k, e) in self.exponents().into_iter().enumerate() {
            if k > 0 {
                out.write_str(" + ")?;
            }
            match e {
                0 => out.write_str("1")?,
                1 => out.write_str("x")?,
                _ => write!(out, "x^{e}")?,
            }
        }
        Ok(())
    }
}

impl std::ops::Add<&Gf2Poly> for &Gf2Poly {
    type Output = Gf2Poly;
    fn add(self, o: &Gf2Poly) -> Gf2Poly {
        Gf2Poly::add(self, o)
    }
}
impl std::ops::AddAssign<&Gf2Poly> for Gf2Poly {
    fn add_assign(&mut self, o: &Gf2Poly) {
        Gf2Poly::add_assign(self, o)
    }
}
impl std::ops::Mul<&Gf2Poly> for &Gf2Poly {
    type Output = Gf2Poly;
    fn mul(self, o: &Gf2Poly) -> Gf2Poly {
        Gf2Poly::mul(self, o)
    }
}

// ---- word-vector helpers shared by the submodules ----

/// Drops trailing zero words.
pub(crate) fn trim(w: &mut Vec<u64>) {
    while w.last() == Some(&0) {
        w.pop();
    }
}

/// Degree of a packed vector (`None` when all zero).
pub(crate) fn degree(w: &[u64]) -> Option<usize> {
    let top = w.iter().rposition(|&x| x != 0)?;
    Some(top * 64 + 63 - w[top].leading_zeros() as usize)
}

/// `w * x^k` (untrimmed).
fn shl_words(w: &[u64], k: usize) -> Vec<u64> {
    if w.is_empty() {
        return Vec::new();
    }
    let (ws, bs) = (k / 64, k % 64);
    let mut out = vec![0u64; w.len() + ws + 1];
    if bs == 0 {
        out[ws..ws + w.len()].copy_from_slice(w);
    } else {
        for (i, &x) in w.iter().enumerate() {
            out[ws + i] |= x << bs;
            out[ws + i + 1] = x >> (64 - bs);
        }
    }
    out
}

/// `w div x^k` (untrimmed).
pub(crate) fn shr_words(w: &[u64], k: usize) -> Vec<u64> {
    let (ws, bs) = (k / 64, k % 64);
    if ws >= w.len() {
        return Vec::new();
    }
    let src = &w[ws..];
    if bs == 0 {
        return src.to_vec();
    }
    (0..src.len())
        .map(|i| src[i] >> bs | src.get(i + 1).map_or(0, |&h| h << (64 - bs)))
        .collect()
}

/// `w mod x^k` in place (untrimmed).
pub(crate) fn truncate_bits(w: &mut Vec<u64>, k: usize) {
    let (ws, bs) = (k / 64, k % 64);
    if ws >= w.len() {
        return;
    }
    w.truncate(ws + 1);
    w[ws] &= (1u64 << bs).wrapping_sub(1);
}

/// `out ^= b * x^shift` (out long enough for the shifted b's nonzero bits).
pub(crate) fn xor_shifted(out: &mut [u64], b: &[u64], shift: usize) {
    let (ws, bs) = (shift / 64, shift % 64);
    if bs == 0 {
        mul::xor_into(&mut out[ws..], b);
        return;
    }
    for (j, &x) in b.iter().enumerate() {
        out[ws + j] ^= x << bs;
        let hi = x >> (64 - bs);
        if hi != 0 {
            out[ws + j + 1] ^= hi;
        }
    }
}

/// Long division on words: reduces `r` modulo `d` (nonzero) in place, leaving at most
/// deg d bits (untrimmed), and returns the quotient when `want_quotient` (else empty).
/// One shifted xor of `d` per quotient bit: O(deg q * deg d / 64).
pub(crate) fn rem_schoolbook(r: &mut Vec<u64>, d: &[u64], want_quotient: bool) -> Vec<u64> {
    let Some(dd) = degree(d) else {
        return Vec::new();
    };
    let d = &d[..=dd / 64];
    let Some(top) = degree(r) else {
        return Vec::new();
    };
    if top < dd {
        return Vec::new();
    }
    let mut quot = vec![
        0u64;
        if want_quotient {
            (top - dd) / 64 + 1
        } else {
            0
        }
    ];
    r.push(0);
    for i in (dd..=top).rev() {
        if r[i / 64] >> (i % 64) & 1 == 1 {
            let s = i - dd;
            if want_quotient {
                quot[s / 64] |= 1 << (s % 64);
            }
            xor_shifted(r, d, s);
        }
    }
    r.truncate(dd / 64 + 1);
    trim(r);
    quot
}
