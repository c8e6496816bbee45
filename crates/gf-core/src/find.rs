//! Finding monic irreducible and primitive polynomials of a given degree: in order, with a
//! given number of terms, or at random.
//!
//! # The order
//!
//! [`Search::ascending`] lists the polynomials in the order of galois' `irreducible_polys`,
//! `primitive_polys` and `primitive_poly(q, d)` (its default `method="min"`): a monic
//! `f = x^d + c_{d-1} x^{d-1} + ... + c_0` stands for the integer `q^d + sum c_i q^i`, each
//! coefficient in its integer encoding (for GF(p^n), `sum a_j p^j` for `sum a_j a^j` over the
//! Conway polynomial, galois' default modulus too), and smaller integers come first. So the
//! coefficients are compared from the top: `x^4 + x + 1` comes before `x^4 + x^3 + 1`. With a
//! number of terms (a weight, [`Search::weight`]) the order is the same, restricted to the
//! polynomials with exactly that many nonzero coefficients (galois' `terms=`): the lowest
//! trinomial `x^d + x^k + 1` is the one with the least `k`.
//!
//! # The test
//!
//! Each candidate first goes through a cheap filter: `gcd(x^(q^j) - x, f) = 1` for
//! `j = 1 ..= min(8, d/2)` (no root, no irreducible factor of degree at most 8: the distinct-
//! degree split stopped early), which rejects most reducible candidates after a few
//! Frobenius steps; the survivors get the full test, [`is_irreducible`] or [`is_primitive`].
//! For primitivity, `q^d - 1` is factored once, before the first candidate ([`Search::ready`];
//! [`FindError::Factor`] if it cannot be).
//!
//! # Impossible requests
//!
//! Some requests are answered by a theorem instead of a search ([`Impossible`]): over GF(2)
//! a polynomial of degree `d > 1` with an even number of terms has the root 1; by Swan's
//! theorem no trinomial of degree `d = 0 mod 8` over GF(2) is irreducible; `x^d` (one term)
//! is reducible for `d > 1`, and `x` is not primitive.
//!
//! ```
//! use gf_core::find::{Property, Search};
//! use gf_core::Field;
//!
//! let gf2 = Field::new(2)?;
//! let first: Vec<String> = Search::new(&gf2, 4, Property::Primitive)?
//!     .ascending()
//!     .map(|f| f.map(|f| f.to_string()))
//!     .collect::<Result<_, _>>()?;
//! assert_eq!(first, ["x^4 + x + 1", "x^4 + x^3 + 1"]); // galois.primitive_polys(2, 4)
//!
//! // The least primitive pentanomial of degree 8, and a reproducible random one.
//! let penta = Search::new(&gf2, 8, Property::Primitive)?.weight(5)?;
//! assert_eq!(penta.ascending().next().unwrap()?.to_string(), "x^8 + x^4 + x^3 + x^2 + 1");
//! let r = penta.random(7).next().unwrap()?;
//! assert_eq!(penta.random(7).next().unwrap()?, r);
//!
//! // No trinomial of degree 1000 over GF(2) is irreducible (Swan): an error, not a search.
//! assert!(Search::new(&gf2, 1000, Property::Irreducible)?.weight(3).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use num_bigint::BigUint;

use crate::factor::is_irreducible;
use crate::field::Field;
use crate::integer::{factor_pm1, IntFactorError};
use crate::order::{is_primitive, OrderError};
use crate::poly::Poly;
use crate::splitmix::SplitMix;

/// What the polynomials must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Property {
    /// Irreducible over GF(q).
    Irreducible,
    /// Primitive: irreducible, and `x` has order `q^d - 1` modulo it.
    Primitive,
}

impl fmt::Display for Property {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Property::Irreducible => "irreducible",
            Property::Primitive => "primitive",
        })
    }
}

