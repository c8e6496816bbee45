//! Finite fields GF(q), q = p^n, with elements as plain `u64` integers.
//!
//! An element of GF(p^n) is the integer `k = sum a_i p^i`, standing for `sum a_i * a^i` where `a`
//! is a root of the Conway polynomial of (p, n): SageMath's `GF(q).from_integer(k)` encoding.
//! For a prime field the element is simply its residue `0..p`.
//!
//! Prime fields (p < 2^31) multiply with one `u64` product and `%`; extension fields
//! (q <= 2^16) use logarithm / antilogarithm tables and Zech logarithms for addition
//! (XOR in characteristic 2). Fields are cached per q, so [`Field::new`] is cheap after the
//! first call and clones share their tables.

use crate::integer::is_prime_u128;
use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

/// Largest supported prime field characteristic (exclusive): p < 2^31.
pub const PRIME_LIMIT: u64 = 1 << 31;
/// Largest supported order of an extension field (n >= 2): q <= 2^16.
pub const EXTENSION_LIMIT: u64 = 1 << 16;

/// Why a field (or a field element) could not be constructed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FieldError {
    /// q < 2: there is no field with fewer than two elements.
    #[error("GF({q}) does not exist: a field has at least 2 elements")]
    TooSmall {
        /// The requested order.
        q: u64,
    },
    /// q is not a power of a prime.
    #[error("GF({q}) does not exist: {q} is not a prime power")]
    NotPrimePower {
        /// The requested order.
        q: u64,
    },
    /// q is a prime power but beyond what gf-core supports.
    #[error("GF({q}) is not supported: {limit}")]
    TooLarge {
        /// The requested order.
        q: u64,
        /// The limit that was exceeded, in words.
        limit: String,
    },
    /// Text that should denote a field element could not be parsed.
    #[error("invalid field element at column {column}: {message}")]
    Parse {
        /// 1-based column (in characters) of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// The finite field GF(q). Cheap to clone (an `Arc` inside); equal iff q is equal.
///
/// Arithmetic takes elements that are already valid (`< q`, see [`Field::contains`]); that is
/// the caller's contract, checked only in debug builds. Validate untrusted integers with
/// [`Field::contains`] or [`Field::parse_element`] first.
///
/// ```
/// use gf_core::Field;
///
/// let f9 = Field::new(9)?;                 // GF(3^2), modulus a^2 + 2*a + 2
/// assert_eq!((f9.p(), f9.n()), (3, 2));
/// let a = 3;                               // the element `a` is encoded as 0 + 1*3
/// assert_eq!(f9.format_element(a), "a");
/// assert_eq!(f9.mul(a, a), 4);             // a^2 = a + 1 = 1 + 1*3
/// assert_eq!(f9.format_element(f9.mul(a, a)), "a + 1");
/// assert_eq!(f9.mul(a, f9.inv(a).unwrap()), 1);
/// assert!(Field::new(6).is_err());
/// # Ok::<(), gf_core::FieldError>(())
/// ```
#[derive(Clone)]
pub struct Field {
    inner: Arc<Inner>,
}

struct Inner {
    q: u64,
    p: u64,
    n: u32,
    modulus: Vec<u64>,
    /// Barrett constant floor(2^64 / p) for prime-field products.
    barrett: u64,
    ext: Option<Tables>,
}

/// Log tables of an extension field, generator = the root `a` of the Conway polynomial.
struct Tables {
    /// `exp[i] = a^i`, stored twice over (length 2(q-1)) so sums of two logs need no reduction.
    exp: Vec<u32>,
    /// `log[k]` for k != 0; `log[0]` is unused.
    log: Vec<u32>,
    /// Zech logarithms (odd p only): `zech[i] = log(1 + a^i)`, or `NO_LOG` when 1 + a^i = 0.
    zech: Vec<u32>,
}

const NO_LOG: u32 = u32::MAX;

impl PartialEq for Field {
    fn eq(&self, other: &Field) -> bool {
        self.inner.q == other.inner.q
    }
}
impl Eq for Field {}
impl Hash for Field {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.inner.q.hash(state);
    }
}
impl fmt::Debug for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GF({})", self.inner.q)
    }
}
impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GF({})", self.inner.q)
    }
}

