//! Stepping kernels: one LFSR clock step on state *indices* `k = sum_j s_j q^j`.
//!
//! Every kernel computes `next(k) = k / q + q^(d-1) * fb(k)` with `fb(k) = sum_i c_i s_i`, the
//! index of `S * C` (see [`crate::lfsr`]). They differ only in how they get `fb`:
//!
//! * [`Binary`] (GF(2)): the state is a bit vector, `fb` is the parity of `k & mask`.
//! * [`Char2`] (GF(2^n), n >= 2): digits are n-bit groups; multiplying by `c_i` is GF(2)-linear,
//!   so bit b of `fb` is the parity of `k & mask_b`: n popcounts, no tables.
//! * [`Odd`] (odd characteristic): the index is cut into chunks of t digits (q^t <= 2^14); a
//!   per-chunk table gives that chunk's share of `fb`, and the shares are summed mod p (prime
//!   field) or with an addition table (GF(p^n)). Divisions by q and q^t are multiply-high by a
//!   precomputed reciprocal, exact for the index range the kernel is built for.
//! * [`Generic`]: field arithmetic on the digit vector via [`Lfsr::step`]; correct for every
//!   field and the reference the fast kernels are tested against.
//!
//! ```
//! use gf_core::Field;
//! use lfsr_map::kernel::{Kernel, Step};
//! use lfsr_map::lfsr::Lfsr;
//!
//! let lfsr = Lfsr::new(&Field::new(2)?, vec![1, 1, 0, 1])?;
//! let fast = Kernel::new(&lfsr).expect("small enough");
//! let slow = Kernel::generic(&lfsr);
//! assert_eq!(fast.name(), "binary");
//! assert_eq!(fast.next(1), 8); // (1,0,0,0) -> (0,0,0,1)
//! assert!((0..16).all(|k| fast.next(k) == slow.next(k)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use gf_core::Field;

use crate::lfsr::Lfsr;

/// Kernels exist for LFSRs with at most this many states (q^d <= 2^48).
pub const MAX_KERNEL_STATES: u64 = 1 << 48;

/// One clock step on state indices.
pub trait Step: Send + Sync {
    /// The index of `S * C` for the state `S` with index `k < q^d`.
    fn next(&self, k: u64) -> u64;
    /// The feedback digit `sum_i c_i s_i` (an integer-encoded field element) of state `k`.
    fn feedback(&self, k: u64) -> u64;
}

/// The GF(2) kernel: parity of a masked word.
#[derive(Clone, Debug)]
pub struct Binary {
    mask: u64,
    top: u32,
}

impl Step for Binary {
    #[inline(always)]
    fn next(&self, k: u64) -> u64 {
        (k >> 1) | (self.feedback(k) << self.top)
    }
    #[inline(always)]
    fn feedback(&self, k: u64) -> u64 {
        ((k & self.mask).count_ones() & 1) as u64
    }
}

/// The GF(2^n) kernel (n >= 2): bit b of the feedback is the parity of `k & masks[b]`.
#[derive(Clone, Debug)]
pub struct Char2 {
    masks: Vec<u64>,
    bits: u32,
    top: u32,
}

impl Step for Char2 {
    #[inline(always)]
    fn next(&self, k: u64) -> u64 {
        (k >> self.bits) | (self.feedback(k) << self.top)
    }
    #[inline(always)]
    fn feedback(&self, k: u64) -> u64 {
        self.masks.iter().enumerate().fold(0, |fb, (b, &m)| {
            fb | ((((k & m).count_ones() & 1) as u64) << b)
        })
    }
}

/// Exact division by a constant `d >= 2` for dividends `n` with `n * d < 2^64`.
///
/// With `m = floor((2^64 - 1) / d) + 1 = 2^64 / d + e`, `0 <= e <= 1`, the error term
/// `n * e / 2^64` stays below `1 / d`, which cannot carry `n / d` past the next integer.
#[derive(Clone, Copy, Debug)]
struct Div {
    d: u64,
    m: u64,
}

impl Div {
    fn new(d: u64) -> Div {
        debug_assert!(d >= 2);
        Div {
            d,
            m: u64::MAX / d + 1,
        }
    }
    #[inline(always)]
    fn div(self, n: u64) -> u64 {
        ((n as u128 * self.m as u128) >> 64) as u64
    }
}

/// How [`Odd`] adds the per-chunk shares of the feedback.
#[derive(Clone, Debug)]
enum Combine {
    /// Prime field: integer sum, then one reduction mod p.
    Prime(Div),
    /// GF(p^n), q <= 256: `table[a * q + b] = a + b`.
    Table(Vec<u16>, usize),
    /// Larger GF(p^n): field addition.
    Field(Field),
}

