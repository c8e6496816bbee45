//! Integer primality and factorization, sized for the orders of polynomials over GF(q).
//!
//! The order of an irreducible polynomial of degree `m` over GF(p^n) divides `p^(n m) - 1`, so
//! order computations need the prime factors of numbers of that shape. This module provides:
//!
//! * [`is_prime_u128`]: Miller-Rabin with the first 13 prime bases, which is *proven* correct
//!   below 3.3 * 10^24 (about 2^81); above that it adds a strong Lucas test (BPSW), which has no
//!   known counterexample but is not a proof.
//! * [`is_probable_prime`]: the same BPSW test (Miller-Rabin base 2 plus a strong Lucas test
//!   with Selfridge's parameters) for [`BigUint`].
//! * [`factor_u128`]: trial division, Pollard-rho (Brent's variant) for factors up to about
//!   2^32, then Lenstra's elliptic-curve method (Montgomery curves, two stages) and, from about
//!   30 digits, the quadratic sieve. All `u128` arithmetic is Montgomery multiplication on
//!   64-bit halves, no `unsafe`. Always complete.
//! * [`factor_big`]: the same pipeline for any [`BigUint`] within a work budget: rho, ECM, then
//!   for composites of 30 to about 66 digits the self-initializing quadratic sieve (module
//!   `siqs`, the `rusqsieve` crate on one thread) when its estimated cost fits the sieve's
//!   allowance, BPSW on every factor.
//! * [`factor_pm1`]: the complete factorization of `p^m - 1`. It first looks in an embedded copy
//!   of the Cunningham tables (`p = 2` for every `m <= 1,206`, from the Cunningham Project and
//!   checked with PARI/GP; `p` = 3, 5, 7 up to `2^257`, computed and proven with PARI/GP) and
//!   in the known Mersenne exponents (OEIS A000043, [`is_mersenne_exponent`]). Otherwise it
//!   splits `p^m - 1 = prod_{d | m} Phi_d(p)` into cyclotomic values, takes the primes of each
//!   `Phi_d(p)` from the table entry for `p^d - 1` when there is one, and factors the rest as
//!   [`factor_big`] does, under one work budget for the whole call. When the budget runs out
//!   it returns [`IntFactorError::Incomplete`] naming the composite it could not split (or
//!   [`IntFactorError::Untested`] for a part too large even to test), instead of running for
//!   hours. The budget counts operations, and the sieve's share is estimated from the size of
//!   the number alone, so results are the same on every machine. Out of reach: composites
//!   above about 66 digits whose smallest prime factor is above about 20 digits.
//!
//! ```
//! use gf_core::integer::{factor_pm1, factor_u128, is_prime_u128};
//! use num_bigint::BigUint;
//!
//! assert!(is_prime_u128((1u128 << 127) - 1));
//! assert_eq!(factor_u128(600), vec![(2, 3), (3, 1), (5, 2)]);
//! // 2^12 - 1 = 3^2 * 5 * 7 * 13
//! let f = factor_pm1(2, 12).unwrap();
//! let small: Vec<(u64, u32)> = f.iter().map(|(p, e)| (p.try_into().unwrap(), *e)).collect();
//! assert_eq!(small, vec![(3, 2), (5, 1), (7, 1), (13, 1)]);
//! ```

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, OnceLock};

use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{One, ToPrimitive, Zero};

mod mont_wide;
mod siqs;

use mont_wide::MontWide;

/// Why [`factor_pm1`] could not produce a complete factorization.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IntFactorError {
    /// `p < 2` or `m == 0`: `p^m - 1` is not a positive integer with a factorization.
    #[error("p^m - 1 with p = {p}, m = {m} is not an integer >= 1")]
    InvalidInput {
        /// The base.
        p: u64,
        /// The exponent.
        m: u64,
    },
    /// Pollard-rho and ECM used up the work budget on a composite factor.
    #[error(
        "could not factor {p}^{m} - 1 completely: the composite {cofactor} \
         (part of the cyclotomic factor Phi_{d}({p})) resisted rho and ECM within the work \
         budget ({work} units of about 25 ns)"
    )]
    Incomplete {
        /// The base.
        p: u64,
        /// The exponent.
        m: u64,
        /// The cyclotomic index `d` (a divisor of `m`) whose value `Phi_d(p)` was being factored.
        d: u64,
        /// The composite number that was left over.
        cofactor: BigUint,
        /// The work budget that was exhausted (units of one `u128` rho step, about 25 ns).
        work: u64,
    },
    /// A cofactor was too large even to test for primality within the work budget (or
    /// `p^m - 1` itself is above 2^(2^22)), so whether it is prime, and its factors, are not
    /// known. For `p = 2` this happens for `m` beyond the embedded Cunningham table (m > 1,206)
    /// that is not a known Mersenne exponent, when a cyclotomic factor is thousands of digits.
    #[error(
        "could not factor {p}^{m} - 1 completely: a {bits}-bit part of the cyclotomic factor \
         Phi_{d}({p}) is too large to test or factor within the work budget ({work} units of \
         about 25 ns); its factorization is not known"
    )]
    Untested {
        /// The base.
        p: u64,
        /// The exponent.
        m: u64,
        /// The cyclotomic index `d` (a divisor of `m`) whose value `Phi_d(p)` was being factored.
        d: u64,
        /// The size of the number left over, in bits.
        bits: u64,
        /// The work budget.
        work: u64,
    },
    /// [`factor_big`] was given 0, which has no factorization.
    #[error("0 has no prime factorization")]
    Zero,
    /// [`factor_big`] ran out of its work budget on `cofactor`.
    #[error(
        "could not factor completely: the {bits}-bit part {cofactor} is {} within the work \
         budget",
        if *composite { "composite and resisted rho, ECM and the quadratic sieve" } else { "too large to test for primality" }
    )]
    Unfactored {
        /// The part left over.
        cofactor: BigUint,
        /// Its size in bits.
        bits: u64,
        /// True if it failed BPSW (so it is composite); false if it was too large to test.
        composite: bool,
    },
}

// ---------------------------------------------------------------------------------------------
// Montgomery arithmetic modulo an odd u128.

/// The full 256-bit product of two u128 values as (high, low).
fn mul_wide(a: u128, b: u128) -> (u128, u128) {
    let (a1, a0) = (a >> 64, a & u64::MAX as u128);
    let (b1, b0) = (b >> 64, b & u64::MAX as u128);
    let (p00, p01, p10, p11) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1);
    // Each term is < 2^64, so the sum of three fits in u128.
    let mid = (p00 >> 64) + (p01 & u64::MAX as u128) + (p10 & u64::MAX as u128);
    let lo = (p00 & u64::MAX as u128) | (mid << 64);
    let hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    (hi, lo)
}

/// Montgomery form modulo an odd `n > 1`: `a` is stored as `a * 2^128 mod n`.
#[derive(Clone, Copy, Debug)]
struct Mont {
    n: u128,
    /// `-n^{-1} mod 2^128`.
    neg_inv: u128,
    /// `2^256 mod n`, to convert into Montgomery form.
    r2: u128,
    /// `2^128 mod n`, the Montgomery form of 1.
    one: u128,
}

impl Mont {
    fn new(n: u128) -> Mont {
        debug_assert!(n % 2 == 1 && n > 1);
        // Newton iteration: each step doubles the number of correct low bits (3 -> 192).
        let mut inv = n;
        for _ in 0..6 {
            inv = inv.wrapping_mul(2u128.wrapping_sub(n.wrapping_mul(inv)));
        }
        let one = (u128::MAX % n + 1) % n;
        let mut r2 = one;
        for _ in 0..128 {
            r2 = add_mod(r2, r2, n);
        }
        Mont {
            n,
            neg_inv: inv.wrapping_neg(),
            r2,
            one,
        }
    }

