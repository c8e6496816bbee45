//! The enumeration mapper: visits every state and reports every cycle, exactly.
//!
//! [`enumerate`] walks the state space with the fastest [`kernel`](crate::kernel) for the
//! field, on any [`WorkerPool`]. The result is the same for every pool and worker count, down
//! to the numbering: sequences are numbered by their lowest state index and listed from it in
//! clock order (reference section 2).
//!
//! # What it guarantees
//! * Every state is accounted for exactly once: the code checks that the cycle lengths plus the
//!   transient states sum to q^d and returns [`EnumError::Invariant`] otherwise.
//! * A single long cycle is split across all workers (see `enumerate/cycles.rs`: arcs between
//!   distinguished points), and many short cycles are spread over index ranges.
//! * Memory is checked up front ([`memory_needed`]); an enumeration that cannot fit is refused
//!   with [`EnumError::TooLarge`] before anything is allocated.
//! * Progress is reported and cancellation honoured every ~64K states per worker.
//!
//! # Singular LFSRs (c0 = 0)
//! Let `e` be the multiplicity of x (the first nonzero coefficient is `c_e`) and `d' = d - e`.
//! The feedback ignores `s0 .. s_{e-1}`, and the sequence `s_e, s_{e+1}, ...` obeys the
//! invertible recurrence of the *reduced* register `c' = [c_e, ..., c_{d-1}]`. Hence:
//! * a state is on a cycle iff its whole window obeys the reduced recurrence, i.e. the
//!   relations `s_{m+d'} = sum_j c'_j s_{m+j}` hold for `m = 0 .. e-1` (for `m >= e` they hold
//!   by construction). Its tail length is `1 + (the largest m < e whose relation fails)`, or 0:
//!   once the window has moved past that position every remaining relation holds, and not
//!   before. So tails are at most `e`, the multiplicity of x, exactly as the algebra says;
//! * the cyclic states correspond one to one to the states `h` of the reduced register (their
//!   low `d'` digits), and the step commutes with that map, so the cycles are found by
//!   enumerating the reduced register (`q^{d'}` states); in full mode each cycle is lifted back
//!   (`h -> T^e(h * q^e)`) and renumbered by its lowest full index;
//! * each transient falls into the cycle of `T^t(s)` after its `t = tail(s)` steps.
//!
//! ```
//! use gf_core::Field;
//! use lfsr_map::enumerate::{enumerate, Mode};
//! use lfsr_map::lfsr::Lfsr;
//! use lfsr_map::progress::Progress;
//! use worker_pool::FreshPool;
//!
//! let lfsr = Lfsr::new(&Field::new(2)?, vec![1, 1, 0, 1])?; // (x+1)^2 (x^2+x+1)
//! let e = enumerate(&lfsr, Mode::Full, &FreshPool::new(2), &Progress::new())?;
//! assert_eq!(e.cycles.into_iter().collect::<Vec<_>>(), vec![(1, 2), (2, 1), (3, 2), (6, 1)]);
//! let seqs = e.sequences.unwrap();
//! assert_eq!(seqs[1].states, vec![1, 8, 12, 14, 7, 3]); // (1,0,0,0) -> (0,0,0,1) -> ...
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cycles;

use std::collections::BTreeMap;

use gf_core::Poly;
use num_bigint::BigUint;
use worker_pool::{PoolError, WorkerPool, WorkerPoolExt};

use crate::kernel::{Kernel, Step, MAX_KERNEL_STATES};
use crate::lfsr::Lfsr;
use crate::progress::Progress;
use crate::structure::{Sequence, Transient};
use cycles::{cycles, Cycles, Walk, PROGRESS_STEP};

/// Enumeration beyond this many bytes is refused up front.
pub const MAX_BYTES: u64 = 1 << 40;

/// What [`enumerate`] keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Every cycle with its states, and every transient state.
    Full,
    /// Counts only (a visited bitset, no state lists).
    PeriodOnly,
}

/// The result of [`enumerate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enumeration {
    /// `{period: number of cycles}`.
    pub cycles: BTreeMap<u64, u64>,
    /// `{tail length: number of transient states}` (empty unless singular).
    pub tails: BTreeMap<u64, u64>,
    /// States on no cycle.
    pub transient_states: u64,
    /// The longest tail (0 unless singular).
    pub max_tail: u64,
    /// Full mode: the cycles, numbered by lowest state, each listed from it.
    pub sequences: Option<Vec<Sequence>>,
    /// Full mode: every transient state in index order (empty unless singular).
    pub transients: Option<Vec<Transient>>,
}

