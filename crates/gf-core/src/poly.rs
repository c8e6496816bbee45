//! Dense univariate polynomials over GF(q), printed and parsed in SageMath's style.
//!
//! A [`Poly`] owns its [`Field`] (a cheap `Arc` clone) and its coefficients low-to-high,
//! trimmed so that the last one is nonzero; the zero polynomial has no coefficients. Binary
//! operations check that both operands live over the same field and panic otherwise (with
//! the message of [`PolyError::FieldMismatch`]): mixing fields is a programmer error, not
//! bad data, so the ring operations (`+`, `-`, `*`, unary `-`, [`Poly::gcd`]) return values.
//! Division keeps a `Result` for the zero divisor ([`Poly::divrem`], [`Poly::rem`]); the
//! operator `%` panics on it.

use std::fmt;

use num_bigint::BigUint;

use crate::field::{Field, FieldError};
use crate::gf2x::{Gf2Modulus, Gf2Poly};

/// Errors of polynomial construction, arithmetic and parsing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolyError {
    /// The operands are over different fields GF(left) and GF(right). Never returned: it is
    /// the panic message of operations on mixed fields (a programmer error).
    #[error("polynomials over different fields: GF({left}) and GF({right})")]
    FieldMismatch {
        /// q of the left operand.
        left: u64,
        /// q of the right operand.
        right: u64,
    },
    /// Division (or reduction) by the zero polynomial, or factoring zero.
    #[error("division by the zero polynomial")]
    DivisionByZero,
    /// A coefficient is not an element of GF(q) (it must be < q).
    #[error("coefficient {value} is not an element of GF({q})")]
    NotInField {
        /// The offending coefficient.
        value: u64,
        /// The field order.
        q: u64,
    },
    /// The text could not be parsed as a polynomial.
    #[error("cannot parse polynomial at column {column}: {message}")]
    Parse {
        /// 1-based column (in characters) of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// A polynomial over GF(q) in the variable `x`.
///
/// ```
/// use gf_core::{Field, Poly};
///
/// let gf3 = Field::new(3)?;
/// let f = Poly::parse(&gf3, "x^3 + 2*x^2 + x + 2")?;
/// assert_eq!(f.coeffs(), &[2, 1, 2, 1]);               // low-to-high
/// let g = Poly::parse(&gf3, "x + 2")?;
/// let (quot, rem) = f.divrem(&g)?;
/// assert!(rem.is_zero());
/// assert_eq!(quot.to_string(), "x^2 + 1");            // (x + 2)(x^2 + 1)
///
/// let gf4 = Field::new(4)?;                           // a^2 + a + 1 = 0
/// let h = Poly::new(&gf4, vec![2, 0, 3])?;            // coefficients a, 0, a + 1
/// assert_eq!(h.to_string(), "(a + 1)*x^2 + a");
/// assert_eq!(Poly::parse(&gf4, "(a + 1)*x^2 + a")?, h);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Poly {
    field: Field,
    coeffs: Vec<u64>,
}

/// Largest degree the parser will build (guards against `x^999999999`).
pub const MAX_PARSE_DEGREE: usize = 1 << 16;

impl Poly {
    /// The polynomial with coefficients `coeffs` (low-to-high); each must be < q.
    pub fn new(field: &Field, coeffs: Vec<u64>) -> Result<Poly, PolyError> {
        if let Some(&value) = coeffs.iter().find(|&&c| !field.contains(c)) {
            return Err(PolyError::NotInField {
                value,
                q: field.q(),
            });
        }
        Ok(Poly::from_vec(field, coeffs))
    }

    /// Builds from already-valid coefficients, trimming trailing zeros.
    pub(crate) fn from_vec(field: &Field, mut coeffs: Vec<u64>) -> Poly {
        while coeffs.last() == Some(&0) {
            coeffs.pop();
        }
        Poly {
            field: field.clone(),
            coeffs,
        }
    }

    /// The zero polynomial.
    pub fn zero(field: &Field) -> Poly {
        Poly::from_vec(field, Vec::new())
    }
    /// The constant 1.
    pub fn one(field: &Field) -> Poly {
        Poly::from_vec(field, vec![1])
    }
    /// The polynomial x.
    pub fn x(field: &Field) -> Poly {
        Poly::from_vec(field, vec![0, 1])
    }
    /// c * x^k.
    ///
    /// # Panics
    /// If `c` is not an element of the field (c >= q).
    pub fn monomial(field: &Field, c: u64, k: usize) -> Poly {
        assert!(
            field.contains(c),
            "coefficient {c} not in GF({})",
            field.q()
        );
        if c == 0 {
            return Poly::zero(field);
        }
        let mut v = vec![0; k + 1];
        v[k] = c;
        Poly::from_vec(field, v)
    }

    /// The field of the coefficients.
    pub fn field(&self) -> &Field {
        &self.field
    }
    /// Coefficients low-to-high, without trailing zeros (empty for zero).
    pub fn coeffs(&self) -> &[u64] {
        &self.coeffs
    }
    /// The coefficient of x^i (0 beyond the degree).
    pub fn coeff(&self, i: usize) -> u64 {
        self.coeffs.get(i).copied().unwrap_or(0)
    }
    /// The degree, `None` for the zero polynomial.
    pub fn degree(&self) -> Option<usize> {
        self.coeffs.len().checked_sub(1)
    }
    /// True for the zero polynomial.
    pub fn is_zero(&self) -> bool {
        self.coeffs.is_empty()
    }
    /// True for the constant 1.
    pub fn is_one(&self) -> bool {
        self.coeffs == [1]
    }
    /// True when the leading coefficient is 1 (false for zero).
    pub fn is_monic(&self) -> bool {
        self.coeffs.last() == Some(&1)
    }
    /// The leading coefficient (0 for the zero polynomial).
    pub fn leading(&self) -> u64 {
        self.coeffs.last().copied().unwrap_or(0)
    }

    fn same_field(&self, o: &Poly) -> Result<(), PolyError> {
        if self.field == o.field {
            Ok(())
        } else {
            Err(PolyError::FieldMismatch {
                left: self.field.q(),
                right: o.field.q(),
            })
        }
    }

    /// Panics unless both operands are over the same field (a programmer error: every
    /// polynomial carries its field, and mixing fields is never meaningful).
    #[track_caller]
    fn assert_same_field(&self, o: &Poly) {
        if let Err(e) = self.same_field(o) {
            panic!("{e}");
        }
    }