    /// `hi * 2^128 + lo` times `2^-128` mod n, for `hi < n`.
    fn redc(&self, hi: u128, lo: u128) -> u128 {
        let m = lo.wrapping_mul(self.neg_inv);
        let (mh, ml) = mul_wide(m, self.n);
        let carry = lo.overflowing_add(ml).1 as u128;
        let (t, o1) = hi.overflowing_add(mh);
        let (t, o2) = t.overflowing_add(carry);
        if o1 || o2 || t >= self.n {
            t.wrapping_sub(self.n)
        } else {
            t
        }
    }

    fn mul(&self, a: u128, b: u128) -> u128 {
        let (hi, lo) = mul_wide(a, b);
        self.redc(hi, lo)
    }

    fn enter(&self, a: u128) -> u128 {
        self.mul(a % self.n, self.r2)
    }

    fn pow(&self, mut base: u128, mut e: u128) -> u128 {
        let mut acc = self.one;
        while e > 0 {
            if e & 1 == 1 {
                acc = self.mul(acc, base);
            }
            base = self.mul(base, base);
            e >>= 1;
        }
        acc
    }
}

fn add_mod(a: u128, b: u128, n: u128) -> u128 {
    let (s, o) = a.overflowing_add(b);
    if o || s >= n {
        s.wrapping_sub(n)
    } else {
        s
    }
}

fn gcd_u128(mut a: u128, mut b: u128) -> u128 {
    if a == 0 || b == 0 {
        return a | b;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    while b != 0 {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
    }
    a << shift
}

// ---------------------------------------------------------------------------------------------
// Primality.

/// Primes below 1000, for trial division.
fn small_primes() -> &'static [u32] {
    static PRIMES: OnceLock<Vec<u32>> = OnceLock::new();
    PRIMES.get_or_init(|| {
        (2u32..1000)
            .filter(|&n| (2..n).take_while(|d| d * d <= n).all(|d| n % d != 0))
            .collect()
    })
}

/// The first 13 primes: as Miller-Rabin bases they decide primality for every n below
/// [`MR13_BOUND`] (Sorenson and Webster, 2015).
const MR_BASES: [u128; 13] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41];
const MR13_BOUND: u128 = 3_317_044_064_679_887_385_961_981;

/// Strong probable-prime test of odd `n > 2` to base `a`, in Montgomery arithmetic.
fn strong_probable_prime(mont: &Mont, a: u128) -> bool {
    let n = mont.n;
    let s = (n - 1).trailing_zeros();
    let d = (n - 1) >> s;
    let a = a % n;
    if a == 0 {
        return true;
    }
    let minus_one = n - mont.one;
    let mut x = mont.pow(mont.enter(a), d);
    if x == mont.one || x == minus_one {
        return true;
    }
    for _ in 1..s {
        x = mont.mul(x, x);
        if x == minus_one {
            return true;
        }
    }
    false
}

/// Distinct prime factors of m by trial division (m < 2^32 in practice), increasing: the one
/// routine for small factor lists (field construction, Rabin's irreducibility test).
pub(crate) fn distinct_prime_factors(mut m: u64) -> Vec<u64> {
    let mut out = Vec::new();
    let mut d = 2;
    while d * d <= m {
        if m % d == 0 {
            out.push(d);
            while m % d == 0 {
                m /= d;
            }
        }
        d += if d == 2 { 1 } else { 2 };
    }
    if m > 1 {
        out.push(m);
    }
    out
}

/// Whether `n` is prime.
///
/// Deterministic (a proof) for `n < 3.3 * 10^24`: Miller-Rabin with the first 13 prime bases.
/// Above that, those bases plus a strong Lucas test (BPSW): no composite passing it is known,
/// but that is not a proof.
///
/// ```
/// use gf_core::integer::is_prime_u128;
/// assert!(is_prime_u128(2) && is_prime_u128(65521) && !is_prime_u128(65521 * 65537));
/// assert!(is_prime_u128(170141183460469231731687303715884105727)); // 2^127 - 1
/// ```
pub fn is_prime_u128(n: u128) -> bool {
    if n < 2 {
        return false;
    }
    for &p in small_primes() {
        let p = u128::from(p);
        if n % p == 0 {
            return n == p;
        }
    }
    if n < 1_000_000 {
        return true; // no prime factor below 1000
    }
    let mont = Mont::new(n);
    if !MR_BASES.iter().all(|&a| strong_probable_prime(&mont, a)) {
        return false;
    }
    n < MR13_BOUND || strong_lucas(&BigUint::from(n))
}

/// Whether `n` is a strong probable prime: BPSW (Miller-Rabin to base 2 and a strong Lucas test
/// with Selfridge's parameters), preceded by trial division.
///
/// Exact for `n < 3.3 * 10^24` (it defers to [`is_prime_u128`]). No composite is known to pass
/// BPSW, and the Cunningham-table test checks every factor this crate ships with it.
///
/// ```
/// use gf_core::integer::is_probable_prime;
/// use num_bigint::BigUint;
/// let m521 = (BigUint::from(1u32) << 521u32) - 1u32; // a Mersenne prime
/// assert!(is_probable_prime(&m521));
/// assert!(!is_probable_prime(&(&m521 * &m521)));
/// ```
pub fn is_probable_prime(n: &BigUint) -> bool {
    if let Some(small) = n.to_u128() {
        return is_prime_u128(small);
    }
    if small_primes().iter().any(|&p| (n % p).is_zero()) {
        return false;
    }
    let one = BigUint::one();
    let n_minus_1 = n - &one;
    let s = n_minus_1.trailing_zeros().unwrap_or(0);
    let d = &n_minus_1 >> s;
    let mut x = BigUint::from(2u32).modpow(&d, n);
    if x != one && x != n_minus_1 {
        let mut passed = false;
        for _ in 1..s {
            x = &x * &x % n;
            if x == n_minus_1 {
                passed = true;
                break;
            }
        }
        if !passed {
            return false;
        }
    }
    strong_lucas(n)
}

/// Jacobi symbol (a / n) for odd n > 0.
fn jacobi(a: &BigUint, n: &BigUint) -> i32 {
    let (mut a, mut n) = (a % n, n.clone());
    let mut result = 1;
    while !a.is_zero() {
        let tz = a.trailing_zeros().unwrap_or(0);
        a >>= tz;
        let n_mod_8 = (&n % 8u32).to_u32().unwrap_or(0);
        if tz % 2 == 1 && (n_mod_8 == 3 || n_mod_8 == 5) {
            result = -result;
        }
        if (&a % 4u32) == BigUint::from(3u32) && n_mod_8 % 4 == 3 {
            result = -result;
        }
        std::mem::swap(&mut a, &mut n);
        a %= &n;
    }
    if n.is_one() {
        result
    } else {
        0
    }
}

/// Strong Lucas probable-prime test for odd n with no prime factor below 1000.
fn strong_lucas(n: &BigUint) -> bool {
    if n.sqrt().pow(2) == *n {
        return false; // Selfridge's search below never ends for squares
    }
    // Selfridge's method A: the first D in 5, -7, 9, -11, ... with (D / n) = -1; P = 1.
    let mut abs_d = 5u64;
    let mut negative = false;
    let d_mod_n = loop {
        let d_mod_n = residue(abs_d, negative, n);
        match jacobi(&d_mod_n, n) {
            -1 => break d_mod_n,
            0 if BigUint::from(abs_d) != *n => return false,
            _ => {}
        }
        abs_d += 2;
        negative = !negative;
    };
    // Q = (1 - D) / 4 as a residue.
    let q = if negative {
        residue((1 + abs_d) / 4, false, n)
    } else {
        residue((abs_d - 1) / 4, true, n)
    };
    let half = |x: BigUint| if x.is_odd() { (x + n) >> 1 } else { x >> 1 };
    let sub = |a: &BigUint, b: &BigUint| (a % n + n - b % n) % n;
    let n_plus_1 = n + 1u32;
    let s = n_plus_1.trailing_zeros().unwrap_or(0);
    let k = &n_plus_1 >> s;
    // U_1 = 1, V_1 = P = 1, Q^1.
    let (mut u, mut v, mut qk) = (BigUint::one(), BigUint::one(), q.clone());
    for i in (0..k.bits() - 1).rev() {
        u = &u * &v % n;
        v = sub(&(&v * &v), &(&qk << 1u32));
        qk = &qk * &qk % n;
        if k.bit(i) {
            let u_next = half(&u + &v);
            v = half(&d_mod_n * &u + &v) % n;
            u = u_next % n;
            qk = &qk * &q % n;
        }
    }
    if u.is_zero() || v.is_zero() {
        return true;
    }
    for _ in 1..s {
        v = sub(&(&v * &v), &(&qk << 1u32));
        if v.is_zero() {
            return true;
        }
        qk = &qk * &qk % n;
    }
    false
}