/// Why [`enumerate`] failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EnumError {
    /// The enumeration would need more memory than allowed (or q^d exceeds 2^48).
    #[error("enumerating {states} states needs about {bytes_needed} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// q^d.
        states: BigUint,
        /// [`memory_needed`].
        bytes_needed: BigUint,
        /// The limit in bytes ([`MAX_BYTES`]).
        limit: u64,
    },
    /// The system refused an allocation (a memory limit below [`memory_needed`], or memory
    /// taken by others): reported instead of aborting the process.
    #[error("out of memory: an allocation of {bytes} bytes was refused")]
    OutOfMemory {
        /// The size of the refused allocation.
        bytes: u64,
    },
    /// [`Progress::cancel`] was called.
    #[error("cancelled")]
    Cancelled,
    /// The worker pool failed.
    #[error("worker pool: {0}")]
    Pool(#[from] PoolError),
    /// A consistency check failed (a bug, reported instead of a wrong answer).
    #[error("internal invariant violated: {0}")]
    Invariant(String),
}

/// An estimate of the peak memory [`enumerate`] needs, in bytes.
///
/// With `m` the number of cyclic states: period-only needs one bit per cyclic state (visited
/// marks, only when some cycles are short) plus the arc tables (about `m / 16` bytes) and
/// 32 bytes per cycle without distinguished point (cycles of at most a few thousand states;
/// the estimate assumes at most `m / 64` of them). Full mode adds 24 bytes per cyclic state
/// (arc lists and the final listing) and 32 bytes per transient state.
pub fn memory_needed(lfsr: &Lfsr, mode: Mode) -> BigUint {
    let q = BigUint::from(lfsr.field().q());
    let n = lfsr.state_count();
    let m = q.pow((lfsr.degree() - lfsr.x_multiplicity()) as u32);
    let base = &m / 8u32 + &m / 16u32 + &m / 2u32 + (1u32 << 20);
    match mode {
        Mode::PeriodOnly => base,
        Mode::Full => base + &m * 24u32 + (n - &m) * 32u32,
    }
}

/// Visits every state of `lfsr` and returns its cycles (and transients when singular).
///
/// Runs on `pool` (any strategy; `Sequential` for one thread) and gives the same result for
/// every pool. Reports progress to, and stops when cancelled through, `progress`.
pub fn enumerate(
    lfsr: &Lfsr,
    mode: Mode,
    pool: &dyn WorkerPool,
    progress: &Progress,
) -> Result<Enumeration, EnumError> {
    enumerate_with_threshold(lfsr, mode, pool, progress, SPLIT_MIN_STATES)
}

/// State spaces smaller than this run as a single job on the pool instead of being split.
///
/// Splitting has a fixed cost (a probe, arc tables, stitching, one or two pool round trips
/// of ~10-20 us each) that a space this small does not repay: before this rule, a census of
/// the 2048 degree-12 GF(2) LFSRs took 0.38 s on the global pool against 0.05 s sequentially.
/// One job still runs *on* the pool, so every analysis goes through the same pool call.
pub const SPLIT_MIN_STATES: u64 = 1 << 16;

/// [`enumerate`] with the split threshold as a parameter (see [`SPLIT_MIN_STATES`]): tests
/// pass 0 to drive the parallel engine on small spaces. The result does not depend on it.
///
/// Only with the `testing` feature: a test seam, not part of the stable API.
#[cfg(feature = "testing")]
pub fn enumerate_split(
    lfsr: &Lfsr,
    mode: Mode,
    pool: &dyn WorkerPool,
    progress: &Progress,
    split_min_states: u64,
) -> Result<Enumeration, EnumError> {
    enumerate_with_threshold(lfsr, mode, pool, progress, split_min_states)
}

