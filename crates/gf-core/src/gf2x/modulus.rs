//! Arithmetic modulo a fixed GF(2) polynomial f of degree n >= 1, with the reduction chosen
//! once from the shape of f: word shifts for sparse f (weight <= 5), Barrett reduction with
//! a precomputed inverse for dense f.

use num_bigint::BigUint;

use super::clmul::Backend;
use super::{degree, mul, shr_words, trim, truncate_bits, Gf2Error, Gf2Poly};

/// How a [`Gf2Modulus`] reduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reduction {
    /// Sparse for weight <= [`Reduction::SPARSE_WEIGHT`], Barrett above.
    Auto,
    /// By shifts: each word above x^n folds down once per nonzero term of f below x^n,
    /// O(weight * n / 64) per reduction. Correct for any f; fast for sparse ones.
    Sparse,
    /// Barrett: q = ((a div x^n) mu) div x^(n-1) with mu = x^(2n-1) div f, then
    /// r = a + q f mod x^n; two multiplications. Exact for polynomials (no correction step).
    Barrett,
}

impl Reduction {
    /// The largest weight of f (terms, x^n included) for which [`Reduction::Auto`] reduces
    /// by shifts: trinomials and pentanomials.
    pub const SPARSE_WEIGHT: usize = 5;
}

#[derive(Clone, Debug)]
enum Kind {
    /// The exponents of f below n, descending.
    Sparse(Vec<usize>),
    /// mu = x^(2n-1) div f (degree n - 1).
    Barrett(Vec<u64>),
}

/// A fixed modulus f over GF(2) (degree n >= 1) with what its reductions need precomputed.
///
/// Every operation accepts operands of any degree and returns the reduced result
/// (degree < n).
///
/// ```
/// use gf_core::gf2x::{Gf2Modulus, Gf2Poly};
/// use num_bigint::BigUint;
///
/// // x^127 + x + 1 is primitive, so x^(2^127) = x modulo it (x generates a field of 2^127).
/// let m = Gf2Modulus::new(&Gf2Poly::from_exponents(&[127, 1, 0]))?;
/// assert!(m.is_sparse());
/// assert_eq!(m.square_mod_n(&Gf2Poly::x(), 127), Gf2Poly::x());
/// assert_eq!(m.x_pow_mod(&((BigUint::from(1u8) << 127u32) - 1u8)), Gf2Poly::one());
///
/// // mul_mod against the definition: (x^100)(x^100) = x^200 = x^73 (x + 1) modulo f.
/// let x100 = Gf2Poly::monomial(100);
/// assert_eq!(m.mul_mod(&x100, &x100), Gf2Poly::from_exponents(&[74, 73]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Gf2Modulus {
    f: Gf2Poly,
    n: usize,
    kind: Kind,
    backend: Backend,
}

impl Gf2Modulus {
    /// The modulus f, with the reduction chosen from its weight and the fastest backend.
    ///
    /// # Errors
    /// [`Gf2Error::ConstantModulus`] if f is 0 or 1.
    pub fn new(f: &Gf2Poly) -> Result<Gf2Modulus, Gf2Error> {
        Gf2Modulus::with_options(f, Reduction::Auto, Backend::best())
    }

    /// The modulus f with a chosen reduction and multiplier (tests and benches; the results
    /// do not depend on them). Barrett needs n >= 2; for n = 1 the sparse reduction is used.
    ///
    /// # Errors
    /// [`Gf2Error::ConstantModulus`] if f is 0 or 1.
    pub fn with_options(
        f: &Gf2Poly,
        reduction: Reduction,
        backend: Backend,
    ) -> Result<Gf2Modulus, Gf2Error> {
        let n = match f.degree() {
            None => return Err(Gf2Error::ConstantModulus { constant: 0 }),
            Some(0) => return Err(Gf2Error::ConstantModulus { constant: 1 }),
            Some(n) => n,
        };
        let sparse = match reduction {
            Reduction::Auto => f.weight() <= Reduction::SPARSE_WEIGHT,
            Reduction::Sparse => true,
            Reduction::Barrett => false,
        } || n < 2;
        let kind = if sparse {
            Kind::Sparse(f.exponents()[1..].to_vec())
        } else {
            Kind::Barrett(barrett_inverse(f, n))
        };
        Ok(Gf2Modulus {
            f: f.clone(),
            n,
            kind,
            backend,
        })
    }