/// A request that a theorem answers: no polynomial has the property.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Impossible {
    /// Over GF(2), `f` with an even number of terms has `f(1) = 0`, so `x + 1` divides it.
    #[error(
        "over GF(2) a polynomial with an even number of terms ({weight}) has the root 1, so \
         none of degree {degree} > 1 is irreducible"
    )]
    EvenWeight {
        /// The requested number of terms.
        weight: usize,
        /// The degree.
        degree: usize,
    },
    /// Swan's theorem (1962): for `d` a multiple of 8, every trinomial `x^d + x^k + 1` over
    /// GF(2) has an even number of irreducible factors.
    #[error(
        "no trinomial of degree {degree} over GF(2) is irreducible: by Swan's theorem (R. G. \
         Swan, 1962), for a degree that is a multiple of 8 every trinomial x^{degree} + x^k + 1 \
         has an even number of irreducible factors"
    )]
    Swan {
        /// The degree (a multiple of 8).
        degree: usize,
    },
    /// One term: `x^d`, divisible by `x`, is reducible for `d > 1`.
    #[error("the only monic polynomial of one term is x^{degree}, which x divides")]
    Monomial {
        /// The degree (at least 2).
        degree: usize,
    },
    /// One term, degree 1: `x` is irreducible but has no order, so it is not primitive.
    #[error("the only monic polynomial of one term and degree 1 is x, which is not primitive")]
    XNotPrimitive,
}

/// Why a search could not be made or could not go on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FindError {
    /// The degree must be at least 1.
    #[error("the degree must be at least 1")]
    Degree,
    /// A number of terms outside `1..=degree + 1`.
    #[error("a polynomial of degree {degree} has 1 to {} terms, not {weight}", degree + 1)]
    Weight {
        /// The requested number of terms.
        weight: usize,
        /// The degree.
        degree: usize,
    },
    /// No polynomial has the property, by a theorem.
    #[error(transparent)]
    Impossible(#[from] Impossible),
    /// Primitivity needs the factorization of `q^d - 1`, which could not be made.
    #[error("cannot test primitivity: {0}")]
    Factor(#[from] IntFactorError),
    /// A random search gave up: so many random candidates failed that there may be none.
    #[error(
        "none of {tried} random candidates is {property}; there may be none (list them in \
         order to be sure)"
    )]
    GaveUp {
        /// Candidates tried.
        tried: u64,
        /// The property sought.
        property: Property,
    },
    /// An order computation failed unexpectedly (a bug: the factorization was checked).
    #[error("order test failed: {0}")]
    Order(String),
}

/// A search for monic polynomials of one degree over one field with a property, optionally
/// with a fixed number of terms. See the [module documentation](self) for the order.
///
/// ```
/// use gf_core::find::{Property, Search};
/// use gf_core::Field;
///
/// // galois.primitive_polys(4, 2)[:2] over GF(4) = GF(2)[a]/(a^2 + a + 1).
/// let gf4 = Field::new(4)?;
/// let s = Search::new(&gf4, 2, Property::Primitive)?;
/// let two: Vec<String> = s.ascending().take(2).map(|f| f.map(|f| f.to_string())).collect::<Result<_, _>>()?;
/// assert_eq!(two, ["x^2 + x + a", "x^2 + x + a + 1"]);
/// // Monic, c0 != 0: 3 * 4 candidates; phi(15)/2 = 4 of them primitive.
/// assert_eq!(s.candidates(), 12u32.into());
/// assert_eq!(s.ascending().count(), 4);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Search {
    field: Field,
    degree: usize,
    property: Property,
    weight: Option<usize>,
}

/// The early-stop distinct-degree filter goes up to this factor degree.
const FILTER_DEGREE: usize = 8;

/// Random candidates tried before [`FindError::GaveUp`], per unit of degree (the density of
/// irreducible polynomials is about `1/d`, of primitive ones at least about `1/(6 d ln ln q^d)`
/// for q^d beyond tiny; far more failures mean there are probably none).
const RANDOM_TRIES_PER_DEGREE: u64 = 2000;

/// A random search over at most this many candidates lists them all first instead of
/// sampling blindly, so that it can tell when there are none.
const SMALL_SPACE: u64 = 4096;