fn enumerate_with_threshold(
    lfsr: &Lfsr,
    mode: Mode,
    pool: &dyn WorkerPool,
    progress: &Progress,
    split_min_states: u64,
) -> Result<Enumeration, EnumError> {
    let n = checked_size(lfsr, mode)?;
    progress.set_total(n);
    let full = mode == Mode::Full;
    let (found, reduced) = cyclic_part(lfsr, full, split_min_states, pool, progress)?;
    let mut listing = found.listing;
    let (mut tails, mut transients) = (BTreeMap::new(), full.then(Vec::new));
    let (q, e) = (lfsr.field().q(), lfsr.x_multiplicity());
    if e > 0 {
        let whole = kernel(lfsr)?;
        let dr = lfsr.degree() - e;
        if let Some(l) = listing.as_mut() {
            lift(l, &whole, q, e, dr)?;
        }
        let ctx = TailCtx::new(whole, reduced, q, e, dr, listing.as_deref())?;
        (tails, transients) = transient_pass(&ctx, n, full, split_min_states, pool, progress)?;
    }
    let cyclic: u64 = found.counts.iter().map(|(len, c)| len * c).sum();
    let transient_states: u64 = tails.values().sum();
    if cyclic + transient_states != n {
        return Err(EnumError::Invariant(format!(
            "{cyclic} cyclic + {transient_states} transient states != {n}"
        )));
    }
    Ok(Enumeration {
        cycles: found.counts,
        max_tail: tails.keys().next_back().copied().unwrap_or(0),
        tails,
        transient_states,
        sequences: listing.map(numbered),
        transients,
    })
}

/// q^d, or [`EnumError::TooLarge`] if the enumeration is refused.
fn checked_size(lfsr: &Lfsr, mode: Mode) -> Result<u64, EnumError> {
    let states = lfsr.state_count();
    let bytes_needed = memory_needed(lfsr, mode);
    match u64::try_from(&states) {
        Ok(n) if n <= MAX_KERNEL_STATES && bytes_needed <= BigUint::from(MAX_BYTES) => Ok(n),
        _ => Err(EnumError::TooLarge {
            states,
            bytes_needed,
            limit: MAX_BYTES,
        }),
    }
}

/// The cycles, found on the reduced register `[c_e, ..., c_{d-1}]` (the register itself when
/// `c0 != 0`), and that register's kernel (`None` when every coefficient is zero).
fn cyclic_part(
    lfsr: &Lfsr,
    full: bool,
    split_min_states: u64,
    pool: &dyn WorkerPool,
    progress: &Progress,
) -> Result<(Cycles, Option<Kernel>), EnumError> {
    let e = lfsr.x_multiplicity();
    if e == lfsr.degree() {
        progress.add_done(1);
        let only_zero = Cycles {
            counts: BTreeMap::from([(1, 1)]),
            listing: full.then(|| vec![vec![0]]),
        };
        return Ok((only_zero, None));
    }
    let reduced = Lfsr::new(lfsr.field(), lfsr.coefficients()[e..].to_vec())
        .map_err(|err| EnumError::Invariant(format!("reduced register: {err}")))?;
    let k = kernel(&reduced)?;
    let short = || short_cycle_states(&reduced);
    let (q, digits) = (lfsr.field().q(), reduced.degree());
    let walk = Walk {
        full,
        split_min_states,
    };
    let found = cycles_with(k.clone(), q, digits, &short, walk, pool, progress)?;
    Ok((found, Some(k)))
}

/// Numbers the cycles 1, 2, ... in listing order.
fn numbered(listing: Vec<Vec<u64>>) -> Vec<Sequence> {
    listing
        .into_iter()
        .zip(1..)
        .map(|(states, number)| Sequence {
            number,
            period: states.len() as u64,
            states,
        })
        .collect()
}

/// The error for a refused allocation of `count` values of type `T`.
pub(crate) fn out_of_memory<T>(count: u64) -> EnumError {
    EnumError::OutOfMemory {
        bytes: count.saturating_mul(std::mem::size_of::<T>() as u64),
    }
}

/// Appends `x` to `v`, growing it with `try_reserve`: an allocation the system refuses is
/// [`EnumError::OutOfMemory`] instead of an abort. As cheap as `push` while there is room.
#[inline(always)]
pub(crate) fn try_push<T>(v: &mut Vec<T>, x: T) -> Result<(), EnumError> {
    if v.len() == v.capacity() {
        try_grow(v, 1)?;
    }
    v.push(x);
    Ok(())
}

/// Appends `xs` to `v` as [`try_push`] does.
pub(crate) fn try_extend<T: Clone>(v: &mut Vec<T>, xs: &[T]) -> Result<(), EnumError> {
    if v.capacity() - v.len() < xs.len() {
        try_grow(v, xs.len())?;
    }
    v.extend_from_slice(xs);
    Ok(())
}