/// The odd-characteristic kernel: per-chunk feedback tables.
#[derive(Clone, Debug)]
pub struct Odd {
    by_q: Div,
    by_chunk: Div,
    q_top: u64,
    chunks: usize,
    tables: Vec<u32>,
    combine: Combine,
}

impl Step for Odd {
    #[inline(always)]
    fn next(&self, k: u64) -> u64 {
        self.by_q.div(k) + self.q_top * self.feedback(k)
    }
    #[inline(always)]
    fn feedback(&self, k: u64) -> u64 {
        let qt = self.by_chunk.d;
        let t = &self.tables;
        let acc = match self.chunks {
            1 => t[k as usize] as u64,
            2 => {
                let hi = self.by_chunk.div(k);
                self.add(
                    t[(k - hi * qt) as usize] as u64,
                    t[(qt + hi) as usize] as u64,
                )
            }
            _ => {
                let mut r = k;
                let mut acc = 0;
                for j in 0..self.chunks - 1 {
                    let hi = self.by_chunk.div(r);
                    acc = self.add(acc, t[(j as u64 * qt + r - hi * qt) as usize] as u64);
                    r = hi;
                }
                self.add(acc, t[((self.chunks - 1) as u64 * qt + r) as usize] as u64)
            }
        };
        match &self.combine {
            Combine::Prime(p) => acc - p.div(acc) * p.d,
            _ => acc,
        }
    }
}

impl Odd {
    /// Adds two shares: integers for a prime field (reduced once at the end), field elements
    /// otherwise.
    #[inline(always)]
    fn add(&self, a: u64, b: u64) -> u64 {
        match &self.combine {
            Combine::Prime(_) => a + b,
            Combine::Table(t, q) => t[a as usize * q + b as usize] as u64,
            Combine::Field(f) => f.add(a, b),
        }
    }
}

/// The reference kernel: field arithmetic on digit vectors.
#[derive(Clone, Debug)]
pub struct Generic {
    lfsr: Lfsr,
}

impl Step for Generic {
    fn next(&self, k: u64) -> u64 {
        self.lfsr
            .state_to_index(&self.lfsr.step(&self.lfsr.index_to_state(k)))
    }
    fn feedback(&self, k: u64) -> u64 {
        let s = self.lfsr.step(&self.lfsr.index_to_state(k));
        s[s.len() - 1]
    }
}

/// The kernel chosen for an LFSR; see the [module docs](self).
#[derive(Clone, Debug)]
pub enum Kernel {
    /// GF(2).
    Binary(Binary),
    /// GF(2^n), n >= 2.
    Char2(Char2),
    /// Odd characteristic.
    Odd(Odd),
    /// Field arithmetic (any field).
    Generic(Generic),
}

impl Kernel {
    /// The fastest kernel for the LFSR's field, or `None` when q^d > [`MAX_KERNEL_STATES`].
    pub fn new(lfsr: &Lfsr) -> Option<Kernel> {
        let f = lfsr.field();
        let (q, d) = (f.q(), lfsr.degree());
        let states = q.checked_pow(u32::try_from(d).ok()?)?;
        if states > MAX_KERNEL_STATES {
            return None;
        }
        if q == 2 {
            return Some(Kernel::Binary(binary(lfsr)));
        }
        if f.p() == 2 {
            return Some(Kernel::Char2(char2(lfsr)));
        }
        Some(odd(lfsr, states).map_or_else(|| Kernel::generic(lfsr), Kernel::Odd))
    }

    /// The field-arithmetic reference kernel (slow; any size whose indices fit a `u64`).
    pub fn generic(lfsr: &Lfsr) -> Kernel {
        Kernel::Generic(Generic { lfsr: lfsr.clone() })
    }

    /// `"binary"`, `"char2"`, `"odd"` or `"generic"`.
    pub fn name(&self) -> &'static str {
        match self {
            Kernel::Binary(_) => "binary",
            Kernel::Char2(_) => "char2",
            Kernel::Odd(_) => "odd",
            Kernel::Generic(_) => "generic",
        }
    }
}

impl Step for Kernel {
    fn next(&self, k: u64) -> u64 {
        match self {
            Kernel::Binary(s) => s.next(k),
            Kernel::Char2(s) => s.next(k),
            Kernel::Odd(s) => s.next(k),
            Kernel::Generic(s) => s.next(k),
        }
    }
    fn feedback(&self, k: u64) -> u64 {
        match self {
            Kernel::Binary(s) => s.feedback(k),
            Kernel::Char2(s) => s.feedback(k),
            Kernel::Odd(s) => s.feedback(k),
            Kernel::Generic(s) => s.feedback(k),
        }
    }
}