impl Search {
    /// Monic polynomials of `degree` over `field` that have `property`, any number of terms.
    ///
    /// # Errors
    /// [`FindError::Degree`] for degree 0.
    pub fn new(field: &Field, degree: usize, property: Property) -> Result<Search, FindError> {
        if degree == 0 {
            return Err(FindError::Degree);
        }
        Ok(Search {
            field: field.clone(),
            degree,
            property,
            weight: None,
        })
    }

    /// Only the polynomials with exactly `weight` nonzero coefficients (the leading 1
    /// included): 3 for trinomials, 5 for pentanomials.
    ///
    /// # Errors
    /// [`FindError::Weight`] outside `1..=degree + 1`; [`FindError::Impossible`] when a
    /// theorem says none exist (see the [module documentation](self)).
    pub fn weight(mut self, weight: usize) -> Result<Search, FindError> {
        let d = self.degree;
        if weight == 0 || weight > d + 1 {
            return Err(FindError::Weight { weight, degree: d });
        }
        if weight == 1 && d > 1 {
            return Err(Impossible::Monomial { degree: d }.into());
        }
        if weight == 1 && self.property == Property::Primitive {
            return Err(Impossible::XNotPrimitive.into());
        }
        if self.field.q() == 2 && d > 1 {
            if weight % 2 == 0 {
                return Err(Impossible::EvenWeight { weight, degree: d }.into());
            }
            if weight == 3 && d % 8 == 0 {
                return Err(Impossible::Swan { degree: d }.into());
            }
        }
        self.weight = Some(weight);
        Ok(self)
    }

    /// Checks that the tests can be made: for [`Property::Primitive`], factors `q^d - 1`
    /// (cached for the process, so the tests then find it at once). The first step of a
    /// search calls it too; call it first to report the problem before any output.
    ///
    /// # Errors
    /// [`FindError::Factor`] when `q^d - 1` cannot be factored.
    pub fn ready(&self) -> Result<(), FindError> {
        if self.property == Property::Primitive {
            let m = u64::from(self.field.n()) * self.degree as u64;
            factor_pm1(self.field.p(), m)?;
        }
        Ok(())
    }

    /// The field.
    pub fn field(&self) -> &Field {
        &self.field
    }

    /// The degree.
    pub fn degree(&self) -> usize {
        self.degree
    }

    /// The property.
    pub fn property(&self) -> Property {
        self.property
    }

    /// The number of terms, if fixed.
    pub fn weight_fixed(&self) -> Option<usize> {
        self.weight
    }

    /// The range of `c_0` among the candidates: `0..q` only for degree 1 (where `x` is
    /// irreducible), else `1..q`; one term means `x` alone.
    fn c0_range(&self) -> (u64, u64) {
        let q = self.field.q();
        match (self.degree, self.weight) {
            (1, None) => (0, q),
            (1, Some(1)) => (0, 1),
            _ => (1, q),
        }
    }

    /// How many nonzero coefficients `c_1 .. c_{d-1}` have, if fixed.
    fn middle_nonzero(&self) -> Option<usize> {
        self.weight.map(|w| w.saturating_sub(2))
    }

    /// The number of candidates the search goes through: monic, of the degree, with the
    /// weight, and with `c_0 != 0` for degree above 1.
    pub fn candidates(&self) -> BigUint {
        let q = BigUint::from(self.field.q());
        let (lo, hi) = self.c0_range();
        let middle = self.degree - 1;
        let rest = match self.middle_nonzero() {
            None => q.pow(middle as u32),
            Some(k) => binomial(middle, k) * (q - 1u32).pow(k as u32),
        };
        rest * (hi - lo)
    }

    /// Whether `f` (monic of the search's degree) has the property. The filter and the test
    /// of the [module documentation](self); it does not check the weight.
    ///
    /// # Errors
    /// [`FindError::Order`] if the order test fails (it should not: the factorization of
    /// `q^d - 1` was made when the search was).
    pub fn test(&self, f: &Poly) -> Result<bool, FindError> {
        let d = self.degree;
        if f.degree() != Some(d) {
            return Ok(false);
        }
        if d > 1 && (f.coeff(0) == 0 || has_small_factor(f, FILTER_DEGREE.min(d / 2))) {
            return Ok(false);
        }
        match self.property {
            Property::Irreducible => Ok(is_irreducible(f)),
            Property::Primitive => is_primitive(f).map_err(|e| match e {
                OrderError::Factor(e) => FindError::Factor(e),
                e => FindError::Order(e.to_string()),
            }),
        }
    }