impl Field {
    /// GF(q): a prime p < 2^31, or p^n (n >= 2) with q <= 2^16.
    ///
    /// Errors say which rule failed: [`FieldError::TooSmall`], [`FieldError::NotPrimePower`],
    /// [`FieldError::TooLarge`]. The first construction of an extension field computes its
    /// Conway polynomial and tables; later calls return the cached field.
    pub fn new(q: u64) -> Result<Field, FieldError> {
        let (p, n) = prime_power(q)?;
        check_limits(q, n)?;
        static CACHE: OnceLock<Mutex<HashMap<u64, Field>>> = OnceLock::new();
        let cache = CACHE.get_or_init(Default::default);
        if let Some(f) = lock(cache).get(&q) {
            return Ok(f.clone());
        }
        let modulus = crate::conway::conway_polynomial(p, n)?;
        let ext = (n > 1).then(|| Tables::build(p, q, &modulus));
        let field = Field {
            inner: Arc::new(Inner {
                q,
                p,
                n,
                modulus,
                barrett: ((1u128 << 64) / p as u128) as u64,
                ext,
            }),
        };
        Ok(lock(cache).entry(q).or_insert(field).clone())
    }

    /// The order q = p^n.
    pub fn q(&self) -> u64 {
        self.inner.q
    }
    /// The characteristic p.
    pub fn p(&self) -> u64 {
        self.inner.p
    }
    /// The degree n over the prime field GF(p).
    pub fn n(&self) -> u32 {
        self.inner.n
    }
    /// True for GF(p) (n = 1).
    pub fn is_prime_field(&self) -> bool {
        self.inner.n == 1
    }
    /// True when `a` encodes an element (a < q).
    pub fn contains(&self, a: u64) -> bool {
        a < self.inner.q
    }
    /// The Conway polynomial defining the field: coefficients in GF(p), low-to-high, monic,
    /// length n + 1. For a prime field it is `x - g` = `[p - g, 1]`, g the least primitive root.
    pub fn modulus(&self) -> &[u64] {
        &self.inner.modulus
    }

    /// a + b.
    #[inline]
    pub fn add(&self, a: u64, b: u64) -> u64 {
        debug_assert!(a < self.inner.q && b < self.inner.q);
        match &self.inner.ext {
            None => {
                let s = a + b;
                if s >= self.inner.p {
                    s - self.inner.p
                } else {
                    s
                }
            }
            Some(_) if self.inner.p == 2 => a ^ b,
            Some(t) => t.add(a, b, self.inner.q),
        }
    }

    /// -a.
    #[inline]
    pub fn neg(&self, a: u64) -> u64 {
        match &self.inner.ext {
            _ if a == 0 => 0,
            None => self.inner.p - a,
            Some(_) if self.inner.p == 2 => a,
            Some(t) => t.exp[(t.log[a as usize] as u64 + (self.inner.q - 1) / 2) as usize] as u64,
        }
    }

    /// a - b.
    #[inline]
    pub fn sub(&self, a: u64, b: u64) -> u64 {
        self.add(a, self.neg(b))
    }

    /// a * b.
    #[inline]
    pub fn mul(&self, a: u64, b: u64) -> u64 {
        debug_assert!(a < self.inner.q && b < self.inner.q);
        match &self.inner.ext {
            None => self.reduce(a * b),
            _ if a == 0 || b == 0 => 0,
            Some(t) => t.exp[(t.log[a as usize] + t.log[b as usize]) as usize] as u64,
        }
    }

    /// `out[k] += c * v[k]` over the common length, with the work on `c` done once
    /// (the inner loop of polynomial multiplication and division).
    pub(crate) fn axpy(&self, out: &mut [u64], c: u64, v: &[u64]) {
        let pairs = out.iter_mut().zip(v).filter(|(_, &y)| y != 0);
        match &self.inner.ext {
            _ if c == 0 => {}
            None => pairs.for_each(|(x, &y)| *x = self.reduce(*x + c * y)),
            Some(t) => {
                let lc = t.log[c as usize];
                let prod = |y: u64| t.exp[(lc + t.log[y as usize]) as usize] as u64;
                if self.inner.p == 2 {
                    pairs.for_each(|(x, &y)| *x ^= prod(y));
                } else {
                    pairs.for_each(|(x, &y)| *x = t.add(*x, prod(y), self.inner.q));
                }
            }
        }
    }

    /// x mod p for x < 2^62 (prime fields), by Barrett reduction: the estimated quotient is
    /// at most one too small because x / 2^64 < 1/4, so one correction step suffices.
    #[inline]
    fn reduce(&self, x: u64) -> u64 {
        let p = self.inner.p;
        let est = ((x as u128 * self.inner.barrett as u128) >> 64) as u64;
        let r = x - est * p;
        if r >= p {
            r - p
        } else {
            r
        }
    }