/// `±x mod n` as a residue.
fn residue(x: u64, negative: bool, n: &BigUint) -> BigUint {
    let r = BigUint::from(x) % n;
    if negative && !r.is_zero() {
        n - r
    } else {
        r
    }
}

// ---------------------------------------------------------------------------------------------
// Pollard-rho factoring.

/// Work allowed per call of [`factor_pm1`], in units of one `u128` rho step (about 25 ns in an
/// optimized build on the reference machine, so about one second in all).
const WORK_BUDGET: u64 = 1 << 25;
/// Cost of one BigUint rho step in those units (measured: about 32 times a `u128` step).
const BIG_RHO_STEP_COST: u64 = 32;

/// Remaining work in `u128` rho-step units; `None` means unlimited.
///
/// Rho, ECM and primality tests draw on `left`. The quadratic sieve has its own allowance,
/// `sieve`: it runs on a composite only when its estimated cost ([`siqs::cost`], a function of
/// the size alone) fits what is left of it, so whether it runs does not depend on the machine.
struct Budget {
    left: Option<u64>,
    sieve: Option<u64>,
}

impl Budget {
    /// No limit at all ([`factor_u128`]).
    fn unlimited() -> Budget {
        Budget {
            left: None,
            sieve: None,
        }
    }

    /// `work` units for rho, ECM and primality tests, and [`SIEVE_ALLOWANCE_FACTOR`] times as
    /// much for the sieve.
    fn limited(work: u64) -> Budget {
        Budget {
            left: Some(work),
            sieve: Some(work.saturating_mul(SIEVE_ALLOWANCE_FACTOR)),
        }
    }

    /// Charges `steps`; false when the budget is exhausted.
    fn charge(&mut self, steps: u64) -> bool {
        match &mut self.left {
            None => true,
            Some(left) => {
                *left = left.saturating_sub(steps);
                *left > 0
            }
        }
    }

    /// Charges the sieve's estimated `cost` if it fits; false (and nothing charged) otherwise.
    fn charge_sieve(&mut self, cost: u64) -> bool {
        match &mut self.sieve {
            None => true,
            Some(left) if *left >= cost => {
                *left -= cost;
                true
            }
            Some(_) => false,
        }
    }
}

/// The sieve's allowance as a multiple of the work budget: with the default budget (about
/// 0.8 s of rho and ECM) it admits composites up to about 66 digits (estimated 3.4 s).
const SIEVE_ALLOWANCE_FACTOR: u64 = 4;

/// Brent's rho on odd composite `n` with polynomial x^2 + c; a proper factor, or None when this
/// `c` failed or the budget ran out.
fn rho_u128(n: u128, c: u128, budget: &mut Budget) -> Option<u128> {
    const BATCH: u64 = 128;
    let mont = Mont::new(n);
    let c = mont.enter(c);
    let f = |y: u128| add_mod(mont.mul(y, y), c, n);
    let (mut y, mut x, mut ys) = (mont.enter(2), 0, 0);
    let (mut g, mut r, mut q) = (1u128, 1u64, mont.one);
    while g == 1 {
        x = y;
        for _ in 0..r {
            y = f(y);
        }
        let mut k = 0;
        while k < r && g == 1 {
            ys = y;
            for _ in 0..BATCH.min(r - k) {
                y = f(y);
                q = mont.mul(q, x.abs_diff(y));
            }
            g = gcd_u128(q, n);
            k += BATCH;
        }
        r *= 2;
        if !budget.charge(r) {
            return None;
        }
    }
    if g == n {
        // The batch overshot: redo it one step at a time.
        loop {
            ys = f(ys);
            g = gcd_u128(x.abs_diff(ys), n);
            if g > 1 {
                break;
            }
        }
    }
    (g != n).then_some(g)
}

/// Brent's rho for `n` above u128, in plain BigUint arithmetic.
fn rho_big(n: &BigUint, c: u32, budget: &mut Budget) -> Option<BigUint> {
    const BATCH: u64 = 64;
    let step_cost = BIG_RHO_STEP_COST * big_mulmod_cost(n.bits());
    let f = |y: &BigUint| (y * y + c) % n;
    let diff = |a: &BigUint, b: &BigUint| if a > b { a - b } else { b - a };
    let (mut y, mut x, mut ys) = (BigUint::from(2u32), BigUint::zero(), BigUint::zero());
    let (mut g, mut r, mut q) = (BigUint::one(), 1u64, BigUint::one());
    while g.is_one() {
        x = y.clone();
        for _ in 0..r {
            y = f(&y);
        }
        let mut k = 0;
        while k < r && g.is_one() {
            ys = y.clone();
            for _ in 0..BATCH.min(r - k) {
                y = f(&y);
                q = q * diff(&x, &y) % n;
            }
            g = q.gcd(n);
            k += BATCH;
        }
        r *= 2;
        if !budget.charge(r * step_cost) {
            return None;
        }
    }
    if g == *n {
        loop {
            ys = f(&ys);
            g = diff(&x, &ys).gcd(n);
            if !g.is_one() {
                break;
            }
        }
    }
    (g != *n).then_some(g)
}

/// Rho steps tried before switching to ECM: rho finds factors below about 2^32 in that time.
const RHO_STEPS: u64 = 1 << 16;

/// ECM on an odd `n` above `u128`: fixed-width Montgomery arithmetic up to 512 bits, plain
/// `BigUint` above.
fn ecm_big(n: &BigUint, budget: &mut Budget) -> Option<BigUint> {
    match n.bits() {
        0..=192 => MontWide::<3>::new(n).and_then(|r| ecm(&r, budget)),
        193..=256 => MontWide::<4>::new(n).and_then(|r| ecm(&r, budget)),
        257..=384 => MontWide::<6>::new(n).and_then(|r| ecm(&r, budget)),
        385..=512 => MontWide::<8>::new(n).and_then(|r| ecm(&r, budget)),
        _ => ecm(&BigMod(n.clone()), budget),
    }
}

/// Splits the composite `n` (odd, no factor below 1000) into two or more factors greater than
/// one whose product is `n`: Pollard-rho for small factors, then ECM, and for composites of
/// [`siqs::MIN_BITS`] to [`siqs::MAX_BITS`] bits a short ECM run followed by the quadratic
/// sieve when its estimated cost fits the sieve allowance.
fn split(n: &BigUint, budget: &mut Budget) -> Option<Vec<BigUint>> {
    let mut rho_budget = Budget {
        left: Some(RHO_STEPS),
        sieve: Some(0),
    };
    let small = n.to_u128();
    let found = match small {
        Some(small) => rho_u128(small, 1, &mut rho_budget).map(BigUint::from),
        None => rho_big(n, 1, &mut rho_budget),
    };
    if let Some(d) = found {
        return Some(vec![n / &d, d]);
    }
    if !budget.charge(RHO_STEPS) {
        return None;
    }
    let bits = n.bits();
    let sieve_range = (siqs::MIN_BITS..=siqs::MAX_BITS).contains(&bits);
    if sieve_range && budget.sieve.is_none_or(|left| left >= siqs::cost(bits)) {
        // ECM first, for a while: it finds a factor of up to about 20 digits faster than the
        // sieve finishes, whatever the size of the cofactor.
        let slice = siqs::cost(bits) / 8;
        let mut ecm_budget = Budget {
            left: Some(budget.left.map_or(slice, |left| left.min(slice))),
            sieve: Some(0),
        };
        let before = ecm_budget.left.unwrap_or(0);
        let found = match small {
            Some(small) => ecm(&Mont::new(small), &mut ecm_budget),
            None => ecm_big(n, &mut ecm_budget),
        };
        budget.charge(before - ecm_budget.left.unwrap_or(0));
        if let Some(d) = found {
            return Some(vec![n / &d, d]);
        }
        if budget.charge_sieve(siqs::cost(bits)) {
            if let Some(parts) = siqs::factor(n) {
                return Some(parts);
            }
        }
    }
    let found = match small {
        Some(small) => ecm(&Mont::new(small), budget),
        None => ecm_big(n, budget),
    };
    found.map(|d| vec![n / &d, d])
}