    /// Every polynomial with the property, in galois' order (the [module documentation](self)),
    /// lazily: each is found when asked for.
    pub fn ascending(&self) -> Ascending {
        let (lo, _) = self.c0_range();
        let middle = Middle::first(self.degree - 1, self.field.q(), self.middle_nonzero());
        Ascending {
            search: self.clone(),
            next: middle.map(|m| (m, lo)),
            tested: 0,
        }
    }

    /// An endless stream of independent, uniformly random polynomials with the property
    /// (among those of the weight, if fixed), reproducible from `seed`.
    ///
    /// Uniform candidates are drawn (`c_0` and the other coefficients uniformly; with a
    /// weight, the positions of the nonzero middle terms uniformly, then their values) and
    /// tested; the first that passes is the sample, so every polynomial with the property is
    /// equally likely. When there are at most 4096 candidates they are all tested first and
    /// the samples drawn from those that pass (an empty list is an error, not an endless
    /// search); otherwise the stream yields [`FindError::GaveUp`] after `2000 d` failures in
    /// a row.
    pub fn random(&self, seed: u64) -> Random {
        Random {
            search: self.clone(),
            rng: SplitMix(seed),
            small: None,
            tested: 0,
            failures: 0,
            small_space: self.candidates() <= BigUint::from(SMALL_SPACE),
        }
    }

    /// The monic polynomial with `c_0` and the middle coefficients `c_1 .. c_{d-1}`.
    fn poly(&self, c0: u64, middle: &[u64]) -> Poly {
        let mut c = Vec::with_capacity(self.degree + 1);
        c.push(c0);
        c.extend_from_slice(middle);
        c.push(1);
        Poly::from_vec(&self.field, c)
    }
}

/// Whether `f` has an irreducible factor of degree `1..=k`: `gcd(x^(q^j) - x, f) != 1` for
/// some `j <= k` (`f` of degree above `2k` or so; the caller bounds `k` by `d / 2`).
fn has_small_factor(f: &Poly, k: usize) -> bool {
    let field = f.field();
    let q = BigUint::from(field.q());
    let x = Poly::x(field);
    let mut h = x.clone();
    for _ in 0..k {
        h = match h.pow_mod(&q, f) {
            Ok(h) => h,
            Err(_) => return false,
        };
        if !(&h - &x).gcd(f).is_one() {
            return true;
        }
    }
    false
}

/// `n choose k` exactly.
fn binomial(n: usize, k: usize) -> BigUint {
    if k > n {
        return BigUint::from(0u32);
    }
    let mut r = BigUint::from(1u32);
    for i in 0..k {
        r = r * (n - i) / (i + 1);
    }
    r
}

/// The middle coefficients `c_1 .. c_{d-1}` as base-q digits, low first, optionally with a
/// fixed number of nonzero digits, stepped in increasing order of `sum c_i q^i`.
#[derive(Debug, Clone)]
struct Middle {
    digits: Vec<u64>,
    q: u64,
    nonzero: Option<usize>,
}

impl Middle {
    /// The least value, or `None` if there is none (more nonzero digits than digits).
    fn first(len: usize, q: u64, nonzero: Option<usize>) -> Option<Middle> {
        let mut digits = vec![0; len];
        if let Some(k) = nonzero {
            if k > len {
                return None;
            }
            digits[..k].iter_mut().for_each(|d| *d = 1);
        }
        Some(Middle { digits, q, nonzero })
    }

