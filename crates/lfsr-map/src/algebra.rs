//! The cycle structure of an LFSR from the factorization of its characteristic polynomial,
//! without visiting a single state (Elspas 1959, Golomb; Lidl & Niederreiter ch. 8).
//!
//! # The mathematics
//!
//! The state space of an LFSR of degree `d` over GF(q) is the module `GF(q)[x]/(f)`, `f` its
//! characteristic polynomial, and one clock step multiplies by `x`. Write
//! `f = x^e0 * prod g_i^e_i` with the `g_i != x` monic irreducible, pairwise coprime, of degree
//! `m_i`. By the Chinese remainder theorem the state space is the direct product of
//! `GF(q)[x]/(x^e0)` and the *primary parts* `GF(q)[x]/(g_i^e_i)`, and the step acts on each
//! factor separately:
//!
//! * **The nilpotent part** `x^e0` holds no cycle but its zero state. A state whose component
//!   there is annihilated by `x^t` but not by `x^(t-1)` reaches a cycle after exactly `t`
//!   steps. There are `q^t - q^(t-1)` such components, and the other components are free, so
//!   `(q^t - q^(t-1)) * q^(d - e0)` states have tail `t`, for `t = 1..=e0`; the transient states
//!   number `q^d - q^(d - e0)` and the longest tail is `e0`.
//! * **A primary part** `g^e` (degree `m`): the `q^(m k) - q^(m (k-1))` states annihilated by
//!   `g^k` but not by `g^(k-1)` all have period `ord(g^k) = ord(g) * p^t`, `t` the least integer
//!   with `p^t >= k` (`p` the characteristic, not `q`), for `k = 1..=e`; the zero state has
//!   period 1.
//! * **Product**: a cycle of length `a` in one factor and a cycle of length `b` in another give
//!   `gcd(a, b)` cycles of length `lcm(a, b)` in the product.
//!
//! The structures are kept as maps `{period: count}` and combined pairwise; the number of
//! distinct periods stays small (every period divides the order of `f`), so even degree 127
//! over GF(2), with `2^127` states, takes microseconds. Every count is a [`BigUint`]: there is
//! no size limit beyond memory.
//!
//! # Example
//!
//! `[1,1,0,1]` over GF(2) has `f = (x+1)^2 (x^2+x+1)` (reference section 5):
//!
//! ```
//! use lfsr_map::algebra::{cycle_structure, FactorData, PrimaryPart};
//! use num_bigint::BigUint;
//!
//! let data = FactorData {
//!     p: 2,
//!     q: 2,
//!     x_multiplicity: 0,
//!     parts: vec![
//!         PrimaryPart { degree: 1, multiplicity: 2, order: BigUint::from(1u32) }, // x + 1
//!         PrimaryPart { degree: 2, multiplicity: 1, order: BigUint::from(3u32) }, // x^2 + x + 1
//!     ],
//! };
//! let s = cycle_structure(&data)?;
//! let cycles: Vec<(u32, u32)> = s
//!     .cycles
//!     .iter()
//!     .map(|(p, c)| (p.try_into().unwrap(), c.try_into().unwrap()))
//!     .collect();
//! assert_eq!(cycles, [(1, 2), (2, 1), (3, 2), (6, 1)]);
//! assert_eq!(s.max_period, BigUint::from(6u32));
//! assert_eq!(s.periods_sum, BigUint::from(16u32));
//! # Ok::<(), lfsr_map::algebra::AlgebraError>(())
//! ```

use std::collections::BTreeMap;

use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{One, Zero};

/// One primary factor `g^e` of the characteristic polynomial: `g` monic irreducible, `g != x`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrimaryPart {
    /// `m = deg g` (at least 1).
    pub degree: u32,
    /// `e`, the multiplicity of `g` (at least 1).
    pub multiplicity: u32,
    /// `ord(g)`: the least `n >= 1` with `x^n = 1 mod g`; it divides `q^m - 1`.
    pub order: BigUint,
}

/// The factor data of a characteristic polynomial `f = x^e0 * prod g_i^e_i` over GF(q).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactorData {
    /// The characteristic of the field.
    pub p: u64,
    /// The field order, a power of `p`.
    pub q: u64,
    /// `e0`, the multiplicity of `x` (0 when the LFSR is invertible).
    pub x_multiplicity: u32,
    /// The primary parts `g_i^e_i`, `g_i != x` pairwise distinct.
    pub parts: Vec<PrimaryPart>,
}

/// The state-space structure of an LFSR, computed by [`cycle_structure`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CycleStructure {
    /// `q^d`, the number of states.
    pub state_count: BigUint,
    /// `{period: number of cycles}`, ascending by period.
    pub cycles: BTreeMap<BigUint, BigUint>,
    /// The total number of cycles.
    pub cycle_count: BigUint,
    /// The longest cycle: the lcm of the `ord(g_i^e_i)`, which is the order of `f` when `x`
    /// does not divide it.
    pub max_period: BigUint,
    /// The sum of all cycle lengths: the number of cyclic states, `q^(d - e0)`.
    pub periods_sum: BigUint,
    /// The states on no cycle: `q^d - q^(d - e0)`.
    pub transient_states: BigUint,
    /// The longest tail, `e0`.
    pub max_tail: u64,
    /// `{tail length: number of states}` for `t = 1..=e0` (empty when `e0 = 0`).
    pub tails: BTreeMap<u64, BigUint>,
}