    /// The inverse of a, or `None` for a = 0.
    pub fn inv(&self, a: u64) -> Option<u64> {
        if a == 0 || a >= self.inner.q {
            return None;
        }
        Some(match &self.inner.ext {
            None => inv_mod(a, self.inner.p),
            Some(t) => {
                let l = t.log[a as usize] as u64;
                t.exp[((self.inner.q - 1 - l) % (self.inner.q - 1)) as usize] as u64
            }
        })
    }

    /// a / b, or `None` when b = 0.
    pub fn div(&self, a: u64, b: u64) -> Option<u64> {
        self.inv(b).map(|ib| self.mul(a, ib))
    }

    /// a^e (with 0^0 = 1).
    pub fn pow(&self, a: u64, e: u64) -> u64 {
        match &self.inner.ext {
            _ if e == 0 => 1,
            _ if a == 0 => 0,
            None => pow_mod(a, e, self.inner.p),
            Some(t) => {
                let m = self.inner.q - 1;
                let l = (t.log[a as usize] as u128 * (e % m) as u128 % m as u128) as usize;
                t.exp[l] as u64
            }
        }
    }

    /// The element as text: prime field `"3"`; extension field a polynomial in `a`,
    /// SageMath style (`"2*a^2 + a + 1"`, `"a"`, `"1"`, `"0"`).
    pub fn format_element(&self, a: u64) -> String {
        let p = self.inner.p;
        if self.is_prime_field() || a < p {
            return a.to_string();
        }
        let mut digits = Vec::new();
        let mut k = a;
        while k > 0 {
            digits.push(k % p);
            k /= p;
        }
        let terms: Vec<String> = digits
            .iter()
            .enumerate()
            .rev()
            .filter(|&(_, &d)| d != 0)
            .map(|(i, &d)| {
                let var = match i {
                    0 => String::new(),
                    1 => "a".to_string(),
                    _ => format!("a^{i}"),
                };
                match (d, i) {
                    (_, 0) => d.to_string(),
                    (1, _) => var,
                    _ => format!("{d}*{var}"),
                }
            })
            .collect();
        terms.join(" + ")
    }

    /// Parses an element: its integer encoding (`"5"`, must be < q), or for an extension field
    /// also an expression in `a` as printed by [`Field::format_element`] (`"a^2 + 2*a"`).
    /// Integers inside an expression are elements too (integer encoding), combined with the
    /// field's + and *.
    pub fn parse_element(&self, s: &str) -> Result<u64, FieldError> {
        crate::poly::parse_element(self, s)
    }
}

impl Tables {
    fn build(p: u64, q: u64, modulus: &[u64]) -> Tables {
        let n = modulus.len() - 1;
        let order = (q - 1) as usize;
        let mut exp = vec![0u32; 2 * order];
        let mut log = vec![NO_LOG; q as usize];
        let mut digits = vec![0u64; n];
        digits[0] = 1;
        for (i, slot) in exp.iter_mut().take(order).enumerate() {
            let k = digits.iter().rev().fold(0, |acc, &d| acc * p + d);
            *slot = k as u32;
            debug_assert_eq!(
                log[k as usize], NO_LOG,
                "Conway polynomial must be primitive"
            );
            log[k as usize] = i as u32;
            // multiply by a: shift up, then subtract top * modulus
            let top = digits[n - 1];
            digits.rotate_right(1);
            digits[0] = 0;
            for (d, &m) in digits.iter_mut().zip(modulus) {
                *d = (*d + (p - top * m % p)) % p;
            }
        }
        exp.copy_within(0..order, order);
        let zech = if p == 2 {
            Vec::new()
        } else {
            (0..order)
                .map(|i| {
                    // 1 + a^i: add 1 to the lowest digit
                    let k = exp[i] as u64;
                    let one_plus = k - k % p + (k % p + 1) % p;
                    if one_plus == 0 {
                        NO_LOG
                    } else {
                        log[one_plus as usize]
                    }
                })
                .collect()
        };
        Tables { exp, log, zech }
    }