    /// Steps to the next value; `false` (and the digits unspecified) when there is none.
    fn advance(&mut self) -> bool {
        if !self.increment_from(0) {
            return false;
        }
        let Some(k) = self.nonzero else {
            return true;
        };
        loop {
            let nz = self.digits.iter().filter(|&&d| d != 0).count();
            if nz == k {
                return true;
            }
            if nz < k {
                // The least value not below this one with k nonzero digits: the lowest zero
                // digits become 1 (see the proof in the tests' comment on `middle_order`).
                let mut missing = k - nz;
                for d in self.digits.iter_mut().filter(|d| **d == 0) {
                    if missing == 0 {
                        break;
                    }
                    *d = 1;
                    missing -= 1;
                }
                return true;
            }
            // Too many: every value below the next multiple of q^(i+1), i the lowest nonzero
            // digit, keeps the digits above i, so has too many too; skip there.
            let i = self.digits.iter().position(|&d| d != 0).unwrap_or(0);
            self.digits[..=i].iter_mut().for_each(|d| *d = 0);
            if !self.increment_from(i + 1) {
                return false;
            }
        }
    }

    /// Adds `q^from`; `false` on overflow past the last digit.
    fn increment_from(&mut self, from: usize) -> bool {
        for d in self.digits.iter_mut().skip(from) {
            *d += 1;
            if *d < self.q {
                return true;
            }
            *d = 0;
        }
        false
    }
}

/// The polynomials with the property in ascending order ([`Search::ascending`]).
#[derive(Debug, Clone)]
pub struct Ascending {
    search: Search,
    /// The next candidate: middle digits and `c_0`; `None` when exhausted.
    next: Option<(Middle, u64)>,
    tested: u64,
}

impl Ascending {
    /// How many candidates have been tested so far (for progress reports).
    pub fn tested(&self) -> u64 {
        self.tested
    }

    /// The next candidate in order, whatever its property; `None` when exhausted.
    fn next_candidate(&mut self) -> Option<Poly> {
        let (lo, hi) = self.search.c0_range();
        let (middle, c0) = self.next.as_mut()?;
        let f = self.search.poly(*c0, &middle.digits);
        *c0 += 1;
        if *c0 == hi {
            *c0 = lo;
            if !middle.advance() {
                self.next = None;
            }
        }
        Some(f)
    }
}

impl Ascending {
    /// Tests one candidate: `Some(Ok(Some(f)))` if it has the property, `Some(Ok(None))` if
    /// not, `None` when every candidate has been tested. For callers that report progress
    /// between finds; the iterator is this, repeated.
    pub fn step(&mut self) -> Option<Result<Option<Poly>, FindError>> {
        if self.tested == 0 && self.next.is_some() {
            if let Err(e) = self.search.ready() {
                self.next = None;
                return Some(Err(e));
            }
        }
        let f = self.next_candidate()?;
        self.tested += 1;
        Some(match self.search.test(&f) {
            Ok(true) => Ok(Some(f)),
            Ok(false) => Ok(None),
            Err(e) => {
                self.next = None;
                Err(e)
            }
        })
    }
}