/// The most bits the tail counts of one structure may take together (16 MiB). Only absurd
/// multiplicities of `x` reach it (the all-zero register of degree about 11 500 over GF(2)):
/// beyond what [`Lfsr`](crate::lfsr::Lfsr) accepts, so only factor data given directly to
/// [`cycle_structure`] can hit it.
pub const MAX_TAIL_BITS: u128 = 1 << 27;

/// Inconsistent factor data given to [`cycle_structure`], or a result too large to hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AlgebraError {
    /// `p` is not prime or `q` is not a power of `p`.
    #[error("q = {q} is not a power of p = {p}")]
    Field {
        /// The characteristic given.
        p: u64,
        /// The field order given.
        q: u64,
    },
    /// A primary part is impossible: zero degree or multiplicity, or an order that does not
    /// divide `q^m - 1`.
    #[error("factor #{index}: {reason}")]
    Part {
        /// Its index in [`FactorData::parts`].
        index: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// The tail counts would take more than [`MAX_TAIL_BITS`] bits together: `x^e0` with a
    /// huge `e0` (there are `e0` counts of up to `d log2 q` bits each).
    #[error(
        "the {x_multiplicity} tail counts of x^{x_multiplicity} would take about {bits} bits, \
         more than the limit of {MAX_TAIL_BITS}"
    )]
    TailsTooLarge {
        /// `e0`.
        x_multiplicity: u32,
        /// An upper bound of their total size in bits.
        bits: u128,
    },
}

/// Computes the cycle structure, transient states and tails from the factor data alone.
///
/// Checks that `q` is a power of `p` and that every `ord(g)` divides `q^m - 1` (a wrong order
/// would otherwise give fractional cycle counts); it cannot check that the parts are really
/// irreducible and distinct, which is the caller's promise.
///
/// # Errors
///
/// [`AlgebraError`] for inconsistent data (see above), or
/// [`AlgebraError::TailsTooLarge`] when the tail counts alone would exceed [`MAX_TAIL_BITS`].
pub fn cycle_structure(data: &FactorData) -> Result<CycleStructure, AlgebraError> {
    check_field(data.p, data.q)?;
    let q = BigUint::from(data.q);
    let mut cycles = single(BigUint::one(), BigUint::one());
    let mut cyclic_dim: u32 = 0;
    for (index, part) in data.parts.iter().enumerate() {
        let part_cycles = primary_cycles(data.p, &q, part).map_err(|reason| {
            let reason = reason.to_string();
            AlgebraError::Part { index, reason }
        })?;
        cycles = combine(&cycles, &part_cycles);
        cyclic_dim = part
            .degree
            .checked_mul(part.multiplicity)
            .and_then(|dm| cyclic_dim.checked_add(dm))
            .ok_or_else(|| {
                let reason = "degree beyond u32".to_string();
                AlgebraError::Part { index, reason }
            })?;
    }
    let e0 = data.x_multiplicity;
    let degree = cyclic_dim.checked_add(e0).ok_or(AlgebraError::Part {
        index: data.parts.len(),
        reason: "degree beyond u32".to_string(),
    })?;
    let cyclic_states = q.pow(cyclic_dim);
    let state_count = q.pow(degree);
    let tails = tails(data.q, e0, degree, &cyclic_states)?;
    Ok(CycleStructure {
        cycle_count: cycles.values().sum(),
        max_period: cycles
            .keys()
            .next_back()
            .cloned()
            .unwrap_or_else(BigUint::one),
        periods_sum: cycles.iter().map(|(p, c)| p * c).sum(),
        transient_states: &state_count - &cyclic_states,
        max_tail: u64::from(e0),
        state_count,
        cycles,
        tails,
    })
}

/// `{t: (q - 1) q^(t-1) q^(d - e0)}` for `t = 1..=e0`, each from the previous one.
fn tails(
    q: u64,
    e0: u32,
    degree: u32,
    cyclic_states: &BigUint,
) -> Result<BTreeMap<u64, BigUint>, AlgebraError> {
    // the count of tail t is below q^(t + d - e0): e0 (d - e0) + e0 (e0 + 1) / 2 digits of q
    let q_bits = u128::from(u64::BITS - q.leading_zeros());
    let (e0_, d) = (u128::from(e0), u128::from(degree));
    let bits = (e0_ * (d - e0_) + e0_ * (e0_ + 1) / 2) * q_bits;
    if bits > MAX_TAIL_BITS {
        return Err(AlgebraError::TailsTooLarge {
            x_multiplicity: e0,
            bits,
        });
    }
    let mut count = cyclic_states * (q - 1);
    let mut tails = BTreeMap::new();
    for t in 1..=u64::from(e0) {
        let next = &count * q;
        tails.insert(t, std::mem::replace(&mut count, next));
    }
    Ok(tails)
}