    /// self + o (also `self + o` through [`std::ops::Add`]).
    ///
    /// # Panics
    /// If the operands are over different fields.
    #[track_caller]
    pub fn add(&self, o: &Poly) -> Poly {
        self.assert_same_field(o);
        self.zip_with(o, |a, b| self.field.add(a, b))
    }
    /// self - o (also `self - o` through [`std::ops::Sub`]).
    ///
    /// # Panics
    /// If the operands are over different fields.
    #[track_caller]
    pub fn sub(&self, o: &Poly) -> Poly {
        self.assert_same_field(o);
        self.zip_with(o, |a, b| self.field.sub(a, b))
    }
    fn zip_with(&self, o: &Poly, op: impl Fn(u64, u64) -> u64) -> Poly {
        let len = self.coeffs.len().max(o.coeffs.len());
        let v = (0..len).map(|i| op(self.coeff(i), o.coeff(i))).collect();
        Poly::from_vec(&self.field, v)
    }
    /// self * o (also `self * o` through [`std::ops::Mul`]).
    ///
    /// # Panics
    /// If the operands are over different fields.
    #[track_caller]
    pub fn mul(&self, o: &Poly) -> Poly {
        self.assert_same_field(o);
        Poly::from_vec(
            &self.field,
            mul_slices(&self.field, &self.coeffs, &o.coeffs),
        )
    }

    /// Quotient and remainder: self = q * d + r with deg r < deg d.
    ///
    /// # Errors
    /// [`PolyError::DivisionByZero`] if `d` is zero (a data error: divisors often come from
    /// user input).
    ///
    /// # Panics
    /// If the operands are over different fields.
    #[track_caller]
    pub fn divrem(&self, d: &Poly) -> Result<(Poly, Poly), PolyError> {
        self.assert_same_field(d);
        let dd = d.degree().ok_or(PolyError::DivisionByZero)?;
        let f = &self.field;
        let Some(sd) = self.degree().filter(|&s| s >= dd) else {
            return Ok((Poly::zero(f), self.clone()));
        };
        if f.q() == 2 {
            let (quot, r) = Gf2Poly::from_bits(&self.coeffs)
                .divrem(&Gf2Poly::from_bits(&d.coeffs))
                .map_err(|_| PolyError::DivisionByZero)?;
            return Ok((
                Poly::from_vec(f, quot.to_bits()),
                Poly::from_vec(f, r.to_bits()),
            ));
        }
        let inv_lead = f.inv(d.leading()).ok_or(PolyError::DivisionByZero)?;
        let mut r = self.coeffs.clone();
        let mut quot = vec![0; sd - dd + 1];
        for i in (dd..=sd).rev() {
            let c = f.mul(r[i], inv_lead);
            quot[i - dd] = c;
            if c != 0 {
                submul(f, &mut r[i - dd..=i], &d.coeffs, c);
            }
        }
        r.truncate(dd);
        Ok((Poly::from_vec(f, quot), Poly::from_vec(f, r)))
    }

    /// self mod d.
    ///
    /// # Errors
    /// [`PolyError::DivisionByZero`] if `d` is zero; the operator `self % d`
    /// ([`std::ops::Rem`]) panics instead.
    ///
    /// # Panics
    /// If the operands are over different fields.
    #[track_caller]
    pub fn rem(&self, d: &Poly) -> Result<Poly, PolyError> {
        self.assert_same_field(d);
        if d.is_zero() {
            return Err(PolyError::DivisionByZero);
        }
        Ok(self.rem_nonzero(d))
    }

    /// The monic greatest common divisor (zero if both are zero).
    ///
    /// # Panics
    /// If the operands are over different fields.
    #[track_caller]
    pub fn gcd(&self, o: &Poly) -> Poly {
        self.assert_same_field(o);
        if self.field.q() == 2 {
            let g = Gf2Poly::from_bits(&self.coeffs).gcd(&Gf2Poly::from_bits(&o.coeffs));
            return Poly::from_vec(&self.field, g.to_bits());
        }
        let (mut a, mut b) = (self.clone(), o.clone());
        while !b.is_zero() {
            let r = a.rem_nonzero(&b);
            a = b;
            b = r;
        }
        a.monic()
    }

    /// self mod d for a nonzero d over the same field (checked by the callers).
    fn rem_nonzero(&self, d: &Poly) -> Poly {
        debug_assert!(!d.is_zero() && self.field == d.field);
        let mut r = self.coeffs.clone();
        rem_in_place(&self.field, &mut r, &d.monic().coeffs);
        Poly::from_vec(&self.field, r)
    }

    /// Extended gcd: `(g, s, t)` with `s*self + t*o = g`, g monic (all zero if both are zero).
    ///
    /// # Panics
    /// If the operands are over different fields.
    #[track_caller]
    pub fn xgcd(&self, o: &Poly) -> (Poly, Poly, Poly) {
        self.assert_same_field(o);
        let f = &self.field;
        let (mut r0, mut r1) = (self.clone(), o.clone());
        let (mut s0, mut s1) = (Poly::one(f), Poly::zero(f));
        let (mut t0, mut t1) = (Poly::zero(f), Poly::one(f));
        while let Ok((quot, r)) = r0.divrem(&r1) {
            // divrem fails only once r1 is zero: the loop condition.
            let s = &s0 - &(&quot * &s1);
            let t = &t0 - &(&quot * &t1);
            (r0, r1, s0, s1, t0, t1) = (r1, r, s1, s, t1, t);
        }
        let Some(inv) = f.inv(r0.leading()) else {
            return (r0, Poly::zero(f), Poly::zero(f));
        };
        (r0.scale(inv), s0.scale(inv), t0.scale(inv))
    }

    /// self^e mod f (square and multiply).
    ///
    /// # Errors
    /// [`PolyError::DivisionByZero`] if `f` is zero.
    ///
    /// # Panics
    /// If the operands are over different fields.
    #[track_caller]
    pub fn pow_mod(&self, e: &BigUint, f: &Poly) -> Result<Poly, PolyError> {
        self.assert_same_field(f);
        let m = Modulus::new(f)?;
        let base = m.reduce(self.coeffs.clone());
        Ok(Poly::from_vec(&self.field, m.pow(&base, e)))
    }