impl Iterator for Ascending {
    type Item = Result<Poly, FindError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.step()? {
                Ok(Some(f)) => return Some(Ok(f)),
                Ok(None) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// Random polynomials with the property ([`Search::random`]).
#[derive(Debug, Clone)]
pub struct Random {
    search: Search,
    rng: SplitMix,
    /// For small candidate spaces: every polynomial with the property, found in order.
    small: Option<Vec<Poly>>,
    tested: u64,
    /// Candidates that failed since the last success.
    failures: u64,
    /// At most [`SMALL_SPACE`] candidates: tested whole first.
    small_space: bool,
}

impl Random {
    /// How many candidates have been tested so far (for progress reports).
    pub fn tested(&self) -> u64 {
        self.tested
    }

    /// A uniform candidate.
    fn candidate(&mut self) -> Poly {
        let s = &self.search;
        let q = s.field.q();
        let (lo, hi) = s.c0_range();
        let c0 = lo + self.rng.below(hi - lo);
        let len = s.degree - 1;
        let mut middle = vec![0; len];
        match s.middle_nonzero() {
            None => middle.iter_mut().for_each(|c| *c = self.rng.below(q)),
            Some(k) => {
                // A uniform k-subset of the positions (a partial Fisher-Yates shuffle).
                let mut positions: Vec<usize> = (0..len).collect();
                for i in 0..k {
                    let j = i + self.rng.below((len - i) as u64) as usize;
                    positions.swap(i, j);
                    middle[positions[i]] = 1 + self.rng.below(q - 1);
                }
            }
        }
        s.poly(c0, &middle)
    }
}

impl Random {
    /// Tests one candidate, as [`Ascending::step`] (the stream never ends, so never `None`;
    /// a small candidate space is tested whole in the first step).
    pub fn step(&mut self) -> Option<Result<Option<Poly>, FindError>> {
        let property = self.search.property;
        if self.tested == 0 {
            if let Err(e) = self.search.ready() {
                return Some(Err(e));
            }
        }
        if self.small.is_none() && self.small_space {
            let mut all = self.search.ascending();
            let found: Result<Vec<Poly>, FindError> = all.by_ref().collect();
            self.tested += all.tested();
            match found {
                Ok(v) => self.small = Some(v),
                Err(e) => return Some(Err(e)),
            }
        }
        if let Some(all) = &self.small {
            if all.is_empty() {
                let tried = self.tested;
                return Some(Err(FindError::GaveUp { tried, property }));
            }
            let i = self.rng.below(all.len() as u64) as usize;
            return Some(Ok(Some(all[i].clone())));
        }
        let limit = RANDOM_TRIES_PER_DEGREE * self.search.degree as u64;
        if self.failures == limit {
            return Some(Err(FindError::GaveUp {
                tried: limit,
                property,
            }));
        }
        let f = self.candidate();
        self.tested += 1;
        Some(match self.search.test(&f) {
            Ok(true) => {
                self.failures = 0;
                Ok(Some(f))
            }
            Ok(false) => {
                self.failures += 1;
                Ok(None)
            }
            Err(e) => Err(e),
        })
    }
}

impl Iterator for Random {
    type Item = Result<Poly, FindError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.step()? {
                Ok(Some(f)) => return Some(Ok(f)),
                Ok(None) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Middle` steps through exactly the values with k nonzero digits, in increasing order:
    /// checked against filtering all q^len values. (Why raising the lowest zero digits gives
    /// the least value not below: a value between keeps the digits above the highest raised
    /// position, and below it the old digits have too few positions left to reach k.)
    #[test]
    fn middle_order() {
        for q in [2u64, 3, 4] {
            for len in 0..=6usize {
                let all: Vec<Vec<u64>> = (0..q.pow(len as u32))
                    .map(|mut v| {
                        (0..len)
                            .map(|_| {
                                let d = v % q;
                                v /= q;
                                d
                            })
                            .collect()
                    })
                    .collect();
                for k in 0..=len + 1 {
                    let want: Vec<&Vec<u64>> = all
                        .iter()
                        .filter(|d| d.iter().filter(|&&x| x != 0).count() == k)
                        .collect();
                    let mut got = Vec::new();
                    if let Some(mut m) = Middle::first(len, q, Some(k)) {
                        loop {
                            got.push(m.digits.clone());
                            if !m.advance() {
                                break;
                            }
                        }
                    }
                    assert_eq!(
                        got.iter().collect::<Vec<_>>(),
                        want,
                        "q={q} len={len} k={k}"
                    );
                }
                let mut m = Middle::first(len, q, None).unwrap();
                let mut n = 1;
                while m.advance() {
                    n += 1;
                }
                assert_eq!(n, all.len());
            }
        }
    }

    #[test]
    fn below_is_in_range_and_reaches_every_value() {
        let mut r = SplitMix(1);
        for n in [1u64, 2, 3, 7, 1 << 40, u64::MAX] {
            for _ in 0..100 {
                assert!(r.below(n) < n);
            }
        }
        let mut seen = [false; 5];
        for _ in 0..200 {
            seen[r.below(5) as usize] = true;
        }
        assert!(seen.iter().all(|&s| s));
    }

    #[test]
    fn binomials() {
        assert_eq!(binomial(5, 2), BigUint::from(10u32));
        assert_eq!(binomial(999, 1), BigUint::from(999u32));
        assert_eq!(binomial(3, 4), BigUint::from(0u32));
    }
}