// ---------------------------------------------------------------------------------------------
// Lenstra's elliptic-curve method (Montgomery curves, Suyama's parametrization, prime-by-prime
// stage 1 and a baby-step giant-step stage 2 to 50 * B1). It finds a 20-digit factor of a
// 128-bit number in well under a second, where rho needs minutes.

/// Arithmetic modulo `n`, in whatever representation the implementation likes.
trait ModN {
    type E: Clone;
    /// Cost of one ECM curve per unit of B1, in `u128` rho-step units (measured).
    fn curve_cost_per_b1(&self) -> u64;
    fn mul(&self, a: &Self::E, b: &Self::E) -> Self::E;
    fn add(&self, a: &Self::E, b: &Self::E) -> Self::E;
    fn sub(&self, a: &Self::E, b: &Self::E) -> Self::E;
    fn small(&self, v: u64) -> Self::E;
    /// `gcd(a, n)` (for `a` in the implementation's representation).
    fn gcd_n(&self, a: &Self::E) -> BigUint;
    fn modulus(&self) -> BigUint;
}

impl ModN for Mont {
    type E = u128;
    fn curve_cost_per_b1(&self) -> u64 {
        10
    }
    fn mul(&self, a: &u128, b: &u128) -> u128 {
        Mont::mul(self, *a, *b)
    }
    fn add(&self, a: &u128, b: &u128) -> u128 {
        add_mod(*a, *b, self.n)
    }
    fn sub(&self, a: &u128, b: &u128) -> u128 {
        if a >= b {
            a - b
        } else {
            a + (self.n - b)
        }
    }
    fn small(&self, v: u64) -> u128 {
        self.enter(u128::from(v))
    }
    fn gcd_n(&self, a: &u128) -> BigUint {
        // a = x * 2^128 mod n and gcd(2^128, n) = 1, so gcd(a, n) = gcd(x, n).
        BigUint::from(gcd_u128(*a, self.n))
    }
    fn modulus(&self) -> BigUint {
        BigUint::from(self.n)
    }
}

/// Plain BigUint residues modulo the wrapped odd number.
struct BigMod(BigUint);

impl ModN for BigMod {
    type E = BigUint;
    fn curve_cost_per_b1(&self) -> u64 {
        300 * big_mulmod_cost(self.0.bits())
    }
    fn mul(&self, a: &BigUint, b: &BigUint) -> BigUint {
        a * b % &self.0
    }
    fn add(&self, a: &BigUint, b: &BigUint) -> BigUint {
        let s = a + b;
        if s >= self.0 {
            s - &self.0
        } else {
            s
        }
    }
    fn sub(&self, a: &BigUint, b: &BigUint) -> BigUint {
        if a >= b {
            a - b
        } else {
            a + &self.0 - b
        }
    }
    fn small(&self, v: u64) -> BigUint {
        BigUint::from(v) % &self.0
    }
    fn gcd_n(&self, a: &BigUint) -> BigUint {
        a.gcd(&self.0)
    }
    fn modulus(&self) -> BigUint {
        self.0.clone()
    }
}

/// A point (X : Z) on a Montgomery curve whose constant (A + 2) / 4 is `num / den`.
struct Curve<'a, R: ModN> {
    ring: &'a R,
    num: R::E,
    den: R::E,
}

type Point<E> = (E, E);

impl<R: ModN> Curve<'_, R> {
    fn dbl(&self, (x, z): &Point<R::E>) -> Point<R::E> {
        let r = self.ring;
        let s = r.add(x, z);
        let s = r.mul(&s, &s);
        let d = r.sub(x, z);
        let d = r.mul(&d, &d);
        let t = r.sub(&s, &d);
        let dd = r.mul(&self.den, &d);
        let x2 = r.mul(&dd, &s);
        let z2 = r.mul(&t, &r.add(&dd, &r.mul(&self.num, &t)));
        (x2, z2)
    }

    /// P + Q from P, Q and P - Q.
    fn add(&self, p: &Point<R::E>, q: &Point<R::E>, diff: &Point<R::E>) -> Point<R::E> {
        let r = self.ring;
        let u = r.mul(&r.sub(&p.0, &p.1), &r.add(&q.0, &q.1));
        let v = r.mul(&r.add(&p.0, &p.1), &r.sub(&q.0, &q.1));
        let plus = r.add(&u, &v);
        let minus = r.sub(&u, &v);
        (
            r.mul(&diff.1, &r.mul(&plus, &plus)),
            r.mul(&diff.0, &r.mul(&minus, &minus)),
        )
    }

    /// k * P by the Montgomery ladder (k >= 1).
    fn mul(&self, k: u64, p: &Point<R::E>) -> Point<R::E> {
        let (mut r0, mut r1) = (p.clone(), self.dbl(p));
        for bit in (0..63 - k.leading_zeros()).rev() {
            if (k >> bit) & 1 == 1 {
                r0 = self.add(&r1, &r0, p);
                r1 = self.dbl(&r1);
            } else {
                r1 = self.add(&r0, &r1, p);
                r0 = self.dbl(&r0);
            }
        }
        r0
    }
}

/// Stage-1 bound for the i-th curve: 15-, 20- and 25-digit factors (GMP-ECM's table).
fn ecm_b1(curve: usize) -> u64 {
    match curve {
        0..=24 => 2_000,
        25..=114 => 11_000,
        _ => 50_000,
    }
}

const ECM_B2_FACTOR: u64 = 50;
const ECM_WHEEL: u64 = 210;

/// Primality flags up to the largest stage-2 bound.
fn prime_sieve() -> &'static [bool] {
    static SIEVE: OnceLock<Vec<bool>> = OnceLock::new();
    SIEVE.get_or_init(|| {
        let limit = (ecm_b1(usize::MAX) * ECM_B2_FACTOR + 2 * ECM_WHEEL) as usize;
        let mut is_prime = vec![true; limit + 1];
        is_prime[0] = false;
        is_prime[1] = false;
        for i in (2..).take_while(|i| i * i <= limit) {
            if is_prime[i] {
                (i * i..=limit).step_by(i).for_each(|j| is_prime[j] = false);
            }
        }
        is_prime
    })
}

/// Curves until a proper factor of the modulus turns up or the budget runs out.
fn ecm<R: ModN>(ring: &R, budget: &mut Budget) -> Option<BigUint> {
    let n = ring.modulus();
    for (curve, sigma) in (6u64..).enumerate() {
        let b1 = ecm_b1(curve);
        if !budget.charge(b1 * ring.curve_cost_per_b1()) {
            return None;
        }
        let g = ecm_curve(ring, sigma, b1);
        if !g.is_one() && g != n {
            return Some(g);
        }
    }
    None
}

/// One curve with parameter `sigma`: the gcd of the accumulated values with n.
fn ecm_curve<R: ModN>(r: &R, sigma: u64, b1: u64) -> BigUint {
    // Suyama: u = sigma^2 - 5, v = 4 sigma, P = (u^3 : v^3),
    // (A + 2) / 4 = (v - u)^3 (3u + v) / (16 u^3 v).
    let s = r.small(sigma);
    let u = r.sub(&r.mul(&s, &s), &r.small(5));
    let v = r.mul(&r.small(4), &s);
    let u3 = r.mul(&u, &r.mul(&u, &u));
    let v3 = r.mul(&v, &r.mul(&v, &v));
    let vmu = r.sub(&v, &u);
    let num = r.mul(
        &r.mul(&vmu, &r.mul(&vmu, &vmu)),
        &r.add(&r.mul(&r.small(3), &u), &v),
    );
    let den = r.mul(&r.small(16), &r.mul(&u3, &v));
    let curve = Curve { ring: r, num, den };
    let mut p = (u3, v3);
    let sieve = prime_sieve();
    for prime in (2..=b1).filter(|&i| sieve[i as usize]) {
        let mut power = prime;
        while power * prime <= b1 {
            power *= prime;
        }
        p = curve.mul(power, &p);
    }
    let g = r.gcd_n(&p.1);
    if !g.is_one() {
        return g;
    }
    ecm_stage2(&curve, &p, b1, sieve)
}