/// `n` copies of `value`, or [`EnumError::OutOfMemory`].
pub(crate) fn try_filled<T: Clone>(n: usize, value: T) -> Result<Vec<T>, EnumError> {
    let mut v = Vec::new();
    v.try_reserve_exact(n)
        .map_err(|_| out_of_memory::<T>(n as u64))?;
    v.resize(n, value);
    Ok(v)
}

/// Room for at least `extra` more values, doubling as `Vec` does.
#[cold]
fn try_grow<T>(v: &mut Vec<T>, extra: usize) -> Result<(), EnumError> {
    let want = extra.max(v.len()).max(4);
    match v.try_reserve(want) {
        Ok(()) => Ok(()),
        // Doubling may ask for much more than needed: try the exact need before giving up.
        Err(_) => v
            .try_reserve_exact(extra)
            .map_err(|_| out_of_memory::<T>((v.len() + extra) as u64)),
    }
}

fn kernel(lfsr: &Lfsr) -> Result<Kernel, EnumError> {
    Kernel::new(lfsr).ok_or_else(|| EnumError::TooLarge {
        states: lfsr.state_count(),
        bytes_needed: memory_needed(lfsr, Mode::PeriodOnly),
        limit: MAX_BYTES,
    })
}

/// Runs the cycle engine monomorphized for the kernel's type.
fn cycles_with(
    k: Kernel,
    q: u64,
    digits: usize,
    short: &dyn Fn() -> Vec<u64>,
    walk: Walk,
    pool: &dyn WorkerPool,
    progress: &Progress,
) -> Result<Cycles, EnumError> {
    match k {
        Kernel::Binary(s) => cycles(s, q, digits, short, walk, pool, progress),
        Kernel::Char2(s) => cycles(s, q, digits, short, walk, pool, progress),
        Kernel::Odd(s) => cycles(s, q, digits, short, walk, pool, progress),
        Kernel::Generic(s) => cycles(s, q, digits, short, walk, pool, progress),
    }
}

/// The largest short set worth building for a space of `q^digits` states: at most 2^16
/// states, and at most 1/64 of the space. Building it costs a few field operations per digit
/// and state, and walking it one walk per state, while the marking pass it saves costs about
/// one step and one mark per state; on a space of 2^16 states a short set as large as the
/// space cost ~3 ms per LFSR against ~0.1 ms for the marking pass.
fn short_set_cap(q: u64, digits: usize) -> u64 {
    let m = q.checked_pow(digits as u32).unwrap_or(u64::MAX);
    (m / 64).min(1 << 16)
}

/// The states of `lfsr` whose sequences satisfy the recurrence of `h`, the product of the small
/// primary parts `g^e` of the characteristic polynomial (q^(e deg g) <= 2^12, in all at most
/// [`short_set_cap`] states): the step maps this set to itself, and it holds the short cycles that a
/// primitive-like large factor combined with small ones (`x + 1`, ...) leaves without DP.
/// Empty when there is no small part or the factorization fails.
fn short_cycle_states(lfsr: &Lfsr) -> Vec<u64> {
    let f = lfsr.field();
    let q = f.q();
    let Ok(factors) = gf_core::factor(&lfsr.characteristic_polynomial()) else {
        return Vec::new();
    };
    let cap = short_set_cap(q, lfsr.degree());
    let mut h = Poly::one(f);
    let mut size = 1u64;
    for (g, e) in &factors.factors {
        let k = g.degree().unwrap_or(0) as u32 * e;
        let part = q.checked_pow(k).filter(|&p| p <= 1 << 12);
        if let Some(part) = part.filter(|&p| size * p <= cap) {
            for _ in 0..*e {
                h = &h * g;
            }
            size *= part;
        }
    }
    let k = h.degree().unwrap_or(0);
    if k == 0 {
        return Vec::new();
    }
    // h = x^k - sum_i c_i x^i: extend every initial window of h's sequences to d terms.
    let c: Vec<u64> = h.coeffs()[..k].iter().map(|&x| f.neg(x)).collect();
    (0..size)
        .map(|u| {
            let mut s = lfsr.index_to_state(u);
            for j in k..s.len() {
                s[j] = (0..k).fold(0, |acc, i| f.add(acc, f.mul(c[i], s[j - k + i])));
            }
            lfsr.state_to_index(&s)
        })
        .collect()
}