    /// x^e mod f; multiplying by x is a shift, so this is cheaper than [`Poly::pow_mod`].
    pub fn x_pow_mod(e: &BigUint, f: &Poly) -> Result<Poly, PolyError> {
        let m = Modulus::new(f)?;
        if let Some(g) = &m.gf2 {
            return Ok(Poly::from_vec(f.field(), g.x_pow_mod(e).to_bits()));
        }
        let mut acc = m.reduce(vec![1]);
        for i in (0..e.bits()).rev() {
            acc = m.mul(&acc, &acc);
            if e.bit(i) {
                acc = m.mul_x(acc);
            }
        }
        Ok(Poly::from_vec(f.field(), acc))
    }

    /// The formal derivative.
    pub fn derivative(&self) -> Poly {
        let f = &self.field;
        let v = (1..self.coeffs.len())
            .map(|i| f.mul(self.coeffs[i], (i as u64) % f.p()))
            .collect();
        Poly::from_vec(f, v)
    }

    /// self divided by its leading coefficient (zero stays zero).
    pub fn monic(&self) -> Poly {
        match self.field.inv(self.leading()) {
            Some(inv) if inv != 1 => self.scale(inv),
            _ => self.clone(),
        }
    }

    /// c * self.
    ///
    /// # Panics
    /// If `c` is not an element of the field (c >= q).
    pub fn scale(&self, c: u64) -> Poly {
        assert!(self.field.contains(c), "scalar {c} not in {}", self.field);
        let v = self.coeffs.iter().map(|&a| self.field.mul(a, c)).collect();
        Poly::from_vec(&self.field, v)
    }

    /// The value at the field element `x` (Horner).
    pub fn eval(&self, x: u64) -> u64 {
        let f = &self.field;
        self.coeffs
            .iter()
            .rev()
            .fold(0, |acc, &c| f.add(f.mul(acc, x), c))
    }

    /// Parses SageMath-style text: `"x^4+x+1"`, `"2*x^2 + (a + 1)*x + a"`; spaces optional.
    ///
    /// Accepted: sums and differences of products of integers (element encodings, < q), `x`
    /// (or `X`), `a` (extension fields only), parenthesized expressions, and powers `^k` or
    /// `**k` (Python's). The `*` of a product may be left out before `x`, `X`, `a` or `(`:
    /// `3x^2 + 2x + 1`, `ax + 1`, `(a + 1)x`, `x(x + 1)` (a power binds tighter than the
    /// product, so `3x^2` is `3*(x^2)`); never before a number, so `x 1` is an error. Errors
    /// carry the 1-based column where the problem is.
    ///
    /// ```
    /// use gf_core::{Field, Poly};
    ///
    /// let gf5 = Field::new(5)?;
    /// let f = Poly::parse(&gf5, "x^4 + 3*x + 1")?;
    /// for text in ["x^4 + 3x + 1", "x**4 + 3 x + 1", "X^4+3X+1", "x*x^3 + (2 + 1)x + 1"] {
    ///     assert_eq!(Poly::parse(&gf5, text)?, f);
    /// }
    /// let gf4 = Field::new(4)?;
    /// assert_eq!(Poly::parse(&gf4, "x^2 + ax + a + 1")?.coeffs(), &[3, 2, 1]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(field: &Field, s: &str) -> Result<Poly, PolyError> {
        Parser::new(field, s, true)
            .run()
            .map_err(|(column, message)| PolyError::Parse { column, message })
    }
}

/// Operator forms of the ring operations: `+`, `-`, `*`, `%` and unary `-`, on values and
/// references.
///
/// A field mismatch is a programmer error, not a data error, so the operators panic on it;
/// `%` also panics on a zero divisor. The `Result`-returning methods ([`Poly::add`],
/// [`Poly::sub`], [`Poly::mul`], [`Poly::rem`]) remain for callers handling user input.
mod ops {
    use super::{Poly, PolyError};
    use std::ops::{Add, Mul, Neg, Rem, Sub};

    #[track_caller]
    fn expect_ok(r: Result<Poly, PolyError>) -> Poly {
        match r {
            Ok(v) => v,
            Err(e) => panic!("{e}"),
        }
    }

    macro_rules! binop {
        ($tr:ident, $m:ident, infallible) => {
            impl $tr<&Poly> for &Poly {
                type Output = Poly;
                #[track_caller]
                fn $m(self, o: &Poly) -> Poly {
                    Poly::$m(self, o)
                }
            }
            impl $tr<Poly> for Poly {
                type Output = Poly;
                #[track_caller]
                fn $m(self, o: Poly) -> Poly {
                    Poly::$m(&self, &o)
                }
            }
            impl $tr<&Poly> for Poly {
                type Output = Poly;
                #[track_caller]
                fn $m(self, o: &Poly) -> Poly {
                    Poly::$m(&self, o)
                }
            }
            impl $tr<Poly> for &Poly {
                type Output = Poly;
                #[track_caller]
                fn $m(self, o: Poly) -> Poly {
                    Poly::$m(self, &o)
                }
            }
        };
        ($tr:ident, $m:ident) => {
            impl $tr<&Poly> for &Poly {
                type Output = Poly;
                #[track_caller]
                fn $m(self, o: &Poly) -> Poly {
                    expect_ok(Poly::$m(self, o))
                }
            }
            impl $tr<Poly> for Poly {
                type Output = Poly;
                #[track_caller]
                fn $m(self, o: Poly) -> Poly {
                    expect_ok(Poly::$m(&self, &o))
                }
            }
            impl $tr<&Poly> for Poly {
                type Output = Poly;
                #[track_caller]
                fn $m(self, o: &Poly) -> Poly {
                    expect_ok(Poly::$m(&self, o))
                }
            }
            impl $tr<Poly> for &Poly {
                type Output = Poly;
                #[track_caller]
                fn $m(self, o: Poly) -> Poly {
                    expect_ok(Poly::$m(self, &o))
                }
            }
        };
    }
    binop!(Add, add, infallible);
    binop!(Sub, sub, infallible);
    binop!(Mul, mul, infallible);
    binop!(Rem, rem);

    impl Neg for &Poly {
        type Output = Poly;
        fn neg(self) -> Poly {
            let f = self.field();
            Poly::from_vec(f, self.coeffs().iter().map(|&c| f.neg(c)).collect())
        }
    }
    impl Neg for Poly {
        type Output = Poly;
        fn neg(self) -> Poly {
            -&self
        }
    }
}