/// `ord(g^k) = ord(g) * p^t`, `t` the least integer with `p^t >= k`: gf-core's rule, re-exported.
///
/// ```
/// use lfsr_map::algebra::power_order;
/// use num_bigint::BigUint;
/// // (x^2+x+1)^3 over GF(2): ord = 3 * 4.
/// assert_eq!(power_order(2, &BigUint::from(3u32), 3), BigUint::from(12u32));
/// ```
pub use gf_core::order::power_order;

fn check_field(p: u64, q: u64) -> Result<(), AlgebraError> {
    let prime = gf_core::integer::is_prime_u128(u128::from(p));
    let mut r = q;
    while prime && r > 1 && r % p == 0 {
        r /= p;
    }
    if !prime || q < 2 || r != 1 {
        return Err(AlgebraError::Field { p, q });
    }
    Ok(())
}

fn single(period: BigUint, count: BigUint) -> BTreeMap<BigUint, BigUint> {
    BTreeMap::from([(period, count)])
}

/// The cycles of `GF(q)[x]/(g^e)`: the zero state, then for each `t` the states annihilated
/// by `g^k` for some `k` in `(p^(t-1), p^t]` but not by `g^(k-1)`, which share the period
/// `ord(g) p^t` and number `q^(m k_hi) - q^(m (k_lo - 1))` (the sum telescopes).
fn primary_cycles(
    p: u64,
    q: &BigUint,
    part: &PrimaryPart,
) -> Result<BTreeMap<BigUint, BigUint>, &'static str> {
    let (m, e) = (part.degree, part.multiplicity);
    if m == 0 || e == 0 {
        return Err("zero degree or multiplicity");
    }
    let base = q.pow(m);
    if part.order.is_zero() || !(&base - 1u32).is_multiple_of(&part.order) {
        return Err("its order does not divide q^m - 1");
    }
    let mut cycles = single(BigUint::one(), BigUint::one());
    let (mut k_lo, mut pt) = (1u32, 1u64);
    while k_lo <= e {
        // k ranges over (pt / p, pt] intersected with 1..=e.
        let k_hi = u32::try_from(pt).map_or(e, |pt| pt.min(e));
        let states = base.pow(k_hi) - base.pow(k_lo - 1);
        let period = &part.order * pt;
        let (count, rest) = states.div_rem(&period);
        if !rest.is_zero() {
            return Err("cycle count not integral");
        }
        *cycles.entry(period).or_default() += count;
        k_lo = k_hi + 1;
        pt = pt.saturating_mul(p);
    }
    Ok(cycles)
}

/// The cycles of a product of two permutations: lengths `a`, `b` give `gcd(a, b)` cycles of
/// length `lcm(a, b)`.
fn combine(
    a: &BTreeMap<BigUint, BigUint>,
    b: &BTreeMap<BigUint, BigUint>,
) -> BTreeMap<BigUint, BigUint> {
    let mut out = BTreeMap::new();
    for (pa, ca) in a {
        for (pb, cb) in b {
            let g = pa.gcd(pb);
            let lcm = pa / &g * pb;
            *out.entry(lcm).or_insert_with(BigUint::zero) += ca * cb * g;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(u64, u64)]) -> BTreeMap<BigUint, BigUint> {
        pairs
            .iter()
            .map(|&(p, c)| (BigUint::from(p), BigUint::from(c)))
            .collect()
    }

    #[test]
    fn combine_uses_gcd_and_lcm() {
        // a 4-cycle with a 6-cycle: gcd 2 cycles of length 12 (24 states).
        let got = combine(&map(&[(4, 1)]), &map(&[(6, 1)]));
        assert_eq!(got, map(&[(12, 2)]));
        let got = combine(&map(&[(1, 1), (3, 1)]), &map(&[(1, 2), (2, 1)]));
        assert_eq!(got, map(&[(1, 2), (2, 1), (3, 2), (6, 1)]));
    }

    #[test]
    fn primary_cycles_of_x_plus_1_to_the_16() {
        // (x+1)^16 over GF(2): the periods are 1, 2, 4, 8, 16 with 2, 1, 3, 30, 4080 cycles.
        let part = PrimaryPart {
            degree: 1,
            multiplicity: 16,
            order: BigUint::one(),
        };
        let got = primary_cycles(2, &BigUint::from(2u32), &part).unwrap();
        assert_eq!(got, map(&[(1, 2), (2, 1), (4, 3), (8, 30), (16, 4080)]));
    }

    #[test]
    fn field_check() {
        assert!(check_field(2, 8).is_ok());
        assert!(check_field(3, 9).is_ok());
        assert_eq!(check_field(2, 6), Err(AlgebraError::Field { p: 2, q: 6 }));
        assert!(check_field(1, 1).is_err());
        assert!(check_field(0, 4).is_err());
        assert!(check_field(4, 16).is_err());
        assert!(check_field(65521, 65521).is_ok());
    }
}