/// Stage 2: primes pi in (B1, 50 B1] written as pi = 210 m +- j; pi * P = O mod a prime r
/// makes x(210 m P) = x(j P) mod r, so r divides the product of the cross differences.
fn ecm_stage2<R: ModN>(curve: &Curve<'_, R>, p: &Point<R::E>, b1: u64, sieve: &[bool]) -> BigUint {
    let r = curve.ring;
    let b2 = b1 * ECM_B2_FACTOR;
    // Baby steps: j P for odd j < 105, built as (j + 2) P = j P + 2 P with difference (j - 2) P.
    let p2 = curve.dbl(p);
    let mut odd = vec![p.clone(), curve.add(&p2, p, p)];
    while odd.len() < (ECM_WHEEL / 4 + 1) as usize {
        let k = odd.len();
        odd.push(curve.add(&odd[k - 1], &p2, &odd[k - 2]));
    }
    let baby: Vec<(u64, Point<R::E>)> = (0u64..)
        .zip(odd)
        .map(|(i, pt)| (2 * i + 1, pt))
        .filter(|(j, _)| j.gcd(&ECM_WHEEL) == 1)
        .collect();
    // m0 >= 2 so that the first giant step has a difference point (m0 - 1) 210 P.
    let m0 = (b1 / ECM_WHEEL).max(2);
    let step = curve.mul(ECM_WHEEL, p);
    let mut prev = curve.mul((m0 - 1) * ECM_WHEEL, p);
    let mut giant = curve.mul(m0 * ECM_WHEEL, p);
    let mut acc = r.small(1);
    let mut m = m0;
    while m * ECM_WHEEL <= b2 + ECM_WHEEL {
        let centre = m * ECM_WHEEL;
        for (j, (xj, zj)) in &baby {
            let hit = |k: u64| k > b1 && k <= b2 && sieve[k as usize];
            if hit(centre - j) || hit(centre + j) {
                let cross = r.sub(&r.mul(&giant.0, zj), &r.mul(xj, &giant.1));
                acc = r.mul(&acc, &cross);
            }
        }
        let next = curve.add(&giant, &step, &prev);
        prev = std::mem::replace(&mut giant, next);
        m += 1;
    }
    r.gcd_n(&acc)
}

/// What [`factor_into`] could not factor.
#[derive(Debug)]
enum Leftover {
    /// A composite (it failed BPSW) that rho and ECM did not split within the budget.
    Composite(BigUint),
    /// A number whose primality test alone would cost more than the budget left.
    Untested(BigUint),
}

/// Cost of one multiplication modulo a `bits`-bit number in plain BigUint arithmetic, in
/// `u128` rho-step units (about 25 ns). Measured in an optimized build: about 1 unit up to
/// 256 bits, then growing like the square of the size (schoolbook multiplication and division
/// in num-bigint at these sizes).
fn big_mulmod_cost(bits: u64) -> u64 {
    let limbs = bits.div_ceil(64).max(4);
    (limbs * limbs / 16).max(1)
}

/// Cost of [`is_probable_prime`] on a `bits`-bit number, in the same units: a base-2
/// Miller-Rabin and a strong Lucas test, about three modular multiplications per bit.
fn prp_cost(bits: u64) -> u64 {
    bits.saturating_mul(3).saturating_mul(big_mulmod_cost(bits))
}

/// Prime factorization of `n >= 1` into `out`; on budget exhaustion, what was left over.
fn factor_into(
    n: BigUint,
    budget: &mut Budget,
    out: &mut BTreeMap<BigUint, u32>,
) -> Result<(), Leftover> {
    let mut n = n;
    for &p in small_primes() {
        while !n.is_zero() && (&n % p).is_zero() {
            n /= p;
            *out.entry(BigUint::from(p)).or_insert(0) += 1;
        }
    }
    let mut stack = vec![n];
    while let Some(m) = stack.pop() {
        if m.is_one() {
            continue;
        }
        if m.bits() > 128 && !budget.charge(prp_cost(m.bits())) {
            return Err(Leftover::Untested(m));
        }
        if is_probable_prime(&m) {
            *out.entry(m).or_insert(0) += 1;
            continue;
        }
        let Some(parts) = split(&m, budget) else {
            return Err(Leftover::Composite(m));
        };
        stack.extend(parts);
    }
    Ok(())
}

/// The complete prime factorization of `n`, ascending, as (prime, exponent) pairs.
///
/// `0` and `1` give an empty vector. There is no work limit here, so this always finishes; the
/// worst case, a product of two primes near 2^64, takes about a second in an optimized build
/// (ECM). [`factor_pm1`] is the bounded entry point for orders.
///
/// ```
/// use gf_core::integer::factor_u128;
/// assert_eq!(factor_u128((1 << 64) - 1), vec![(3, 1), (5, 1), (17, 1), (257, 1), (641, 1), (65537, 1), (6700417, 1)]);
/// ```
pub fn factor_u128(n: u128) -> Vec<(u128, u32)> {
    let mut out = BTreeMap::new();
    if n == 0 || factor_into(BigUint::from(n), &mut Budget::unlimited(), &mut out).is_err() {
        // An unlimited budget never runs out; 0 has no factorization.
        return Vec::new();
    }
    out.into_iter()
        .filter_map(|(p, e)| p.to_u128().map(|p| (p, e)))
        .collect()
}

/// The complete prime factorization of `n >= 1`, ascending, as (prime, exponent) pairs, within
/// the same work budget as [`factor_pm1`]: trial division, Pollard-rho, ECM, and the quadratic
/// sieve for composites of up to about 66 digits. Deterministic: the same `n` gives the same
/// answer (or the same error) on every machine.
///
/// ```
/// use gf_core::integer::factor_big;
/// use num_bigint::BigUint;
/// // A 39-digit part of 2^326 - 1 (two primes of 16 and 24 digits).
/// let n: BigUint = "345469073461259037175577984223114108571".parse().unwrap();
/// let f = factor_big(&n).unwrap();
/// assert_eq!(f[0].0, BigUint::from(1023398150341859u64));
/// assert_eq!(f[1].0, "337570547050390415041769".parse().unwrap());
/// ```
///
/// # Errors
/// [`IntFactorError::Unfactored`] naming the part left when the budget ran out (`n = 0` is
/// [`IntFactorError::Zero`]).
pub fn factor_big(n: &BigUint) -> Result<Vec<(BigUint, u32)>, IntFactorError> {
    factor_big_with_work(n, WORK_BUDGET)
}

/// [`factor_big`] with a work budget of `work` units of about 25 ns instead of the default
/// 2^25 (the quadratic sieve gets four times as much): for benchmarks and for callers who
/// accept a longer wait, e.g. `1 << 30` lets the sieve take 70-digit balanced semiprimes.
///
/// # Errors
/// As [`factor_big`].
pub fn factor_big_with_work(n: &BigUint, work: u64) -> Result<Vec<(BigUint, u32)>, IntFactorError> {
    if n.is_zero() {
        return Err(IntFactorError::Zero);
    }
    let mut out = BTreeMap::new();
    factor_into(n.clone(), &mut Budget::limited(work), &mut out).map_err(|left| match left {
        Leftover::Composite(cofactor) => IntFactorError::Unfactored {
            bits: cofactor.bits(),
            cofactor,
            composite: true,
        },
        Leftover::Untested(cofactor) => IntFactorError::Unfactored {
            bits: cofactor.bits(),
            cofactor,
            composite: false,
        },
    })?;
    Ok(out.into_iter().collect())
}