impl fmt::Display for Poly {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            return out.write_str("0");
        }
        let mut first = true;
        for (i, &c) in self.coeffs.iter().enumerate().rev() {
            if c == 0 {
                continue;
            }
            if !first {
                out.write_str(" + ")?;
            }
            first = false;
            let cs = self.field.format_element(c);
            let mono = match i {
                0 => String::new(),
                1 => "x".to_string(),
                _ => format!("x^{i}"),
            };
            match (i, c) {
                (0, _) => out.write_str(&cs)?,
                (_, 1) => out.write_str(&mono)?,
                _ if cs.contains(' ') => write!(out, "({cs})*{mono}")?,
                _ => write!(out, "{cs}*{mono}")?,
            }
        }
        Ok(())
    }
}

/// With the `serde` feature: a polynomial serializes as its display string.
#[cfg(feature = "serde")]
impl serde::Serialize for Poly {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// r[k] -= c * d[k] for k in 0..d.len() (r and d of equal length).
fn submul(f: &Field, r: &mut [u64], d: &[u64], c: u64) {
    f.axpy(r, f.neg(c), d);
}

/// The product of two coefficient slices (untrimmed length a + b - 1).
pub(crate) fn mul_slices(f: &Field, a: &[u64], b: &[u64]) -> Vec<u64> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    if f.q() == 2 {
        let mut v = Gf2Poly::from_bits(a).mul(&Gf2Poly::from_bits(b)).to_bits();
        v.resize(a.len() + b.len() - 1, 0);
        return v;
    }
    if f.is_prime_field() {
        let p = f.p() as u128;
        return (0..a.len() + b.len() - 1)
            .map(|k| {
                let lo = k.saturating_sub(b.len() - 1);
                let hi = k.min(a.len() - 1);
                let s: u128 = (lo..=hi).map(|i| (a[i] * b[k - i]) as u128).sum();
                (s % p) as u64
            })
            .collect();
    }
    let mut out = vec![0; a.len() + b.len() - 1];
    for (i, &x) in a.iter().enumerate() {
        f.axpy(&mut out[i..], x, b);
    }
    out
}

/// r mod d in place for monic d; r is truncated to below deg d (untrimmed).
pub(crate) fn rem_in_place(f: &Field, r: &mut Vec<u64>, d: &[u64]) {
    let dd = d.len() - 1;
    if f.q() == 2 && r.len() > dd {
        // d is nonzero (monic), so the division cannot fail.
        if let Ok(rem) = Gf2Poly::from_bits(r).rem(&Gf2Poly::from_bits(d)) {
            *r = rem.to_bits();
            return;
        }
    }
    if f.is_prime_field() && r.len() > dd {
        return rem_prime(f.p(), r, d);
    }
    for i in (dd..r.len()).rev() {
        let c = r[i];
        if c != 0 {
            submul(f, &mut r[i - dd..=i], d, c);
        }
    }
    r.truncate(dd.min(r.len()));
}

/// Prime-field reduction with lazy `u128` accumulators: each position receives fewer than
/// `r.len()` products below 2^62, so nothing overflows, and only the coefficient that is about
/// to be eliminated (and the final remainder) is reduced mod p.
fn rem_prime(p: u64, r: &mut Vec<u64>, d: &[u64]) {
    let dd = d.len() - 1;
    let mut acc: Vec<u128> = r.iter().map(|&v| v as u128).collect();
    for i in (dd..acc.len()).rev() {
        let c = (acc[i] % p as u128) as u64;
        if c != 0 {
            let nc = p - c;
            for (x, &y) in acc[i - dd..i].iter_mut().zip(d) {
                *x += (nc * y) as u128;
            }
        }
    }
    r.clear();
    r.extend(acc[..dd].iter().map(|&a| (a % p as u128) as u64));
}

/// Arithmetic modulo a fixed nonzero polynomial (made monic). Over GF(2) with degree >= 1
/// it delegates to [`Gf2Modulus`] (packed words, sparse or Barrett reduction).
pub(crate) struct Modulus {
    field: Field,
    m: Vec<u64>,
    gf2: Option<Gf2Modulus>,
}

impl Modulus {
    pub(crate) fn new(f: &Poly) -> Result<Modulus, PolyError> {
        if f.is_zero() {
            return Err(PolyError::DivisionByZero);
        }
        let m = f.monic().coeffs;
        // Gf2Modulus::new fails only for constants, which keep the general path.
        let gf2 = (f.field.q() == 2)
            .then(|| Gf2Modulus::new(&Gf2Poly::from_bits(&m)).ok())
            .flatten();
        Ok(Modulus {
            field: f.field.clone(),
            m,
            gf2,
        })
    }
    pub(crate) fn reduce(&self, mut v: Vec<u64>) -> Vec<u64> {
        if let Some(g) = &self.gf2 {
            return g.reduce(&Gf2Poly::from_bits(&v)).to_bits();
        }
        rem_in_place(&self.field, &mut v, &self.m);
        while v.last() == Some(&0) {
            v.pop();
        }
        v
    }
    pub(crate) fn mul(&self, a: &[u64], b: &[u64]) -> Vec<u64> {
        if let Some(g) = &self.gf2 {
            let (a, b) = (Gf2Poly::from_bits(a), Gf2Poly::from_bits(b));
            return g.mul_mod(&a, &b).to_bits();
        }
        self.reduce(mul_slices(&self.field, a, b))
    }
    pub(crate) fn square(&self, a: &[u64]) -> Vec<u64> {
        if let Some(g) = &self.gf2 {
            return g.square_mod(&Gf2Poly::from_bits(a)).to_bits();
        }
        self.mul(a, a)
    }
    pub(crate) fn field(&self) -> &Field {
        &self.field
    }
    /// base^e for a reduced base.
    pub(crate) fn pow(&self, base: &[u64], e: &BigUint) -> Vec<u64> {
        if let Some(g) = &self.gf2 {
            return g.pow_mod(&Gf2Poly::from_bits(base), e).to_bits();
        }
        let mut acc = self.reduce(vec![1]);
        for i in (0..e.bits()).rev() {
            acc = self.mul(&acc, &acc);
            if e.bit(i) {
                acc = self.mul(&acc, base);
            }
        }
        acc
    }
    pub(crate) fn mul_x(&self, mut a: Vec<u64>) -> Vec<u64> {
        if !a.is_empty() {
            a.insert(0, 0);
        }
        self.reduce(a)
    }
}