/// Replaces each cycle of reduced states `h` by the full states `T^e(h q^e), ...`, listed from
/// the lowest and ordered by it.
fn lift(
    listing: &mut [Vec<u64>],
    whole: &Kernel,
    q: u64,
    e: usize,
    dr: usize,
) -> Result<(), EnumError> {
    let m = q.pow(dr as u32);
    for cycle in listing.iter_mut() {
        let mut s = (0..e).fold(cycle[0] * q.pow(e as u32), |s, _| whole.next(s));
        for h in cycle.iter_mut() {
            if s % m != *h {
                return Err(EnumError::Invariant(format!(
                    "lifted state {s} does not project to {h}"
                )));
            }
            *h = s;
            s = whole.next(s);
        }
        let at = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
        cycle.rotate_left(at);
    }
    listing.sort_unstable_by_key(|c| c[0]);
    Ok(())
}

/// What the transient pass needs: the tail test and, in full mode, the cycle numbers.
struct TailCtx {
    whole: Kernel,
    reduced: Option<Kernel>,
    pow: Vec<u64>,
    e: usize,
    dr: usize,
    /// Full mode: `sequence[h]` is the number of the cycle whose states project to `h`.
    sequence: Vec<u64>,
}

impl TailCtx {
    fn new(
        whole: Kernel,
        reduced: Option<Kernel>,
        q: u64,
        e: usize,
        dr: usize,
        listing: Option<&[Vec<u64>]>,
    ) -> Result<TailCtx, EnumError> {
        let pow: Vec<u64> = (0..=e + dr).map(|i| q.pow(i as u32)).collect();
        let mut sequence = Vec::new();
        if let Some(l) = listing {
            let m = pow[dr];
            sequence
                .try_reserve_exact(m as usize)
                .map_err(|_| out_of_memory::<u64>(m))?;
            sequence.resize(m as usize, 0);
            for (cycle, number) in l.iter().zip(1..) {
                for &s in cycle {
                    sequence[(s % m) as usize] = number;
                }
            }
        }
        Ok(TailCtx {
            whole,
            reduced,
            pow,
            e,
            dr,
            sequence,
        })
    }

    /// `1 + the largest m < e whose relation fails`, or 0 for a cyclic state (module docs).
    fn tail(&self, k: u64) -> u64 {
        let (pow, dr) = (&self.pow, self.dr);
        let q = pow[1];
        let bits = q.trailing_zeros();
        for m in (0..self.e).rev() {
            // The window s_m .. s_{m+d'-1} and the digit s_{m+d'}: shifts when q = 2^n.
            let (window, digit) = if q.is_power_of_two() {
                let r = k >> (bits as usize * m);
                (r & (pow[dr] - 1), (r >> (bits as usize * dr)) & (q - 1))
            } else {
                ((k / pow[m]) % pow[dr], (k / pow[m + dr]) % q)
            };
            let fb = self.reduced.as_ref().map_or(0, |r| r.feedback(window));
            if digit != fb {
                return m as u64 + 1;
            }
        }
        0
    }
}

type TailJob = (Vec<u64>, Vec<Transient>);
/// `{tail: count}` and, in full mode, the transients.
type TailCounts = (BTreeMap<u64, u64>, Option<Vec<Transient>>);

/// Classifies every state by tail length; in full mode also lists the transients.
fn transient_pass(
    ctx: &TailCtx,
    n: u64,
    full: bool,
    split_min_states: u64,
    pool: &dyn WorkerPool,
    progress: &Progress,
) -> Result<TailCounts, EnumError> {
    let per_job = if n < split_min_states {
        n
    } else {
        (n / (16 * pool.workers() as u64)).clamp(64, 4 * PROGRESS_STEP)
    };
    let jobs = n.div_ceil(per_job) as usize;
    let results = pool.map(jobs, |j| -> Result<TailJob, EnumError> {
        if progress.is_cancelled() {
            return Err(EnumError::Cancelled);
        }
        let lo = j as u64 * per_job;
        let hi = (lo + per_job).min(n);
        let mut counts = vec![0u64; ctx.e + 1];
        let mut list = Vec::new();
        for k in lo..hi {
            let t = ctx.tail(k);
            counts[t as usize] += 1;
            if full && t > 0 {
                let s = (0..t).fold(k, |s, _| ctx.whole.next(s));
                let sequence = ctx.sequence[(s % ctx.pow[ctx.dr]) as usize];
                try_push(
                    &mut list,
                    Transient {
                        state: k,
                        sequence,
                        tail: t,
                    },
                )?;
            }
        }
        progress.add_done(counts[1..].iter().sum());
        Ok((counts, list))
    })?;
    let mut tails = BTreeMap::new();
    let mut all = full.then(Vec::new);
    for r in results {
        let (counts, list) = r?;
        for (t, &c) in counts.iter().enumerate().skip(1).filter(|(_, &c)| c > 0) {
            *tails.entry(t as u64).or_insert(0) += c;
        }
        if let Some(a) = all.as_mut() {
            if a.is_empty() {
                *a = list;
            } else {
                try_extend(a, &list)?;
            }
        }
    }
    Ok((tails, all))
}