// ---------------------------------------------------------------------------------------------
// The Cunningham table and p^m - 1.

type Factors = Vec<(BigUint, u32)>;

const CUNNINGHAM: &str = include_str!("../data/cunningham.txt");

/// Exponents `e` with `2^e - 1` prime (OEIS A000043), one per line.
const MERSENNE_EXPONENTS: &str = include_str!("../data/mersenne-exponents.txt");

/// Lines of `text` that are neither comments nor blank.
fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
}

/// Parses the factor list of a table line, `f1^e1 * f2 * ...` (empty for `p^m - 1 = 1`).
fn parse_factor_list(rest: &str) -> Option<Factors> {
    let rest = rest.trim();
    let mut factors = Vec::new();
    if !rest.is_empty() {
        for item in rest.split(" * ") {
            let (base, exp) = item.split_once('^').unwrap_or((item, "1"));
            factors.push((base.parse().ok()?, exp.parse().ok()?));
        }
    }
    Some(factors)
}

/// Splits one table line `p m f1^e1 * f2 * ...` into its key and its (unparsed) factor list.
fn split_table_line(line: &'static str) -> Option<((u64, u64), &'static str)> {
    let mut words = line.splitn(3, ' ');
    let p = words.next()?.parse().ok()?;
    let m = words.next()?.parse().ok()?;
    Some(((p, m), words.next().unwrap_or("")))
}

/// The embedded table as an index from `(p, m)` to the text of its factor list, built on first
/// use. The factors themselves are parsed only when an entry is looked up ([`table_entry`]):
/// the table is 300 kB, most of it digits of large primes that a run rarely needs. Lines that
/// do not split are skipped; the test `cunningham_table_is_complete_and_correct` checks that
/// every line splits and parses.
fn table_index() -> &'static HashMap<(u64, u64), &'static str> {
    static INDEX: OnceLock<HashMap<(u64, u64), &'static str>> = OnceLock::new();
    INDEX.get_or_init(|| {
        data_lines(CUNNINGHAM)
            .filter_map(split_table_line)
            .collect()
    })
}

/// The table's factorization of `p^m - 1`, if it has one.
fn table_entry(p: u64, m: u64) -> Option<Factors> {
    table_index()
        .get(&(p, m))
        .and_then(|rest| parse_factor_list(rest))
}

/// The known Mersenne exponents, ascending.
fn mersenne_exponents() -> &'static [u64] {
    static EXPONENTS: OnceLock<Vec<u64>> = OnceLock::new();
    EXPONENTS.get_or_init(|| {
        data_lines(MERSENNE_EXPONENTS)
            .filter_map(|l| l.trim().parse().ok())
            .collect()
    })
}

/// Whether `2^e - 1` is a known Mersenne prime (OEIS A000043, embedded).
///
/// ```
/// use gf_core::integer::is_mersenne_exponent;
/// assert!(is_mersenne_exponent(86243) && !is_mersenne_exponent(11));
/// ```
pub fn is_mersenne_exponent(e: u64) -> bool {
    mersenne_exponents().binary_search(&e).is_ok()
}

/// Factorizations computed outside the table, kept for reuse.
fn computed() -> &'static Mutex<HashMap<(u64, u64), Factors>> {
    static CACHE: OnceLock<Mutex<HashMap<(u64, u64), Factors>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// The complete prime factorization of `p^m - 1`, ascending, as (prime, exponent) pairs.
///
/// Any base `p >= 2` works (it need not be prime). Entries of the embedded Cunningham table
/// (p = 2: m <= 1,206, 3: m <= 162, 5: m <= 110, 7: m <= 91) are returned directly, and so is
/// `2^m - 1` for a known Mersenne exponent `m` ([`is_mersenne_exponent`]). Other values are
/// split into cyclotomic factors `Phi_d(p)`, `d | m`; each is factored with the primes of the
/// table entry `p^d - 1` when it exists, else by trial division, Pollard-rho and ECM within a
/// fixed work budget (about one second; the costs charged grow with the size of the number,
/// so a cofactor of thousands of digits ends the search at once). Results are cached for the
/// life of the process.
///
/// # Errors
/// [`IntFactorError::InvalidInput`] for `p < 2` or `m == 0`; [`IntFactorError::Incomplete`]
/// when a composite cofactor resists the budget; [`IntFactorError::Untested`] when a cofactor
/// is too large even to test for primality in the budget (e.g. `2^50000 - 1`).
pub fn factor_pm1(p: u64, m: u64) -> Result<Vec<(BigUint, u32)>, IntFactorError> {
    factor_pm1_with_budget(p, m, WORK_BUDGET)
}

fn factor_pm1_with_budget(p: u64, m: u64, work: u64) -> Result<Factors, IntFactorError> {
    if p < 2 || m == 0 {
        return Err(IntFactorError::InvalidInput { p, m });
    }
    if let Some(f) = table_entry(p, m) {
        return Ok(f);
    }
    if p == 2 && is_mersenne_exponent(m) {
        return Ok(vec![((BigUint::one() << m) - 1u32, 1)]);
    }
    if let Some(f) = computed().lock().ok().and_then(|c| c.get(&(p, m)).cloned()) {
        return Ok(f);
    }
    // log2(p^m - 1) < m * (bits of p): above the limit the cyclotomic values alone would take
    // hundreds of megabytes, and nothing could be tested or factored in the budget anyway.
    let bits = m.saturating_mul(u64::from(64 - p.leading_zeros()));
    if bits > MAX_PM1_BITS {
        return Err(IntFactorError::Untested {
            p,
            m,
            d: m,
            bits,
            work,
        });
    }
    let mut out = BTreeMap::new();
    let mut budget = Budget::limited(work);
    for d in divisors(m) {
        if p == 2 && is_mersenne_exponent(d) {
            // Phi_d(2) = 2^d - 1 for prime d: a known prime, no test needed.
            out.insert((BigUint::one() << d) - 1u32, 1);
            continue;
        }
        let phi = cyclotomic_value(p, d);
        let rest = match table_entry(p, d) {
            Some(known) => strip_known(phi, &known, &mut out),
            None => phi,
        };
        factor_into(rest, &mut budget, &mut out).map_err(|left| match left {
            Leftover::Composite(cofactor) => IntFactorError::Incomplete {
                p,
                m,
                d,
                cofactor,
                work,
            },
            Leftover::Untested(n) => IntFactorError::Untested {
                p,
                m,
                d,
                bits: n.bits(),
                work,
            },
        })?;
    }
    let factors: Factors = out.into_iter().collect();
    if let Ok(mut cache) = computed().lock() {
        cache.insert((p, m), factors.clone());
    }
    Ok(factors)
}

/// Largest `log2(p^m - 1)` that [`factor_pm1`] works on outside the table and the Mersenne
/// primes (2^22 bits, about 1.3 million digits).
const MAX_PM1_BITS: u64 = 1 << 22;

/// Divides the known primes out of `n`, recording them; returns what is left.
fn strip_known(mut n: BigUint, known: &Factors, out: &mut BTreeMap<BigUint, u32>) -> BigUint {
    for (prime, _) in known {
        while (&n % prime).is_zero() {
            n /= prime;
            *out.entry(prime.clone()).or_insert(0) += 1;
        }
    }
    n
}

/// Divisors of m, ascending.
fn divisors(m: u64) -> Vec<u64> {
    let mut small: Vec<u64> = (1..)
        .take_while(|d| d * d <= m)
        .filter(|d| m % d == 0)
        .collect();
    let large: Vec<u64> = small.iter().rev().map(|d| m / d).collect();
    small.extend(large.into_iter().filter(|d| d * d != m));
    small
}

/// The Moebius function.
pub(crate) fn moebius(mut n: u64) -> i32 {
    let mut result = 1;
    let mut d = 2;
    while d * d <= n {
        if n % d == 0 {
            n /= d;
            if n % d == 0 {
                return 0;
            }
            result = -result;
        }
        d += 1;
    }
    if n > 1 {
        -result
    } else {
        result
    }
}