/// Parses an element of `field` (integer encoding or an expression in `a`).
pub(crate) fn parse_element(field: &Field, s: &str) -> Result<u64, FieldError> {
    Parser::new(field, s, false)
        .run()
        .map(|p| p.coeff(0))
        .map_err(|(column, message)| FieldError::Parse { column, message })
}

type ParseResult<T> = Result<T, (usize, String)>;

/// Recursive-descent parser: expr := [+-] term ([+-] term)*; term := factor ([*] factor)*;
/// factor := atom [(^ | **) int]; atom := int | x | X | a | ( expr ).
///
/// The `*` of a product may be left out before `x`, `X`, `a` and `(` (implicit
/// multiplication: `3x`, `2 x^2`, `ax`, `(a + 1)x`, `x(x + 1)`), never before a number
/// (`x 1` and `2 3` are errors, not products): a power binds tighter, so `3x^2` is
/// `3*(x^2)`.
struct Parser<'a> {
    field: &'a Field,
    chars: Vec<char>,
    pos: usize,
    allow_x: bool,
}

impl<'a> Parser<'a> {
    fn new(field: &'a Field, s: &str, allow_x: bool) -> Parser<'a> {
        Parser {
            field,
            chars: s.chars().collect(),
            pos: 0,
            allow_x,
        }
    }

    fn run(mut self) -> ParseResult<Poly> {
        if self.peek().is_none() {
            return Err((self.pos + 1, "empty input".into()));
        }
        let p = self.expr(0)?;
        match self.peek() {
            None => Ok(p),
            Some(c) => Err((self.pos + 1, format!("unexpected '{c}'"))),
        }
    }

    fn peek(&mut self) -> Option<char> {
        while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) {
            self.pos += 1;
        }
        self.chars.get(self.pos).copied()
    }

    fn expr(&mut self, depth: usize) -> ParseResult<Poly> {
        if depth > 64 {
            return Err((self.pos + 1, "parentheses nested too deeply".into()));
        }
        let mut neg = false;
        if let Some(c @ ('+' | '-')) = self.peek() {
            neg = c == '-';
            self.pos += 1;
        }
        let mut acc = Poly::zero(self.field);
        loop {
            let t = self.term(depth)?;
            // Every term is built over the parser's field, so the ring operations apply.
            acc = if neg { acc - t } else { acc + t };
            match self.peek() {
                Some(c @ ('+' | '-')) => {
                    neg = c == '-';
                    self.pos += 1;
                }
                _ => return Ok(acc),
            }
        }
    }

    fn term(&mut self, depth: usize) -> ParseResult<Poly> {
        let mut acc = self.factor(depth)?;
        loop {
            match self.peek() {
                // `**` was taken by `factor` as a power, so this is one `*`.
                Some('*') => self.pos += 1,
                // Implicit multiplication: `3x`, `2 x`, `a*x` as `ax`, `(a+1)x`, `x(x+1)`.
                Some('x' | 'X' | 'a' | '(') => {}
                _ => break,
            }
            let start = self.pos;
            let f = self.factor(depth)?;
            if acc.degree().unwrap_or(0) + f.degree().unwrap_or(0) > MAX_PARSE_DEGREE {
                return Err((start + 1, format!("degree above {MAX_PARSE_DEGREE}")));
            }
            acc = acc * f;
        }
        Ok(acc)
    }

    fn factor(&mut self, depth: usize) -> ParseResult<Poly> {
        let base = self.atom(depth)?;
        match self.peek() {
            Some('^') => self.pos += 1,
            Some('*') if self.chars.get(self.pos + 1) == Some(&'*') => self.pos += 2,
            _ => return Ok(base),
        }
        self.peek();
        let start = self.pos;
        let e = self.integer("an exponent")?;
        let too_big = (start + 1, format!("degree above {MAX_PARSE_DEGREE}"));
        let deg = base.degree().unwrap_or(0) as u64;
        if e > MAX_PARSE_DEGREE as u64 || deg * e > MAX_PARSE_DEGREE as u64 {
            return Err(too_big);
        }
        if base.degree() == Some(1) && base.coeffs == [0, 1] {
            return Ok(Poly::monomial(self.field, 1, e as usize));
        }
        let mut acc = Poly::one(self.field);
        for i in (0..64 - e.leading_zeros()).rev() {
            acc = mul_same(&acc, &acc);
            if e >> i & 1 == 1 {
                acc = mul_same(&acc, &base);
            }
        }
        Ok(acc)
    }

    fn atom(&mut self, depth: usize) -> ParseResult<Poly> {
        let next = self.peek();
        let col = self.pos + 1;
        match next {
            Some('(') => {
                self.pos += 1;
                let e = self.expr(depth + 1)?;
                if self.peek() != Some(')') {
                    return Err((self.pos + 1, "expected ')'".into()));
                }
                self.pos += 1;
                Ok(e)
            }
            Some('x' | 'X') if self.allow_x => {
                self.pos += 1;
                Ok(Poly::x(self.field))
            }
            Some('a') if !self.field.is_prime_field() => {
                self.pos += 1;
                Ok(Poly::from_vec(self.field, vec![self.field.p()]))
            }
            Some(c) if c.is_ascii_digit() => {
                let v = self.integer("a number")?;
                if !self.field.contains(v) {
                    return Err((col, format!("{v} is not an element of {}", self.field)));
                }
                Ok(Poly::from_vec(self.field, vec![v]))
            }
            Some('a') => Err((
                col,
                format!("{} has no generator `a` (a prime field)", self.field),
            )),
            Some('x' | 'X') => Err((col, "`x` cannot appear in a field element".into())),
            Some(c) => Err((col, format!("unexpected '{c}', expected a term"))),
            None => Err((col, "unexpected end of input, expected a term".into())),
        }
    }

    fn integer(&mut self, what: &str) -> ParseResult<u64> {
        let digit = self.peek().is_some_and(|c| c.is_ascii_digit());
        let col = self.pos + 1;
        if !digit {
            return Err((col, format!("expected {what}")));
        }
        let mut v: u64 = 0;
        while let Some(d) = self.chars.get(self.pos).and_then(|c| c.to_digit(10)) {
            v = v
                .checked_mul(10)
                .and_then(|v| v.checked_add(d as u64))
                .ok_or((col, "number too large".to_string()))?;
            self.pos += 1;
        }
        Ok(v)
    }
}