    #[inline]
    fn add(&self, a: u64, b: u64, q: u64) -> u64 {
        if a == 0 {
            return b;
        }
        if b == 0 {
            return a;
        }
        let (la, lb) = (self.log[a as usize], self.log[b as usize]);
        let m = (q - 1) as u32;
        let d = if lb >= la { lb - la } else { lb + m - la };
        match self.zech[d as usize] {
            NO_LOG => 0,
            z => self.exp[(la + z) as usize] as u64,
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn check_limits(q: u64, n: u32) -> Result<(), FieldError> {
    if n == 1 && q >= PRIME_LIMIT {
        return Err(FieldError::TooLarge {
            q,
            limit: "prime fields need p < 2^31".into(),
        });
    }
    if n > 1 && q > EXTENSION_LIMIT {
        return Err(FieldError::TooLarge {
            q,
            limit: "extension fields GF(p^n), n >= 2, need q <= 2^16".into(),
        });
    }
    Ok(())
}

/// Splits q = p^n with p prime, or says why not.
pub(crate) fn prime_power(q: u64) -> Result<(u64, u32), FieldError> {
    if q < 2 {
        return Err(FieldError::TooSmall { q });
    }
    (1..64u32)
        .filter_map(|k| iroot(q, k).map(|r| (r, k)))
        .find(|&(r, _)| is_prime_u128(u128::from(r)))
        .ok_or(FieldError::NotPrimePower { q })
}

/// r with r^k = q exactly, if any (r >= 2).
fn iroot(q: u64, k: u32) -> Option<u64> {
    if k == 1 {
        return Some(q);
    }
    let guess = (q as f64).powf(1.0 / k as f64).round() as u64;
    (guess.saturating_sub(1)..=guess.saturating_add(1))
        .find(|&r| r >= 2 && r.checked_pow(k) == Some(q))
}

/// b^e mod m for m < 2^32 (products fit in u64).
pub(crate) fn pow_mod(mut b: u64, mut e: u64, m: u64) -> u64 {
    let mut r = 1 % m;
    b %= m;
    while e > 0 {
        if e & 1 == 1 {
            r = r * b % m;
        }
        b = b * b % m;
        e >>= 1;
    }
    r
}

/// a^-1 mod p (a != 0, p prime) by the extended Euclidean algorithm.
fn inv_mod(a: u64, p: u64) -> u64 {
    let (mut r0, mut r1) = (p as i64, a as i64);
    let (mut t0, mut t1) = (0i64, 1i64);
    while r1 != 0 {
        let k = r0 / r1;
        (r0, r1) = (r1, r0 - k * r1);
        (t0, t1) = (t1, t0 - k * t1);
    }
    t0.rem_euclid(p as i64) as u64
}

/// The least primitive root modulo the prime p.
pub(crate) fn least_primitive_root(p: u64) -> u64 {
    if p == 2 {
        return 1;
    }
    let factors = crate::integer::distinct_prime_factors(p - 1);
    (2..p)
        .find(|&g| factors.iter().all(|&r| pow_mod(g, (p - 1) / r, p) != 1))
        .expect("every prime has a primitive root")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_orders() {
        assert_eq!(Field::new(0), Err(FieldError::TooSmall { q: 0 }));
        assert_eq!(Field::new(1), Err(FieldError::TooSmall { q: 1 }));
        for q in [6, 10, 12, 100, 1 << 40 | 1, u64::MAX, u64::MAX - 1] {
            assert_eq!(Field::new(q), Err(FieldError::NotPrimePower { q }), "{q}");
        }
        for q in [
            1 << 17,
            3u64.pow(11),
            2_147_483_659,
            (1 << 61) - 1,
            u64::MAX - 58,
            1 << 63,
        ] {
            assert!(
                matches!(Field::new(q), Err(FieldError::TooLarge { .. })),
                "{q}"
            );
        }
        assert!(Field::new(2_147_483_647).is_ok()); // 2^31 - 1, prime
        assert!(Field::new(65536).is_ok());
    }

    #[test]
    fn prime_powers_by_trial_division() {
        for q in 0..3000u64 {
            let smallest = (2..=q).find(|d| q % d == 0);
            let expected = smallest.and_then(|p| {
                let mut n = 0;
                let mut m = q;
                while m % p == 0 {
                    m /= p;
                    n += 1;
                }
                (m == 1).then_some((p, n))
            });
            match prime_power(q) {
                Ok(pn) => assert_eq!(Some(pn), expected, "{q}"),
                Err(FieldError::TooSmall { .. }) => assert!(q < 2),
                Err(_) => assert!(q >= 2 && expected.is_none(), "{q}"),
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn field_new_never_panics(q: u64) {
            if let Ok(f) = Field::new(q) {
                proptest::prop_assert_eq!(f.p().pow(f.n()), q);
            }
        }
    }

    #[test]
    fn prime_power_split() {
        assert_eq!(prime_power(2), Ok((2, 1)));
        assert_eq!(prime_power(1 << 63), Ok((2, 63)));
        assert_eq!(prime_power(3u64.pow(40)), Ok((3, 40)));
        assert_eq!(prime_power(65521), Ok((65521, 1)));
        assert_eq!(prime_power(65521 * 65521), Ok((65521, 2)));
        assert_eq!(prime_power(36), Err(FieldError::NotPrimePower { q: 36 }));
    }

    #[test]
    fn primes_by_trial_division_agree() {
        for n in 0..5000u64 {
            let trial = n >= 2 && (2..n).take_while(|d| d * d <= n).all(|d| n % d != 0);
            assert_eq!(is_prime_u128(u128::from(n)), trial, "{n}");
        }
        assert!(is_prime_u128(18446744073709551557)); // largest prime < 2^64
        assert!(!is_prime_u128(3215031751)); // strong pseudoprime to bases 2, 3, 5, 7
    }

    #[test]
    fn least_primitive_roots() {
        // OEIS A001918
        let known = [
            (2, 1),
            (3, 2),
            (5, 2),
            (7, 3),
            (11, 2),
            (13, 2),
            (17, 3),
            (19, 2),
        ];
        for (p, g) in known {
            assert_eq!(least_primitive_root(p), g);
        }
        assert_eq!(least_primitive_root(65521), 17);
        assert_eq!(least_primitive_root(2_147_483_647), 7);
    }

    #[test]
    fn barrett_matches_remainder() {
        for p in [2, 3, 251, 65521, 2_147_483_629, 2_147_483_647] {
            let f = Field::new(p).unwrap();
            let mut x = 0x1234_5678_9abc_def0u64;
            for _ in 0..10_000 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let (a, b) = (x % p, (x >> 32) % p);
                assert_eq!(f.mul(a, b), a * b % p);
            }
            assert_eq!(f.mul(p - 1, p - 1), 1);
        }
    }

    #[test]
    fn gf4_by_hand() {
        // a^2 = a + 1; encoding: 2 = a, 3 = a + 1
        let f = Field::new(4).unwrap();
        assert_eq!(f.mul(2, 2), 3);
        assert_eq!(f.mul(2, 3), 1);
        assert_eq!(f.mul(3, 3), 2);
        assert_eq!(f.add(2, 3), 1);
        assert_eq!(f.inv(2), Some(3));
        assert_eq!(f.format_element(3), "a + 1");
    }

    #[test]
    fn gf9_by_hand() {
        // modulus a^2 + 2a + 2: a^2 = a + 1; encoding k = d0 + 3 d1
        let f = Field::new(9).unwrap();
        assert_eq!(f.modulus(), &[2, 2, 1]);
        let a = 3;
        assert_eq!(f.mul(a, a), 4); // a + 1
        assert_eq!(f.mul(4, a), 7); // a^2 + a = 2a + 1
        assert_eq!(f.add(5, 7), 0); // (a + 2) + (2a + 1) = 3a + 3 = 0
        assert_eq!(f.add(4, 4), 8); // 2(a + 1) = 2a + 2
        assert_eq!(f.neg(5), 7); // -(a + 2) = 2a + 1
        assert_eq!(f.sub(3, 4), 2); // a - (a + 1) = -1 = 2
        assert_eq!(f.format_element(8), "2*a + 2");
        assert_eq!(f.pow(a, 8), 1);
        assert_ne!(f.pow(a, 4), 1);
    }

    #[test]
    fn prime_field_modulus_is_x_minus_g() {
        assert_eq!(Field::new(2).unwrap().modulus(), &[1, 1]);
        assert_eq!(Field::new(7).unwrap().modulus(), &[4, 1]);
    }

    #[test]
    fn zero_and_out_of_range() {
        let f = Field::new(25).unwrap();
        assert_eq!(f.inv(0), None);
        assert_eq!(f.div(3, 0), None);
        assert_eq!(f.pow(0, 0), 1);
        assert_eq!(f.pow(0, 5), 0);
        assert!(!f.contains(25));
        assert_eq!(f.format_element(0), "0");
        assert_eq!(f.parse_element("a + 4"), Ok(9));
        assert_eq!(f.parse_element(" 24 "), Ok(24));
        for bad in ["25", "x", "", "a +", "-"] {
            assert!(
                matches!(f.parse_element(bad), Err(FieldError::Parse { .. })),
                "{bad}"
            );
        }
        let g7 = Field::new(7).unwrap();
        assert!(matches!(
            g7.parse_element("a"),
            Err(FieldError::Parse { column: 1, .. })
        ));
    }

    const QS: [u64; 11] = [2, 3, 4, 5, 7, 8, 9, 16, 25, 251, 65521];

    /// Digits of k in base p, length n.
    fn digits(k: u64, p: u64, n: usize) -> Vec<u64> {
        (0..n).map(|i| k / p.pow(i as u32) % p).collect()
    }

    /// Schoolbook product of digit vectors reduced by the modulus: an oracle that does not
    /// use the log tables.
    fn naive_mul(f: &Field, a: u64, b: u64) -> u64 {
        let (p, n, m) = (f.p(), f.n() as usize, f.modulus());
        let (da, db) = (digits(a, p, n), digits(b, p, n));
        let mut prod = vec![0u64; 2 * n];
        for i in 0..n {
            for j in 0..n {
                prod[i + j] = (prod[i + j] + da[i] * db[j]) % p;
            }
        }
        for i in (n..2 * n).rev() {
            let t = prod[i];
            for j in 0..=n {
                prod[i - n + j] = (prod[i - n + j] + (p - t) * m[j]) % p;
            }
        }
        prod[..n].iter().rev().fold(0, |acc, &d| acc * p + d)
    }

    fn naive_add(f: &Field, a: u64, b: u64) -> u64 {
        let (p, n) = (f.p(), f.n() as usize);
        let (da, db) = (digits(a, p, n), digits(b, p, n));
        (0..n).rev().fold(0, |acc, i| acc * p + (da[i] + db[i]) % p)
    }

    #[test]
    fn moduli_define_the_field() {
        for q in QS {
            let f = Field::new(q).unwrap();
            let m = f.modulus();
            assert_eq!(m.len(), f.n() as usize + 1);
            assert_eq!(m.last(), Some(&1));
            // the root of the modulus generates the multiplicative group: order exactly q - 1
            let gen = if f.is_prime_field() {
                (f.p() - m[0]) % f.p()
            } else {
                f.p()
            };
            let order = (1..q).find(|&k| f.pow(gen, k) == 1);
            assert_eq!(order, Some(q - 1), "GF({q})");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        #[test]
        fn field_axioms(qi in 0..QS.len(), ra: u64, rb: u64, rc: u64, e1 in 0u64..1000, e2 in 0u64..1000) {
            let f = Field::new(QS[qi]).unwrap();
            let q = f.q();
            let (a, b, c) = (ra % q, rb % q, rc % q);
            proptest::prop_assert_eq!(f.add(a, b), f.add(b, a));
            proptest::prop_assert_eq!(f.mul(a, b), f.mul(b, a));
            proptest::prop_assert_eq!(f.add(f.add(a, b), c), f.add(a, f.add(b, c)));
            proptest::prop_assert_eq!(f.mul(f.mul(a, b), c), f.mul(a, f.mul(b, c)));
            proptest::prop_assert_eq!(f.mul(a, f.add(b, c)), f.add(f.mul(a, b), f.mul(a, c)));
            proptest::prop_assert_eq!(f.add(a, 0), a);
            proptest::prop_assert_eq!(f.mul(a, 1), a);
            proptest::prop_assert_eq!(f.add(a, f.neg(a)), 0);
            proptest::prop_assert_eq!(f.add(f.sub(a, b), b), a);
            proptest::prop_assert_eq!(f.mul(a, b), naive_mul(&f, a, b));
            proptest::prop_assert_eq!(f.add(a, b), naive_add(&f, a, b));
            proptest::prop_assert_eq!(f.pow(a, e1 + e2), f.mul(f.pow(a, e1), f.pow(a, e2)));
            let mut slow = 1;
            for _ in 0..e1 % 50 {
                slow = naive_mul(&f, slow, a);
            }
            proptest::prop_assert_eq!(f.pow(a, e1 % 50), slow);
            if a != 0 {
                let inv = f.inv(a).unwrap();
                proptest::prop_assert_eq!(f.mul(a, inv), 1);
                proptest::prop_assert_eq!(f.div(b, a).map(|d| f.mul(d, a)), Some(b));
                proptest::prop_assert_eq!(f.pow(a, q - 1), 1);
            }
            proptest::prop_assert_eq!(f.parse_element(&a.to_string()), Ok(a));
            proptest::prop_assert_eq!(f.parse_element(&f.format_element(a)), Ok(a));
        }
    }
}