fn binary(lfsr: &Lfsr) -> Binary {
    let mask = lfsr
        .coefficients()
        .iter()
        .enumerate()
        .fold(0u64, |m, (i, &c)| m | (c << i));
    Binary {
        mask,
        top: lfsr.degree() as u32 - 1,
    }
}

fn char2(lfsr: &Lfsr) -> Char2 {
    let f = lfsr.field();
    let bits = f.n();
    let masks = (0..bits)
        .map(|b| {
            let mut m = 0u64;
            for (i, &c) in lfsr.coefficients().iter().enumerate() {
                for a in 0..bits {
                    if (f.mul(c, 1 << a) >> b) & 1 == 1 {
                        m |= 1 << (i as u32 * bits + a);
                    }
                }
            }
            m
        })
        .collect();
    Char2 {
        masks,
        bits,
        top: bits * (lfsr.degree() as u32 - 1),
    }
}

/// Builds the odd kernel, or `None` if its divisions would not be exact for these indices.
fn odd(lfsr: &Lfsr, states: u64) -> Option<Odd> {
    let f = lfsr.field();
    let (q, d) = (f.q(), lfsr.degree());
    let mut t = 1;
    while t < d && q.pow(t as u32 + 1) <= 1 << 14 {
        t += 1;
    }
    let qt = q.pow(t as u32);
    states.checked_mul(qt.max(q))?;
    let chunks = d.div_ceil(t);
    let mut tables = vec![0u32; chunks * qt as usize];
    for (j, table) in tables.chunks_mut(qt as usize).enumerate() {
        for (v, entry) in table.iter_mut().enumerate() {
            let mut v = v as u64;
            let mut acc = 0;
            for &c in lfsr.coefficients().iter().skip(j * t).take(t) {
                acc = f.add(acc, f.mul(c, v % q));
                v /= q;
            }
            *entry = acc as u32;
        }
    }
    let combine = if f.is_prime_field() {
        Combine::Prime(Div::new(q))
    } else if q <= 256 {
        let qs = q as usize;
        let table = (0..qs * qs)
            .map(|i| f.add((i / qs) as u64, (i % qs) as u64) as u16)
            .collect();
        Combine::Table(table, qs)
    } else {
        Combine::Field(f.clone())
    };
    Some(Odd {
        by_q: Div::new(q),
        by_chunk: Div::new(qt),
        q_top: q.pow(d as u32 - 1),
        chunks,
        tables,
        combine,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_all_states(q: u64, coeffs: Vec<u64>, name: &str) {
        let lfsr = Lfsr::new(&Field::new(q).unwrap(), coeffs).unwrap();
        let fast = Kernel::new(&lfsr).unwrap();
        assert_eq!(fast.name(), name);
        let n = q.pow(lfsr.degree() as u32);
        for k in 0..n {
            let s = lfsr.index_to_state(k);
            let want = lfsr.step(&s);
            assert_eq!(fast.next(k), lfsr.state_to_index(&want), "q={q} k={k}");
            assert_eq!(fast.feedback(k), want[want.len() - 1], "q={q} k={k}");
        }
    }

    #[test]
    fn fast_kernels_equal_field_arithmetic_on_every_state() {
        check_all_states(2, vec![1, 1, 0, 1, 0, 0, 1, 1], "binary");
        check_all_states(2, vec![1], "binary");
        check_all_states(4, vec![2, 1, 3, 0, 1], "char2");
        check_all_states(8, vec![5, 7, 1], "char2");
        check_all_states(16, vec![9, 14], "char2");
        check_all_states(3, vec![1, 2, 0, 2, 1, 1, 2, 1, 0], "odd");
        check_all_states(5, vec![3, 4, 1, 2, 2], "odd");
        check_all_states(7, vec![6, 3, 5, 1], "odd");
        check_all_states(9, vec![8, 4, 3, 7], "odd");
        check_all_states(25, vec![24, 7, 13], "odd");
        check_all_states(3, vec![2], "odd");
        check_all_states(65537, vec![3], "odd");
    }

    #[test]
    fn reciprocal_division_is_exact_at_its_bound() {
        for d in [3u64, 5, 7, 9, 243, 2187, 4096, 59049, (1 << 31) - 1] {
            let div = Div::new(d);
            let top = u64::MAX / d;
            for n in (0..2000).chain(top - 2000..=top) {
                assert_eq!(div.div(n), n / d, "{n} / {d}");
            }
        }
    }

    #[test]
    fn too_many_states_has_no_kernel() {
        let lfsr = Lfsr::new(&Field::new(2).unwrap(), vec![1; 49]).unwrap();
        assert!(Kernel::new(&lfsr).is_none());
    }
}
