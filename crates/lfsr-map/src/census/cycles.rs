//! Cycle structures in machine integers, for the census's inner loop.
//!
//! The same algebra as [`crate::algebra`] (which keeps big integers for any degree), on
//! `u128`: the census bounds `q^d` by [`super::MAX_STATE_BITS`] bits, and every period and
//! count is at most `q^d`.

/// `(period, number of cycles)`, ascending by period, periods distinct.
pub(crate) type Cycles = Vec<(u128, u128)>;

/// The cycles of `GF(q)[x]/(g^k)` for `g` irreducible of degree `m` and order `e`, over a field
/// of characteristic `p`: the zero state, then for each `t` the states annihilated by `g^j`
/// for `j` in `(p^(t-1), p^t]` but not by `g^(j-1)`, of period `e p^t`. `None` on overflow.
pub(crate) fn primary_cycles(p: u64, q: u128, m: u32, k: u32, e: u128) -> Option<Cycles> {
    let base = q.checked_pow(m)?;
    let mut cycles = vec![(1, 1)];
    let (mut lo, mut pt) = (1u32, 1u128);
    while lo <= k {
        let hi = u32::try_from(pt).map_or(k, |pt| pt.min(k));
        let states = base.checked_pow(hi)? - base.checked_pow(lo - 1)?;
        let period = e.checked_mul(pt)?;
        if states % period != 0 {
            return None;
        }
        cycles.push((period, states / period));
        lo = hi + 1;
        pt = pt.checked_mul(u128::from(p))?;
    }
    merge_equal(&mut cycles);
    Some(cycles)
}

/// Sorts by period and adds up the counts of equal periods.
fn merge_equal(cycles: &mut Cycles) {
    cycles.sort_unstable_by_key(|&(period, _)| period);
    cycles.dedup_by(|next, kept| {
        if next.0 == kept.0 {
            kept.1 += next.1;
            true
        } else {
            false
        }
    });
}

/// The cycles of a direct sum: a cycle of length `a` beside one of length `b` makes
/// `gcd(a, b)` cycles of length `lcm(a, b)`. The counts never overflow when the combined
/// state count fits (`sum of period x count` is the product of the two state counts).
pub(crate) fn combine(a: &[(u128, u128)], b: &[(u128, u128)], out: &mut Cycles) {
    out.clear();
    for &(pa, ca) in a {
        for &(pb, cb) in b {
            let g = gcd(pa, pb);
            out.push((pa / g * pb, ca * cb * g));
        }
    }
    merge_equal(out);
}

/// Binary gcd, on `u64` when both fit (the common case, and twice as fast).
pub(crate) fn gcd(a: u128, b: u128) -> u128 {
    match (u64::try_from(a), u64::try_from(b)) {
        (Ok(a), Ok(b)) => u128::from(binary_gcd!(a, b)),
        _ => binary_gcd!(a, b),
    }
}

/// Stein's binary gcd of two unsigned integers of one type.
macro_rules! binary_gcd {
    ($a:expr, $b:expr) => {{
        let (mut a, mut b) = ($a, $b);
        if a == 0 || b == 0 {
            a | b
        } else {
            let shift = (a | b).trailing_zeros();
            a >>= a.trailing_zeros();
            loop {
                b >>= b.trailing_zeros();
                if a > b {
                    std::mem::swap(&mut a, &mut b);
                }
                b -= a;
                if b == 0 {
                    break a << shift;
                }
            }
        }
    }};
}
use binary_gcd;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x_plus_1_to_the_16_over_gf2() {
        // The periods are 1, 2, 4, 8, 16 with 2, 1, 3, 30, 4080 cycles (2^16 states).
        let got = primary_cycles(2, 2, 1, 16, 1).unwrap();
        assert_eq!(got, [(1, 2), (2, 1), (4, 3), (8, 30), (16, 4080)]);
        // x^2 + x + 1 squared: 1 zero state, 1 cycle of 3, (16 - 4) / 6 = 2 cycles of 6.
        assert_eq!(
            primary_cycles(2, 2, 2, 2, 3).unwrap(),
            [(1, 1), (3, 1), (6, 2)]
        );
    }

    #[test]
    fn gcd_and_lcm() {
        let mut out = Vec::new();
        combine(&[(4, 1)], &[(6, 1)], &mut out);
        assert_eq!(out, [(12, 2)]);
        assert_eq!(gcd(1 << 100, 3 << 90), 1 << 90);
        assert_eq!(gcd(0, 7), 7);
        assert_eq!(gcd(12, 18), 6);
        assert_eq!(gcd((1 << 70) * 3, (1 << 64) * 9), (1 << 64) * 3);
    }
}