#[cfg(test)]
mod tests {
    use super::*;
    use gf_core::Field;

    #[test]
    fn refused_allocations_are_errors_not_aborts() {
        // More than the address space: try_reserve refuses, the helpers report the bytes.
        let huge = usize::MAX / 16;
        match try_filled(huge, 0u64) {
            Err(EnumError::OutOfMemory { bytes }) => {
                assert_eq!(bytes, (huge as u64).saturating_mul(8));
            }
            other => panic!("expected OutOfMemory, got {:?}", other.map(|v| v.len())),
        }
        let mut v: Vec<u64> = Vec::new();
        for k in 0..1000 {
            try_push(&mut v, k).unwrap();
        }
        try_extend(&mut v, &[7; 100]).unwrap();
        assert_eq!(v.len(), 1100);
        assert_eq!((v[999], v[1099]), (999, 7));
        assert!(matches!(
            try_grow(&mut v, huge),
            Err(EnumError::OutOfMemory { .. })
        ));
        assert_eq!(
            v.len(),
            1100,
            "a refused growth leaves the vector as it was"
        );
    }

    #[test]
    fn short_cycle_states_are_the_windows_of_the_small_part() {
        // x^16+x^3+1 = (x^3+x^2+1)(degree 13): the small part has 8 states, the zero state and
        // a 7-cycle, closed under the step.
        let mut c = vec![0; 16];
        c[0] = 1;
        c[3] = 1;
        let lfsr = Lfsr::new(&Field::new(2).unwrap(), c).unwrap();
        let mut v = short_cycle_states(&lfsr);
        v.sort_unstable();
        v.dedup();
        assert_eq!(v.len(), 8);
        let k = Kernel::new(&lfsr).unwrap();
        assert!(v.iter().all(|&s| v.binary_search(&k.next(s)).is_ok()));
        let periods: Vec<usize> = v
            .iter()
            .map(|&s| {
                std::iter::successors(Some(k.next(s)), |&t| Some(k.next(t)))
                    .position(|t| t == s)
                    .unwrap()
                    + 1
            })
            .collect();
        assert_eq!(periods.iter().filter(|&&p| p == 7).count(), 7);
        // A primitive polynomial has no small part.
        let mut c = vec![0; 16];
        for i in [0, 4, 13, 15] {
            c[i] = 1;
        }
        assert!(short_cycle_states(&Lfsr::new(&Field::new(2).unwrap(), c).unwrap()).is_empty());
    }

    #[test]
    fn the_short_set_stays_a_small_part_of_the_space() {
        // (x^2+x+1)(x^3+x+1)(x^4+x+1)(x^7+x+1): every part is small (at most 2^12 states),
        // and all of them together are the whole space of 2^16 states. The short set must
        // stop at 1/64 of it: {x^2+x+1, x^3+x+1, x^4+x+1} give 2^9 states, x^7+x+1 would
        // make 2^16 (this set was the whole space, and building it cost ~3 ms per LFSR).
        let gf2 = Field::new(2).unwrap();
        let f = [vec![1, 1, 1], vec![1, 1, 0, 1], vec![1, 1, 0, 0, 1]]
            .into_iter()
            .chain([vec![1, 1, 0, 0, 0, 0, 0, 1]])
            .map(|c| Poly::new(&gf2, c).unwrap())
            .fold(Poly::one(&gf2), |acc, g| &acc * &g);
        assert_eq!(f.degree(), Some(16));
        let c = f.coeffs()[..16].to_vec(); // over GF(2), -c_i = c_i
        let lfsr = Lfsr::new(&gf2, c).unwrap();
        let mut v = short_cycle_states(&lfsr);
        v.sort_unstable();
        v.dedup();
        assert_eq!(v.len(), 1 << 9);
        assert_eq!(short_set_cap(2, 16), 1 << 10);
        assert_eq!(short_set_cap(2, 28), 1 << 16);
        assert_eq!(short_set_cap(3, 2), 0);
    }
}