fn mul_same(a: &Poly, b: &Poly) -> Poly {
    Poly::from_vec(&a.field, mul_slices(&a.field, &a.coeffs, &b.coeffs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn gf(q: u64) -> Field {
        Field::new(q).unwrap()
    }
    fn poly(q: u64, c: &[u64]) -> Poly {
        Poly::new(&gf(q), c.to_vec()).unwrap()
    }
    fn parse_err(q: u64, s: &str) -> (usize, String) {
        match Poly::parse(&gf(q), s) {
            Err(PolyError::Parse { column, message }) => (column, message),
            other => panic!("{s:?} parsed as {other:?}"),
        }
    }

    #[test]
    fn display_sage_style() {
        assert_eq!(poly(3, &[2, 1, 2, 1]).to_string(), "x^3 + 2*x^2 + x + 2");
        assert_eq!(poly(2, &[1, 1, 0, 1, 1]).to_string(), "x^4 + x^3 + x + 1");
        assert_eq!(poly(2, &[]).to_string(), "0");
        assert_eq!(poly(2, &[1]).to_string(), "1");
        assert_eq!(poly(7, &[0, 1]).to_string(), "x");
        assert_eq!(poly(7, &[0, 0, 5]).to_string(), "5*x^2");
        assert_eq!(poly(4, &[2, 0, 3]).to_string(), "(a + 1)*x^2 + a");
        assert_eq!(poly(9, &[0, 6]).to_string(), "2*a*x");
        assert_eq!(poly(16, &[5, 0, 0, 4]).to_string(), "a^2*x^3 + a^2 + 1");
        assert_eq!(poly(25, &[0, 9, 1]).to_string(), "x^2 + (a + 4)*x");
    }

    #[test]
    fn parse_accepts_sage_text() {
        let cases: &[(u64, &str, &[u64])] = &[
            (2, "x^4+x+1", &[1, 1, 0, 0, 1]),
            (2, "  x^4 + x + 1 ", &[1, 1, 0, 0, 1]),
            (3, "x^3 + 2*x^2 + x + 2", &[2, 1, 2, 1]),
            (5, "x^4 - x - 1", &[4, 4, 0, 0, 1]),
            (5, "3*x*x + x*2*x", &[]),
            (3, "2*x*x", &[0, 0, 2]),
            (3, "(x+1)^2", &[1, 2, 1]),
            (9, "2*x^2 + (a + 1)*x + a", &[3, 4, 2]),
            (9, "2*a*x", &[0, 6]),
            (16, "a^2*x^3 + a^2 + 1", &[5, 0, 0, 4]),
            (4, "-x", &[0, 1]),
            (7, "0", &[]),
            (65521, "65520*x + 17", &[17, 65520]),
            // Python powers, upper-case X, implicit multiplication.
            (2, "x**4 + x + 1", &[1, 1, 0, 0, 1]),
            (2, "X^4+X+1", &[1, 1, 0, 0, 1]),
            (5, "x^4 + 3x + 1", &[1, 3, 0, 0, 1]),
            (5, "3 x^2", &[0, 0, 3]),
            (5, "2x**2*3", &[0, 0, 1]),
            (3, "x(x+1)", &[0, 1, 1]),
            (3, "(x+1)(x+2)", &[2, 0, 1]),
            (3, "(x + 1)x", &[0, 1, 1]),
            (9, "x^2 + (a+1)x + a", &[3, 4, 1]),
            (9, "x^2 + (a+1)*x + a", &[3, 4, 1]),
            (4, "ax + a", &[2, 2]),
            (4, "a x^2 + a^2", &[3, 0, 2]),
            (4, "2x", &[0, 2]),
            (5, "x ** 2", &[0, 0, 1]),
        ];
        for &(q, s, c) in cases {
            assert_eq!(Poly::parse(&gf(q), s).unwrap().coeffs(), c, "{s}");
        }
    }

    #[test]
    fn parse_errors_point_at_the_column() {
        assert_eq!(parse_err(2, "x^4 + # 1").0, 7);
        assert_eq!(parse_err(2, "x^").0, 3);
        assert_eq!(parse_err(2, "x^4 +").0, 6);
        assert_eq!(parse_err(2, "(x + 1").0, 7);
        assert_eq!(parse_err(2, "").0, 1);
        assert_eq!(parse_err(2, "   ").0, 4);
        assert_eq!(parse_err(2, "x 1").0, 3);
        assert_eq!(parse_err(2, "1 1").0, 3);
        assert_eq!(parse_err(2, "x* *2").0, 4);
        assert_eq!(parse_err(2, "x***2").0, 4);
        assert_eq!(parse_err(2, "x**").0, 4);
        assert_eq!(parse_err(5, "3x^").0, 4);
        assert_eq!(parse_err(3, "2x + ax").0, 6);
        assert_eq!(parse_err(9, "x^2 + (a+1)x + b").0, 16);
        assert_eq!(parse_err(2, "x^-1").0, 3);
        assert_eq!(
            parse_err(2, "a*x"),
            (1, "GF(2) has no generator `a` (a prime field)".into())
        );
        assert_eq!(parse_err(2, "x^99999999").0, 3);
        assert_eq!(parse_err(2, "99999999999999999999999").0, 1);
        assert_eq!(parse_err(2, "x + é").0, 5);
        let (col, msg) = parse_err(5, "x + 5");
        assert_eq!(col, 5);
        assert!(msg.contains("not an element of GF(5)"), "{msg}");
    }

    /// Runs `op`, which must panic with exactly `message`.
    fn assert_panics_with<T: std::fmt::Debug>(op: impl FnOnce() -> T, message: &str) {
        let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(op))
            .expect_err("the operation should panic");
        let got = err
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| err.downcast_ref::<&str>().copied());
        assert_eq!(got, Some(message));
    }

    #[test]
    fn typed_errors() {
        assert_eq!(
            Poly::new(&gf(5), vec![1, 5]),
            Err(PolyError::NotInField { value: 5, q: 5 })
        );
        let (a, b) = (poly(2, &[1, 1]), poly(3, &[1, 1]));
        // Mixing fields is a programmer error: every ring operation panics, naming both fields.
        let mismatch = PolyError::FieldMismatch { left: 2, right: 3 }.to_string();
        assert_panics_with(|| a.add(&b), &mismatch);
        assert_panics_with(|| a.mul(&b), &mismatch);
        assert_panics_with(|| a.gcd(&b), &mismatch);
        assert_panics_with(|| &a - &b, &mismatch);
        assert_panics_with(|| a.divrem(&b), &mismatch);
        let zero = Poly::zero(&gf(2));
        assert_eq!(a.divrem(&zero), Err(PolyError::DivisionByZero));
        assert_eq!(a.rem(&zero), Err(PolyError::DivisionByZero));
        assert_eq!(
            a.pow_mod(&BigUint::from(3u8), &zero),
            Err(PolyError::DivisionByZero)
        );
    }

    #[test]
    fn division_by_hand() {
        // (x + 2)(x^2 + 1) = x^3 + 2x^2 + x + 2 over GF(3)
        let (quot, rem) = poly(3, &[2, 1, 2, 1]).divrem(&poly(3, &[2, 1])).unwrap();
        assert_eq!((quot.coeffs(), rem.coeffs()), (&[1, 0, 1][..], &[][..]));
        // over GF(5): x^2 + 1 = (2x + 1)(3x + 1)
        let (quot, rem) = poly(5, &[1, 0, 1]).divrem(&poly(5, &[1, 2])).unwrap();
        assert_eq!((quot.coeffs(), rem.coeffs()), (&[1, 3][..], &[][..]));
        // x^3 = (x + 1)(x^2 + x) + x... over GF(2): x^3 mod (x^2 + x + 1) = 1
        assert!(poly(2, &[0, 0, 0, 1])
            .rem(&poly(2, &[1, 1, 1]))
            .unwrap()
            .is_one());
        // degree below divisor: quotient 0
        let (quot, rem) = poly(7, &[3]).divrem(&poly(7, &[0, 1])).unwrap();
        assert!(quot.is_zero());
        assert_eq!(rem.coeffs(), &[3]);
    }

    #[test]
    fn gcd_by_hand() {
        // (x+1)^2 (x^2+x+1) and (x+1)^2
        let g = poly(2, &[1, 1, 0, 1, 1]).gcd(&poly(2, &[1, 0, 1]));
        assert_eq!(g.coeffs(), &[1, 0, 1]);
        // over GF(3): gcd(2x + 2, x^2 - 1) = x + 1 (monic)
        let g = poly(3, &[2, 2]).gcd(&poly(3, &[2, 0, 1]));
        assert_eq!(g.coeffs(), &[1, 1]);
        assert!(poly(5, &[]).gcd(&poly(5, &[])).is_zero());
        assert!(poly(5, &[1, 1]).gcd(&poly(5, &[2, 1])).is_one());
    }

    #[test]
    fn powers_mod_primitive_polynomials() {
        // x^3 + x + 1 and x^4 + x + 1 are primitive: x has order 7 and 15
        for (c, order) in [(&[1u64, 1, 0, 1][..], 7u32), (&[1, 1, 0, 0, 1][..], 15)] {
            let f = poly(2, c);
            for e in 1..=order {
                let r = Poly::x_pow_mod(&BigUint::from(e), &f).unwrap();
                assert_eq!(r.is_one(), e == order, "e = {e}");
                assert_eq!(Poly::x(&gf(2)).pow_mod(&BigUint::from(e), &f).unwrap(), r);
            }
        }
        // (x + 1)^3 = x^3 + 1 in characteristic 3
        let r = poly(3, &[1, 1]).pow_mod(&BigUint::from(3u8), &poly(3, &[0, 0, 0, 0, 1]));
        assert_eq!(r.unwrap().coeffs(), &[1, 0, 0, 1]);
        // anything mod a constant is 0
        let r = poly(3, &[1, 1]).pow_mod(&BigUint::from(5u8), &poly(3, &[2]));
        assert!(r.unwrap().is_zero());
    }

    #[test]
    fn derivative_eval_monic_scale() {
        assert_eq!(poly(3, &[2, 1, 2, 1]).derivative().coeffs(), &[1, 1]);
        assert_eq!(poly(2, &[1, 1, 0, 1, 1]).derivative().coeffs(), &[1, 0, 1]);
        assert_eq!(poly(3, &[2, 1, 2, 1]).eval(1), 0);
        assert_eq!(poly(3, &[2, 1, 2, 1]).eval(0), 2);
        assert_eq!(poly(4, &[1, 1, 1]).eval(2), 0); // a^2 + a + 1 = 0
        assert_eq!(poly(5, &[1, 2]).monic().coeffs(), &[3, 1]);
        assert_eq!(poly(5, &[1, 2]).scale(3).coeffs(), &[3, 1]);
        assert!(poly(5, &[1, 2]).scale(0).is_zero());
        let p = poly(4, &[2, 3]);
        assert_eq!((p.degree(), p.leading(), p.coeff(7)), (Some(1), 3, 0));
        assert!(!p.is_monic());
        assert_eq!(Poly::monomial(&gf(4), 3, 2).coeffs(), &[0, 0, 3]);
    }

    #[test]
    #[cfg(feature = "serde")]
    fn serializes_as_display_string() {
        let json = serde_json::to_string(&poly(4, &[2, 0, 3])).unwrap();
        assert_eq!(json, "\"(a + 1)*x^2 + a\"");
    }

    const QS: [u64; 11] = [2, 3, 4, 5, 7, 8, 9, 16, 25, 251, 65521];

    fn random_poly(qi: usize, raw: &[u64]) -> Poly {
        let f = gf(QS[qi]);
        Poly::new(&f, raw.iter().map(|r| r % f.q()).collect()).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn display_parse_round_trip(qi in 0..QS.len(), raw in prop::collection::vec(any::<u64>(), 0..12)) {
            let p = random_poly(qi, &raw);
            prop_assert_eq!(Poly::parse(p.field(), &p.to_string()).unwrap(), p);
        }

        #[test]
        fn parser_never_panics(qi in 0..QS.len(), s in "\\PC{0,24}") {
            check_parse_total(QS[qi], &s);
        }

        #[test]
        fn parser_never_panics_on_near_misses(qi in 0..QS.len(), s in "[xXa0-9+*^() -]{0,24}") {
            check_parse_total(QS[qi], &s);
        }

        /// Every spelling the parser accepts of a polynomial gives the same `Poly` as its
        /// canonical (printed) form: `**` for `^`, `X` for `x`, the `*` left out before `x`,
        /// `a` and `(`, spaces added around operators.
        #[test]
        fn every_spelling_parses_to_the_canonical_poly(
            qi in 0..QS.len(),
            raw in prop::collection::vec(any::<u64>(), 0..10),
            choices in prop::collection::vec(0u8..4, 4),
        ) {
            let p = random_poly(qi, &raw);
            let canonical = p.to_string();
            let mut s = canonical.clone();
            if choices[0] & 1 == 1 {
                s = s.replace('^', "**");
            }
            if choices[0] & 2 == 2 {
                s = s.replace('x', "X");
            }
            if choices[1] & 1 == 1 {
                s = s.replace("*x", "x").replace("*X", "X").replace("*a", "a").replace("*(", "(");
            }
            if choices[1] & 2 == 2 {
                // `**` must stay one token: spaces only around + and the variables.
                s = s.replace(" + ", "  +  ").replace('x', " x ").replace('X', " X ");
            }
            if choices[2] & 1 == 1 {
                s = format!("  {s}\t");
            }
            prop_assert_eq!(Poly::parse(p.field(), &s).unwrap(), p, "{} as {:?}", canonical, s);
        }

        #[test]
        fn ring_laws_and_division(
            qi in 0..QS.len(),
            a in prop::collection::vec(any::<u64>(), 0..10),
            b in prop::collection::vec(any::<u64>(), 1..8),
            c in prop::collection::vec(any::<u64>(), 0..6),
        ) {
            let (a, b, c) = (random_poly(qi, &a), random_poly(qi, &b), random_poly(qi, &c));
            let ab = a.mul(&b);
            prop_assert_eq!(&ab, &b.mul(&a));
            prop_assert_eq!(
                a.mul(&b.add(&c)),
                ab.add(&a.mul(&c))
            );
            prop_assert_eq!(a.add(&b).sub(&b), a.clone());
            // evaluation is a ring homomorphism
            let x = 3 % QS[qi];
            let f = a.field().clone();
            prop_assert_eq!(ab.eval(x), f.mul(a.eval(x), b.eval(x)));
            if !b.is_zero() {
                let (quot, rem) = a.divrem(&b).unwrap();
                prop_assert!(rem.degree() < b.degree());
                prop_assert_eq!(quot.mul(&b).add(&rem), a.clone());
                prop_assert_eq!(a.rem(&b).unwrap(), rem);
            }
            let (g, s, t) = a.xgcd(&b);
            prop_assert_eq!(s.mul(&a).add(&t.mul(&b)), g.clone());
            prop_assert_eq!(&g, &a.gcd(&b));
            if !g.is_zero() {
                prop_assert!(g.is_monic());
                prop_assert!(a.rem(&g).unwrap().is_zero() && b.rem(&g).unwrap().is_zero());
            }
        }

        #[test]
        fn fast_paths_match_schoolbook(
            qi in 0..QS.len(),
            a in prop::collection::vec(any::<u64>(), 0..150),
            b in prop::collection::vec(any::<u64>(), 1..80),
        ) {
            let (a, b) = (random_poly(qi, &a), random_poly(qi, &b));
            prop_assume!(!b.is_zero());
            let f = a.field().clone();
            let prod = Poly::new(&f, naive_mul(&f, a.coeffs(), b.coeffs())).unwrap();
            prop_assert_eq!(a.mul(&b), prod);
            let (quot, rem) = naive_divrem(&f, a.coeffs(), b.coeffs());
            let (quot, rem) = (Poly::new(&f, quot).unwrap(), Poly::new(&f, rem).unwrap());
            prop_assert_eq!(a.divrem(&b).unwrap(), (quot, rem.clone()));
            prop_assert_eq!(a.rem(&b).unwrap(), rem);
        }

        #[test]
        fn pow_mod_matches_repeated_multiplication(
            qi in 0..QS.len(),
            a in prop::collection::vec(any::<u64>(), 0..140),
            m in prop::collection::vec(any::<u64>(), 2..140),
            e in 0u32..40,
        ) {
            let (a, m) = (random_poly(qi, &a), random_poly(qi, &m));
            prop_assume!(!m.is_zero());
            let mut slow = Poly::one(a.field()).rem(&m).unwrap();
            for _ in 0..e {
                slow = slow.mul(&a).rem(&m).unwrap();
            }
            prop_assert_eq!(a.pow_mod(&BigUint::from(e), &m).unwrap(), slow.clone());
            let x = Poly::x(a.field());
            let mut xs = Poly::one(a.field()).rem(&m).unwrap();
            for _ in 0..e {
                xs = xs.mul(&x).rem(&m).unwrap();
            }
            prop_assert_eq!(Poly::x_pow_mod(&BigUint::from(e), &m).unwrap(), xs);
        }
    }

    /// Schoolbook product and long division with scalar field operations only: an oracle
    /// for the packed GF(2) and lazy prime-field fast paths.
    fn naive_mul(f: &Field, a: &[u64], b: &[u64]) -> Vec<u64> {
        let mut out = vec![0; (a.len() + b.len()).saturating_sub(1)];
        for (i, &x) in a.iter().enumerate() {
            for (j, &y) in b.iter().enumerate() {
                out[i + j] = f.add(out[i + j], f.mul(x, y));
            }
        }
        out
    }

    fn naive_divrem(f: &Field, a: &[u64], d: &[u64]) -> (Vec<u64>, Vec<u64>) {
        let mut r = a.to_vec();
        let dd = d.len() - 1;
        let inv = f.inv(d[dd]).unwrap();
        let mut quot = vec![0; a.len().saturating_sub(dd)];
        for i in (dd..r.len()).rev() {
            let c = f.mul(r[i], inv);
            quot[i - dd] = c;
            for j in 0..=dd {
                r[i - dd + j] = f.sub(r[i - dd + j], f.mul(c, d[j]));
            }
        }
        r.truncate(dd);
        (quot, r)
    }

    fn check_parse_total(q: u64, s: &str) {
        match Poly::parse(&gf(q), s) {
            Ok(p) => assert!(p.coeffs().iter().all(|&c| c < q)),
            Err(PolyError::Parse { column, .. }) => {
                assert!(
                    (1..=s.chars().count() + 1).contains(&column),
                    "{s:?} -> {column}"
                )
            }
            Err(e) => panic!("unexpected error {e:?} for {s:?}"),
        }
    }
}