    /// The modulus f.
    pub fn modulus(&self) -> &Gf2Poly {
        &self.f
    }
    /// n = deg f.
    pub fn degree(&self) -> usize {
        self.n
    }
    /// True when reductions go by shifts ([`Reduction::Sparse`]).
    pub fn is_sparse(&self) -> bool {
        matches!(self.kind, Kind::Sparse(_))
    }

    /// a mod f.
    pub fn reduce(&self, a: &Gf2Poly) -> Gf2Poly {
        if a.degree().is_none_or(|d| d < self.n) {
            return a.clone();
        }
        let mut v = a.words.clone();
        self.reduce_words(&mut v);
        Gf2Poly::from_words(v)
    }

    /// a b mod f.
    pub fn mul_mod(&self, a: &Gf2Poly, b: &Gf2Poly) -> Gf2Poly {
        let (a, b) = (self.reduced(a), self.reduced(b));
        let mut v = mul::mul(self.backend, a.words(), b.words());
        self.reduce_words(&mut v);
        Gf2Poly::from_words(v)
    }

    /// a^2 mod f.
    pub fn square_mod(&self, a: &Gf2Poly) -> Gf2Poly {
        let a = self.reduced(a);
        let mut v = mul::square(self.backend, a.words());
        self.reduce_words(&mut v);
        Gf2Poly::from_words(v)
    }

    /// a^(2^k) mod f: k squarings (the k-th power of the Frobenius map).
    pub fn square_mod_n(&self, a: &Gf2Poly, k: usize) -> Gf2Poly {
        let mut v = self.reduced(a).into_owned().words;
        for _ in 0..k {
            let mut s = mul::square(self.backend, &v);
            self.reduce_words(&mut s);
            v = s;
        }
        Gf2Poly::from_words(v)
    }

    /// x^(2^k) mod f.
    pub fn x_pow_2k(&self, k: usize) -> Gf2Poly {
        self.square_mod_n(&Gf2Poly::x(), k)
    }

    /// a^e mod f (left-to-right square and multiply; a^0 = 1).
    pub fn pow_mod(&self, a: &Gf2Poly, e: &BigUint) -> Gf2Poly {
        let base = self.reduced(a).into_owned();
        let mut acc = Gf2Poly::one();
        for i in (0..e.bits()).rev() {
            acc = self.square_mod(&acc);
            if e.bit(i) {
                acc = self.mul_mod(&acc, &base);
            }
        }
        acc
    }

    /// x^e mod f; multiplying by x is a shift, so this costs one squaring per bit of e.
    pub fn x_pow_mod(&self, e: &BigUint) -> Gf2Poly {
        let mut acc = Gf2Poly::one();
        for i in (0..e.bits()).rev() {
            acc = self.square_mod(&acc);
            if e.bit(i) {
                acc = self.mul_x(&acc);
            }
        }
        acc
    }

    /// a x mod f for a reduced a.
    fn mul_x(&self, a: &Gf2Poly) -> Gf2Poly {
        let mut r = a.shl(1);
        if r.bit(self.n) {
            r.add_assign(&self.f);
        }
        r
    }

    /// g(h) mod f (modular composition, Brent-Kung baby steps / giant steps): with
    /// m = ceil(sqrt(deg g + 1)), the powers h^0..h^m mod f, then Horner in h^m over blocks of
    /// m coefficients of g, each block a sum of precomputed powers. About 2 sqrt(deg g)
    /// multiplications mod f plus O(deg g * n / 64) word xors. `g` may have any degree.
    pub fn compose_mod(&self, g: &Gf2Poly, h: &Gf2Poly) -> Gf2Poly {
        let Some(dg) = g.degree() else {
            return Gf2Poly::zero();
        };
        let h = self.reduced(h).into_owned();
        let mut m = 1;
        while m * m < dg + 1 {
            m += 1;
        }
        let mut powers = Vec::with_capacity(m + 1);
        powers.push(Gf2Poly::one());
        for j in 1..=m {
            let next = self.mul_mod(&powers[j - 1], &h);
            powers.push(next);
        }
        let blocks = dg / m + 1;
        let nwords = self.n.div_ceil(64);
        let mut acc = Gf2Poly::zero();
        for i in (0..blocks).rev() {
            let mut block = vec![0u64; nwords];
            for (j, pw) in powers[..m].iter().enumerate() {
                if g.bit(i * m + j) {
                    mul::xor_into(&mut block, pw.words());
                }
            }
            acc = self.mul_mod(&acc, &powers[m]);
            acc.add_assign(&Gf2Poly::from_words(block));
        }
        acc
    }