/// `Phi_d(p) = prod_{e | d} (p^e - 1)^mu(d / e)`.
fn cyclotomic_value(p: u64, d: u64) -> BigUint {
    let (mut num, mut den) = (BigUint::one(), BigUint::one());
    for e in divisors(d) {
        let term = BigUint::from(p).pow(e as u32) - 1u32;
        match moebius(d / e) {
            1 => num *= term,
            -1 => den *= term,
            _ => {}
        }
    }
    num / den
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute_is_prime(n: u128) -> bool {
        n >= 2 && (2..).take_while(|d| d * d <= n).all(|d| n % d != 0)
    }

    #[test]
    fn is_prime_u128_matches_trial_division_below_100000() {
        for n in 0..100_000u128 {
            assert_eq!(is_prime_u128(n), brute_is_prime(n), "n = {n}");
        }
    }

    #[test]
    fn known_primes_and_pseudoprimes() {
        // Mersenne primes and composites, Carmichael numbers, strong pseudoprimes to many bases.
        let primes: [u128; 5] = [
            (1 << 61) - 1,
            (1 << 89) - 1,
            (1 << 107) - 1,
            (1 << 127) - 1,
            18446744073709551557, // largest prime below 2^64
        ];
        for p in primes {
            assert!(is_prime_u128(p), "{p}");
            assert!(is_probable_prime(&BigUint::from(p)), "{p}");
        }
        let composites: [u128; 7] = [
            561,
            3215031751,                        // spsp(2,3,5,7)
            3825123056546413051,               // spsp to bases 2..=23
            318665857834031151167461,          // spsp to bases 2..=37
            3317044064679887385961981,         // spsp to bases 2..=41 (MR13_BOUND)
            (1 << 67) - 1,                     // 193707721 * 761838257287
            18446744030759878681 * 4294967291, // 2^64-ish prime times 2^32-ish prime
        ];
        for c in composites {
            assert!(!is_prime_u128(c), "{c}");
        }
    }

    #[test]
    fn bpsw_on_big_numbers() {
        let two = BigUint::from(2u32);
        let m607 = two.pow(607) - 1u32;
        let m521 = two.pow(521) - 1u32;
        assert!(is_probable_prime(&m607));
        assert!(!is_probable_prime(&(two.pow(523) - 1u32)));
        assert!(!is_probable_prime(&(&m521 * &m607)));
        assert!(!is_probable_prime(&(&m521 * &m521)));
        // F8 = 2^256 + 1 is composite; its large cofactor is prime.
        let f8 = two.pow(256) + 1u32;
        assert!(!is_probable_prime(&f8));
        let cof: BigUint = "93461639715357977769163558199606896584051237541638188580280321"
            .parse()
            .unwrap();
        assert_eq!(&cof * 1238926361552897u64, f8);
        assert!(is_probable_prime(&cof));
    }

    #[test]
    fn strong_lucas_known_pseudoprimes() {
        // OEIS A217255: strong Lucas pseudoprimes (Selfridge parameters); base 2 rejects them.
        for n in [
            5459u32, 5777, 10877, 16109, 18971, 22499, 24569, 25199, 40309, 58519,
        ] {
            let big = BigUint::from(n);
            assert!(strong_lucas(&big), "{n} is a strong Lucas pseudoprime");
            assert!(!is_prime_u128(u128::from(n)));
        }
        for n in [5461u32, 5775, 10873, 16107] {
            assert!(!strong_lucas(&BigUint::from(n)), "{n}");
        }
        for p in [10007u32, 65521, 1_000_003] {
            assert!(strong_lucas(&BigUint::from(p)), "{p}");
        }
    }

    #[test]
    fn factor_u128_known_values() {
        assert_eq!(factor_u128(0), vec![]);
        assert_eq!(factor_u128(1), vec![]);
        assert_eq!(factor_u128(2), vec![(2, 1)]);
        assert_eq!(factor_u128(1 << 100), vec![(2, 100)]);
        assert_eq!(
            factor_u128((1 << 67) - 1),
            vec![(193707721, 1), (761838257287, 1)]
        );
        // 2^128 - 1 = F0 F1 ... F6
        assert_eq!(
            factor_u128(u128::MAX),
            vec![
                (3, 1),
                (5, 1),
                (17, 1),
                (257, 1),
                (641, 1),
                (65537, 1),
                (274177, 1),
                (6700417, 1),
                (67280421310721, 1)
            ]
        );
        let p = 1_000_000_007u128;
        assert_eq!(factor_u128(p * p * p * 4), vec![(2, 2), (p, 3)]);
    }

    #[test]
    fn factor_u128_product_and_primality_for_many_values() {
        let mut x = 0x9E37_79B9_7F4A_7C15u128;
        for _ in 0..300 {
            x = x
                .wrapping_mul(0x2545_F491_4F6C_DD1D)
                .wrapping_add(1442695040888963407);
            let n = x >> 60; // 68-bit values: rho stays fast
            let f = factor_u128(n);
            let product: u128 = f.iter().map(|&(p, e)| p.pow(e)).product();
            assert_eq!(product, n);
            assert!(f.iter().all(|&(p, _)| brute_or_mr(p)));
            assert!(f.windows(2).all(|w| w[0].0 < w[1].0));
        }
    }

    fn brute_or_mr(p: u128) -> bool {
        if p < 1 << 40 {
            brute_is_prime(p)
        } else {
            is_prime_u128(p)
        }
    }

    fn product(f: &Factors) -> BigUint {
        f.iter().map(|(p, e)| p.pow(*e)).product()
    }

    /// `f` is the complete factorization of `p^m - 1`: its product, every factor a (probable)
    /// prime, factors strictly ascending.
    fn assert_factors_pm1(p: u64, m: u64, f: &Factors) {
        let want = BigUint::from(p).pow(m as u32) - 1u32;
        assert_eq!(product(f), want, "{p}^{m}-1");
        assert!(f.windows(2).all(|w| w[0].0 < w[1].0), "{p}^{m}-1 ascending");
        for (q, _) in f {
            assert!(is_probable_prime(q), "{p}^{m}-1: {q}");
        }
    }

    /// Every table line, parsed (panics on a line that does not parse).
    fn all_table_entries() -> Vec<((u64, u64), Factors)> {
        let lines: Vec<&str> = data_lines(CUNNINGHAM).collect();
        assert_eq!(lines.len(), 1206 + 162 + 110 + 91);
        assert_eq!(table_index().len(), lines.len(), "every line splits");
        let mut entries: Vec<_> = lines
            .iter()
            .map(|l| {
                let (key, rest) = split_table_line(l).unwrap();
                let f = parse_factor_list(rest).unwrap_or_else(|| panic!("parses: {l}"));
                (key, f)
            })
            .collect();
        entries.sort_by_key(|(key, _)| *key);
        entries
    }

    #[test]
    fn cunningham_table_is_complete_and_correct() {
        // Every (p, m) of the stated ranges, each product equal to p^m - 1, factors ascending;
        // BPSW on every factor of the rows for m <= 128 and of every 25th row above (the full
        // check is `cunningham_table_every_factor_is_a_probable_prime`, in release).
        let entries = all_table_entries();
        for (p, top) in [(2u64, 1206u64), (3, 162), (5, 110), (7, 91)] {
            for m in 1..=top {
                assert!(table_index().contains_key(&(p, m)), "{p}^{m}-1 missing");
            }
        }
        for (i, ((p, m), f)) in entries.iter().enumerate() {
            let want = BigUint::from(*p).pow(*m as u32) - 1u32;
            assert_eq!(product(f), want, "{p}^{m}-1");
            assert!(f.windows(2).all(|w| w[0].0 < w[1].0), "{p}^{m}-1 ascending");
            if *m <= 128 || i % 25 == 0 {
                for (q, _) in f {
                    assert!(is_probable_prime(q), "{p}^{m}-1: {q}");
                }
            }
        }
        assert_eq!(table_entry(2, 12).unwrap(), factor_pm1(2, 12).unwrap());
        assert!(table_entry(2, 1207).is_none());
    }

    #[test]
    #[ignore = "BPSW on every factor of the table: about 10 s in an optimized build"]
    fn cunningham_table_every_factor_is_a_probable_prime() {
        for ((p, m), f) in all_table_entries() {
            assert_factors_pm1(p, m, &f);
        }
    }

    /// Lucas-Lehmer: whether 2^e - 1 is prime, for an odd prime e.
    fn lucas_lehmer(e: u64) -> bool {
        let n = (BigUint::one() << e) - 1u32;
        let mut s = BigUint::from(4u32);
        for _ in 0..e - 2 {
            let sq = &s * &s;
            // Reduce mod 2^e - 1 by folding the high bits onto the low ones.
            let mut r = (&sq >> e) + (sq & &n);
            if r >= n {
                r -= &n;
            }
            s = if r >= BigUint::from(2u32) {
                r - 2u32
            } else {
                r + &n - 2u32
            };
        }
        s.is_zero() || s == n
    }

    fn check_mersenne_exponents_below(limit: u64) {
        for e in (3..limit).filter(|&e| brute_is_prime(u128::from(e))) {
            assert_eq!(is_mersenne_exponent(e), lucas_lehmer(e), "2^{e} - 1");
        }
        assert!(is_mersenne_exponent(2));
        let listed = mersenne_exponents();
        assert_eq!(listed.len(), 52);
        assert!(listed.windows(2).all(|w| w[0] < w[1]));
        assert!(listed.iter().all(|&e| brute_is_prime(u128::from(e))));
    }

    #[test]
    fn mersenne_exponents_match_lucas_lehmer() {
        check_mersenne_exponents_below(1300);
        // The table and the exponent list agree: for prime m <= 1206, 2^m - 1 is one prime
        // exactly when m is listed.
        for m in (2..=1206u64).filter(|&m| brute_is_prime(u128::from(m))) {
            let f = table_entry(2, m).unwrap();
            assert_eq!(
                f.len() == 1 && f[0].1 == 1,
                is_mersenne_exponent(m),
                "m = {m}"
            );
        }
    }

    #[test]
    #[ignore = "Lucas-Lehmer for every prime below 4,500: seconds in an optimized build"]
    fn mersenne_exponents_match_lucas_lehmer_to_4500() {
        check_mersenne_exponents_below(4500);
    }

    #[test]
    fn factor_pm1_mersenne_primes_beyond_the_table() {
        for e in [1279u64, 2203, 86243] {
            let f = factor_pm1(2, e).unwrap();
            assert_eq!(f, vec![((BigUint::one() << e) - 1u32, 1)]);
        }
        // 2^(2 * 1279) - 1 = (2^1279 - 1)(2^1279 + 1): the Mersenne half comes for free.
        match factor_pm1(2, 2 * 1279) {
            Ok(f) => assert_factors_pm1(2, 2 * 1279, &f),
            Err(IntFactorError::Incomplete { d, .. } | IntFactorError::Untested { d, .. }) => {
                assert_eq!(d, 2 * 1279)
            }
            Err(e) => panic!("{e}"),
        }
    }

    /// Beyond the table and the Mersenne primes the answer is a prompt typed error (or a
    /// complete, checked factorization), never an endless search.
    fn check_bounded(m: u64) {
        match factor_pm1(2, m) {
            Ok(f) => assert_factors_pm1(2, m, &f),
            Err(IntFactorError::Incomplete { cofactor, d, .. }) => {
                assert_eq!(m % d, 0);
                assert!(!is_probable_prime(&cofactor));
            }
            Err(IntFactorError::Untested { d, bits, .. }) => {
                assert_eq!(m % d, 0);
                assert!(bits > 128);
            }
            Err(e) => panic!("2^{m} - 1: {e}"),
        }
    }

    #[test]
    fn factor_pm1_beyond_the_table_is_bounded() {
        check_bounded(1213); // prime, not a Mersenne exponent
        check_bounded(2000);
    }

    #[test]
    #[ignore = "huge cyclotomic values: seconds in an optimized build"]
    fn factor_pm1_far_beyond_the_table_is_bounded() {
        for m in [50_000u64, 50_021, 100_000] {
            check_bounded(m);
        }
        assert!(matches!(
            factor_pm1(2, 1 << 30),
            Err(IntFactorError::Untested { .. })
        ));
    }

    #[test]
    fn factor_pm1_off_table_via_cyclotomic_split() {
        // 2^300 - 1 is beyond the table: every Phi_d(2), d | 300, is at most Phi_300(2) (~2^80)
        // or comes from the table.
        for (p, m) in [
            (2u64, 300u64),
            (3, 170),
            (11, 12),
            (251, 8),
            (65521, 6),
            (2, 264),
        ] {
            assert_factors_pm1(p, m, &factor_pm1(p, m).unwrap());
        }
        // The cyclotomic path agrees with the table where both apply.
        for (p, m) in [(2u64, 60u64), (3, 30), (7, 24)] {
            let mut out = BTreeMap::new();
            for d in divisors(m) {
                factor_into(cyclotomic_value(p, d), &mut Budget::unlimited(), &mut out).unwrap();
            }
            let direct: Factors = out.into_iter().collect();
            assert_eq!(direct, table_entry(p, m).unwrap());
        }
    }

    fn check_ecm(p: u128, q: u128) {
        assert!(is_prime_u128(p) && is_prime_u128(q));
        let f = ecm(&Mont::new(p * q), &mut Budget::unlimited()).unwrap();
        assert!(
            f == BigUint::from(p) || f == BigUint::from(q),
            "{p} * {q}: {f}"
        );
        assert_eq!(factor_u128(p * q), vec![(p.min(q), 1), (p.max(q), 1)]);
    }

    #[test]
    fn ecm_splits_products_of_two_50_bit_primes() {
        // 2^50 - 27 and 2^50 + 55: rho would need about 2^25 steps.
        check_ecm(1125899906842597, 1125899906842679);
    }

    #[test]
    #[ignore = "about 10 s in a debug build; run with --release -- --ignored"]
    fn ecm_splits_products_of_two_64_bit_primes() {
        // 2^64 - 59 and 2^64 - 83: the worst case for u128.
        check_ecm(18446744073709551557, 18446744073709551533);
    }

    #[test]
    fn factor_pm1_needs_ecm_for_these() {
        // Each has a cyclotomic part whose cofactor (98 and 124 bits) has no factor below 2^45.
        for (p, m) in [(251u64, 19u64), (251, 25)] {
            assert_factors_pm1(p, m, &factor_pm1(p, m).unwrap());
        }
    }

    #[test]
    fn factor_pm1_errors() {
        assert_eq!(
            factor_pm1(1, 5),
            Err(IntFactorError::InvalidInput { p: 1, m: 5 })
        );
        assert_eq!(
            factor_pm1(2, 0),
            Err(IntFactorError::InvalidInput { p: 2, m: 0 })
        );
        // 251^19 - 1 is off the table and Phi_19(251) has a 98-bit cofactor with no prime
        // factor below 2^45 (rho fails, ECM is needed): a tiny budget must give a typed error
        // naming the composite cofactor.
        match factor_pm1_with_budget(251, 19, 1000) {
            Err(IntFactorError::Incomplete { d, cofactor, .. }) => {
                assert_eq!(d, 19);
                assert!(!is_probable_prime(&cofactor));
            }
            other => panic!("expected Incomplete, got {other:?}"),
        }
    }

    #[test]
    fn moebius_values() {
        let expected = [1, -1, -1, 0, -1, 1, -1, 0, 0, 1, -1, 0];
        for (i, &m) in expected.iter().enumerate() {
            assert_eq!(moebius(i as u64 + 1), m, "mu({})", i + 1);
        }
    }

    #[test]
    fn cyclotomic_values() {
        assert_eq!(cyclotomic_value(2, 1), BigUint::from(1u32));
        assert_eq!(cyclotomic_value(2, 12), BigUint::from(13u32)); // x^4 - x^2 + 1
        assert_eq!(cyclotomic_value(3, 6), BigUint::from(7u32)); // x^2 - x + 1
        assert_eq!(cyclotomic_value(10, 5), BigUint::from(11111u32));
    }
}