    /// `a` itself when already reduced, else a mod f.
    fn reduced<'a>(&self, a: &'a Gf2Poly) -> std::borrow::Cow<'a, Gf2Poly> {
        if a.degree().is_none_or(|d| d < self.n) {
            std::borrow::Cow::Borrowed(a)
        } else {
            std::borrow::Cow::Owned(self.reduce(a))
        }
    }

    /// Reduces a packed vector in place (result untrimmed beyond trimming, < n bits).
    pub(crate) fn reduce_words(&self, v: &mut Vec<u64>) {
        trim(v);
        if degree(v).is_none_or(|d| d < self.n) {
            return;
        }
        match &self.kind {
            Kind::Sparse(low) => reduce_sparse(v, self.n, low),
            Kind::Barrett(mu) => self.reduce_barrett(v, mu),
        }
        trim(v);
    }

    fn reduce_barrett(&self, v: &mut Vec<u64>, mu: &[u64]) {
        let n = self.n;
        // Inputs above degree 2n - 1: fold the top 2n bits at a time (each step lowers the
        // degree by n - 1).
        while let Some(d) = degree(v).filter(|&d| d > 2 * n - 1) {
            let s = d - (2 * n - 1);
            let mut hi = shr_words(v, s);
            self.barrett_step(&mut hi, mu);
            truncate_bits(v, s);
            v.resize(s / 64 + hi.len() + 1, 0);
            super::xor_shifted(v, &hi, s);
            trim(v);
        }
        self.barrett_step(v, mu);
    }

    /// v (degree <= 2n - 1) mod f, in place.
    fn barrett_step(&self, v: &mut Vec<u64>, mu: &[u64]) {
        let n = self.n;
        if degree(v).is_none_or(|d| d < n) {
            return;
        }
        let h = shr_words(v, n);
        let t = mul::mul(self.backend, &h, mu);
        let q = shr_words(&t, n - 1);
        let mut qf = mul::mul(self.backend, &q, self.f.words());
        truncate_bits(&mut qf, n);
        truncate_bits(v, n);
        if v.len() < qf.len() {
            v.resize(qf.len(), 0);
        }
        mul::xor_into(v, &qf);
        trim(v);
        debug_assert!(degree(v).is_none_or(|d| d < n));
    }
}

/// mu = x^(2n-1) div f (degree n - 1), by long division (done once per modulus).
fn barrett_inverse(f: &Gf2Poly, n: usize) -> Vec<u64> {
    let mut num = Gf2Poly::monomial(2 * n - 1).words;
    let mut q = super::rem_schoolbook(&mut num, f.words(), true);
    trim(&mut q);
    q
}

/// Reduction by shifts modulo f = x^n + sum_{k in low} x^k: each part of `v` at x^n and above
/// is folded down onto x^(k - n) for every k (repeating while folds land above x^n again).
fn reduce_sparse(v: &mut Vec<u64>, n: usize, low: &[usize]) {
    let (nw, nb) = (n / 64, n % 64);
    if v.len() < nw + 2 {
        v.resize(nw + 2, 0);
    }
    // Whole words at and above word nw + 1 (all of their bits are >= x^n).
    for i in (nw + 1..v.len()).rev() {
        loop {
            let w = v[i];
            if w == 0 {
                break;
            }
            v[i] = 0;
            for &k in low {
                xor_word_at(v, 64 * i - (n - k), w);
            }
        }
    }
    // The top part of word nw (bits nb.. = x^n and above).
    loop {
        let w = v[nw] >> nb;
        if w == 0 {
            break;
        }
        v[nw] ^= w << nb;
        for &k in low {
            xor_word_at(v, k, w);
        }
    }
    v.truncate(nw + 1);
}

/// `v ^= w * x^bit`, for a position whose words exist.
#[inline]
fn xor_word_at(v: &mut [u64], bit: usize, w: u64) {
    let (i, s) = (bit / 64, bit % 64);
    v[i] ^= w << s;
    if s != 0 {
        let hi = w >> (64 - s);
        if hi != 0 {
            v[i + 1] ^= hi;
        }
    }
}
