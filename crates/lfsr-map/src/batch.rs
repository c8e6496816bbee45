//! [`analyze_batch`]: many LFSRs across the pool's workers, delivered in input order.
//!
//! [`analyze`] splits one *large* state space across the workers; a file or a census of
//! *small* LFSRs gains nothing from that (each analysis is one job), so run one after another
//! they keep a single worker busy. The batch engine runs them side by side instead:
//!
//! * **Chunks.** Consecutive small LFSRs are cut into chunks, and the chunks run as the jobs
//!   of one pool call (a *wave*). The chunk length is measured, not guessed: the first wave
//!   has one LFSR per chunk, and each wave sizes its chunks from the time per LFSR the last
//!   one took, aiming at about [`CHUNK_TARGET`] of work per chunk (growing at most 4x per
//!   wave), so the cost of a job (a few microseconds at most) stays in the noise.
//! * **Input order, bounded memory.** A wave holds at most `4 x workers` chunks
//!   ([`WINDOW_PER_WORKER`]); when it ends, its analyses go to the consumer in input order,
//!   on the calling thread, and the next wave starts. So at most one wave of analyses is
//!   held at a time, and listings (full mode) are further bounded to about
//!   [`FULL_STATES_IN_FLIGHT`] states per wave.
//! * **Large LFSRs still split.** An LFSR that enumerates at least [`ALONE_MIN_STATES`]
//!   states is never put in a chunk, where its nested pool calls would run inline on one
//!   worker: the input is cut into runs there, and the large LFSR is analyzed alone, between
//!   two waves, with the whole pool, which splits it. Below that size a chunk's enumeration
//!   runs on the worker that holds the chunk ([`Sequential`] for those the mapper would
//!   otherwise split, from [`SPLIT_MIN_STATES`] on): the wave already keeps every worker
//!   busy, and one LFSR per worker scales better than splitting each one (a split has a
//!   serial part of about 10-15% at 2^20 states). No call waits for another, so nothing can
//!   deadlock, and at no time do more threads work than one pool call uses.
//!
//! The analyses are exactly those of [`analyze`] on each LFSR alone, for every pool and
//! worker count: only the schedule changes.
//!
//! # Errors, cancellation, progress
//!
//! The first error in input order is returned, after every analysis before it has been
//! delivered: an LFSR the source could not make ([`BatchError::Source`]), an analysis that
//! failed ([`BatchError::Analysis`]), the consumer refusing one ([`BatchError::Consumer`]).
//! Once a chunk fails, the chunks after it in the wave stop before their next LFSR, and no
//! new wave starts. A panicking job is the pool's [`PoolError`] ([`BatchError::Pool`]), after
//! the analyses of the chunks before the panicking one.
//!
//! `progress` counts **LFSRs**, not states: its total is the number of LFSRs and `done`
//! grows by one per LFSR analyzed, so a progress bar can show LFSRs with a rate and an
//! estimate of the time left. Each analysis gets a [`Progress::child`] (its own state
//! counters, the batch's cancel flag), so [`Progress::cancel`] stops the enumerations in
//! flight too, and the batch returns [`BatchError::Cancelled`].
//!
//! # Example
//!
//! ```
//! use gf_core::Field;
//! use lfsr_map::batch::analyze_batch;
//! use lfsr_map::lfsr::Lfsr;
//! use lfsr_map::progress::Progress;
//! use lfsr_map::{Method, Options};
//! use worker_pool::FreshPool;
//!
//! let gf2 = Field::new(2)?;
//! // Every degree-4 LFSR over GF(2) with c0 = 1: coefficients c1..c3 from the bits of k.
//! let source = |k: u64| Lfsr::new(&gf2, vec![1, k & 1, k >> 1 & 1, k >> 2 & 1]);
//! let opts = Options { method: Method::Enumerate, ..Options::default() };
//! let progress = Progress::new();
//! let mut primitive = Vec::new();
//! analyze_batch(8, source, |_, _| opts.clone(), &FreshPool::new(2), &progress, |k, a| {
//!     if a.primitive {
//!         primitive.push(k); // in input order, on this thread
//!     }
//!     Ok(())
//! })?;
//! assert_eq!(primitive, [1, 4]); // x^4 + x + 1 and x^4 + x^3 + 1
//! assert_eq!((progress.done(), progress.total()), (8, 8)); // LFSRs, not states
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use num_bigint::BigUint;
use worker_pool::poison::lock;
use worker_pool::{PoolError, Sequential, WorkerPool};

use crate::analysis::{analyze, Analysis, AnalysisError, Method, Options};
use crate::enumerate::SPLIT_MIN_STATES;
use crate::lfsr::Lfsr;
use crate::progress::Progress;

/// The work a chunk of small LFSRs aims at: long enough that a pool job's cost (microseconds)
/// is lost in it, short enough that a wave of `4 x workers` chunks ends evenly.
pub const CHUNK_TARGET: Duration = Duration::from_millis(2);

/// Chunks per worker in one wave: the reorder window is `WINDOW_PER_WORKER x workers` chunks.
pub const WINDOW_PER_WORKER: usize = 4;

/// The longest chunk, in LFSRs, whatever the measurement says.
pub const MAX_CHUNK: usize = 4096;

/// The most states whose listing (full mode) one wave may hold, summed over its LFSRs (each
/// wave takes at least one LFSR, however large): about 2^22 states, a few dozen megabytes.
pub const FULL_STATES_IN_FLIGHT: u64 = 1 << 22;

/// The fewest states an enumeration must have to be analyzed alone with the whole pool
/// (split across the workers) instead of in a chunk on one worker: 2^22 states, a few
/// milliseconds of work on one core.
pub const ALONE_MIN_STATES: u64 = 1 << 22;

/// Why [`analyze_batch`] stopped: the first failure in input order.
#[derive(Debug)]
pub enum BatchError<E> {
    /// The source could not make LFSR `index`.
    Source {
        /// The 0-based input index.
        index: u64,
        /// The source's error.
        error: E,
    },
    /// The analysis of LFSR `index` failed (not by cancellation).
    Analysis {
        /// The 0-based input index.
        index: u64,
        /// Why [`analyze`] gave no analysis.
        error: AnalysisError,
    },
    /// The consumer returned an error for analysis `index`.
    Consumer {
        /// The 0-based input index.
        index: u64,
        /// The consumer's error.
        error: E,
    },
    /// [`Progress::cancel`] was called on the batch's progress (or a child).
    Cancelled,
    /// A pool call failed: a job of the batch engine itself panicked, or the pool was shut
    /// down.
    Pool(PoolError),
}

impl<E: fmt::Display> fmt::Display for BatchError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::Source { index, error } => write!(f, "LFSR {index}: {error}"),
            BatchError::Analysis { index, error } => write!(f, "LFSR {index}: {error}"),
            BatchError::Consumer { index, error } => write!(f, "analysis {index}: {error}"),
            BatchError::Cancelled => f.write_str("cancelled"),
            BatchError::Pool(e) => write!(f, "worker pool: {e}"),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for BatchError<E> {}

/// Analyzes LFSRs `0..count` on `pool` and hands each analysis, in input order, to
/// `consume` on the calling thread (see the [module docs](self) for the schedule).
///
/// `source(k)` makes LFSR `k` and `options(k, &lfsr)` its options (they may differ per LFSR);
/// both are called on the calling thread, in order, a wave ahead of the consumer.
/// `progress` counts LFSRs (its total is set to `count`) and cancels the batch.
///
/// # Errors
///
/// The first [`BatchError`] in input order; every analysis before it has been delivered.
pub fn analyze_batch<E, S, O, C>(
    count: u64,
    source: S,
    options: O,
    pool: &dyn WorkerPool,
    progress: &Progress,
    mut consume: C,
) -> Result<(), BatchError<E>>
where
    S: FnMut(u64) -> Result<Lfsr, E>,
    O: FnMut(u64, &Lfsr) -> Options,
    C: FnMut(u64, Analysis) -> Result<(), E>,
{
    let render = |_: u64, _: &Analysis| ();
    analyze_batch_rendered(
        count,
        source,
        options,
        &render,
        pool,
        progress,
        |k, a, ()| consume(k, a),
    )
}

/// [`analyze_batch`] with a render step on the workers: `render(k, &analysis)` runs on the
/// worker that made analysis `k`, right after it, and `consume(k, analysis, rendered)` then
/// gets both, in input order, on the calling thread. Work that depends on one analysis only
/// (formatting a report line, say) belongs in `render`, where the workers share it; what
/// must see every analysis in order stays in `consume`.
///
/// ```
/// use gf_core::Field;
/// use lfsr_map::batch::analyze_batch_rendered;
/// use lfsr_map::lfsr::Lfsr;
/// use lfsr_map::progress::Progress;
/// use lfsr_map::Options;
/// use worker_pool::FreshPool;
///
/// let gf2 = Field::new(2)?;
/// let source = |k: u64| Lfsr::new(&gf2, vec![1, k & 1, k >> 1 & 1]);
/// let line = |k: u64, a: &lfsr_map::Analysis| format!("{k}: {}", a.characteristic_polynomial);
/// let mut lines = Vec::new();
/// analyze_batch_rendered(4, source, |_, _| Options::default(), &line, &FreshPool::new(2),
///     &Progress::new(), |_, _, text| {
///         lines.push(text);
///         Ok(())
///     })?;
/// assert_eq!(lines[1], "1: x^3 + x + 1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`analyze_batch`].
pub fn analyze_batch_rendered<E, R, S, O, C>(
    count: u64,
    mut source: S,
    mut options: O,
    render: &(dyn Fn(u64, &Analysis) -> R + Sync),
    pool: &dyn WorkerPool,
    progress: &Progress,
    mut consume: C,
) -> Result<(), BatchError<E>>
where
    R: Send,
    S: FnMut(u64) -> Result<Lfsr, E>,
    O: FnMut(u64, &Lfsr) -> Options,
    C: FnMut(u64, Analysis, R) -> Result<(), E>,
{
    progress.set_total(count);
    let window = WINDOW_PER_WORKER * pool.workers().max(1);
    let mut chunk_len = 1usize;
    let mut next = 0u64; // the next index to take from the source
    let mut held: Option<(u64, Next<E>)> = None; // taken, not yet placed
    loop {
        if progress.is_cancelled() {
            return Err(BatchError::Cancelled);
        }
        // A run of small LFSRs, up to one wave.
        let first = held.as_ref().map_or(next, |(k, _)| *k);
        let mut run = Vec::new();
        let mut listed = 0u64;
        while run.len() < window * chunk_len {
            let (k, item) = match held.take() {
                Some(h) => h,
                None if next < count => {
                    next += 1;
                    (next - 1, take(next - 1, &mut source, &mut options))
                }
                None => break,
            };
            match item {
                Next::Small(item, states) => {
                    if !run.is_empty() && listed.saturating_add(states) > FULL_STATES_IN_FLIGHT {
                        held = Some((k, Next::Small(item, states)));
                        break;
                    }
                    listed = listed.saturating_add(states);
                    run.push(item);
                }
                other => {
                    held = Some((k, other));
                    break;
                }
            }
        }
        if !run.is_empty() {
            let per_item = wave(first, &run, chunk_len, render, pool, progress, &mut consume)?;
            chunk_len = next_chunk_len(chunk_len, per_item);
        }
        match held.take() {
            Some((k, Next::Large(item))) => {
                let a = analyze(&item.lfsr, &item.opts, pool, &progress.child());
                let a = a.map_err(|e| analysis_error(k, e))?;
                progress.add_done(1);
                let r = render(k, &a);
                consume(k, a, r).map_err(|error| BatchError::Consumer { index: k, error })?;
            }
            Some((index, Next::Failed(error))) => {
                return Err(BatchError::Source { index, error });
            }
            Some(small) => held = Some(small), // the wave was full
            None if run.is_empty() => return Ok(()),
            None => {}
        }
    }
}

/// One LFSR with its options.
struct Item {
    lfsr: Lfsr,
    opts: Options,
    /// In a chunk, enumerate on the chunk's own worker (it would otherwise be split).
    on_one_worker: bool,
}

/// An input taken from the source: small (with the states its listing holds, 0 unless
/// full mode), large (analyzed alone), or the source's error.
enum Next<E> {
    Small(Item, u64),
    Large(Item),
    Failed(E),
}

/// Takes input `k` and classifies it.
fn take<E>(
    k: u64,
    source: &mut impl FnMut(u64) -> Result<Lfsr, E>,
    options: &mut impl FnMut(u64, &Lfsr) -> Options,
) -> Next<E> {
    let lfsr = match source(k) {
        Ok(l) => l,
        Err(e) => return Next::Failed(e),
    };
    let opts = options(k, &lfsr);
    let enumerates = opts.full || opts.method == Method::Enumerate;
    let states = lfsr.state_count();
    if enumerates && states >= BigUint::from(ALONE_MIN_STATES) {
        let on_one_worker = false;
        return Next::Large(Item {
            lfsr,
            opts,
            on_one_worker,
        });
    }
    let on_one_worker = enumerates && states >= BigUint::from(SPLIT_MIN_STATES);
    // Below ALONE_MIN_STATES, so it fits in a u64.
    let listed = if opts.full {
        u64::try_from(&states).unwrap_or(u64::MAX)
    } else {
        0
    };
    let item = Item {
        lfsr,
        opts,
        on_one_worker,
    };
    Next::Small(item, listed)
}

/// The analyses of one chunk (stopped at its first error), rendered, and the time they took.
struct ChunkOut<R> {
    results: Vec<Result<(Analysis, R), AnalysisError>>,
    elapsed: Duration,
}

/// Runs `run` (inputs `first..`) as chunks of one pool call, then delivers the analyses in
/// order; returns the measured time per LFSR.
fn wave<E, R: Send>(
    first: u64,
    run: &[Item],
    chunk_len: usize,
    render: &(dyn Fn(u64, &Analysis) -> R + Sync),
    pool: &dyn WorkerPool,
    progress: &Progress,
    consume: &mut impl FnMut(u64, Analysis, R) -> Result<(), E>,
) -> Result<Duration, BatchError<E>> {
    let n = run.len();
    let chunks = n.div_ceil(chunk_len).max(n.min(pool.workers()));
    let bounds = |c: usize| (c * n / chunks, (c + 1) * n / chunks);
    let slots: Vec<Mutex<Option<ChunkOut<R>>>> = (0..chunks).map(|_| Mutex::new(None)).collect();
    // The position (in `run`) of the lowest failed LFSR so far: later ones are not started.
    let failed = AtomicUsize::new(usize::MAX);
    let outcome = pool.execute(chunks, &|c| {
        let started = Instant::now();
        let (lo, hi) = bounds(c);
        let mut results = Vec::with_capacity(hi - lo);
        let this_worker = Sequential::new();
        for (i, item) in run.iter().enumerate().take(hi).skip(lo) {
            if i > failed.load(Ordering::Relaxed) || progress.is_cancelled() {
                break;
            }
            let on: &dyn WorkerPool = if item.on_one_worker {
                &this_worker
            } else {
                pool
            };
            let r = analyze(&item.lfsr, &item.opts, on, &progress.child()).map(|a| {
                let rendered = render(first + i as u64, &a);
                (a, rendered)
            });
            let stop = r.is_err();
            if stop {
                failed.fetch_min(i, Ordering::Relaxed);
            } else {
                progress.add_done(1);
            }
            results.push(r);
            if stop {
                break;
            }
        }
        let elapsed = started.elapsed();
        *lock(&slots[c]) = Some(ChunkOut { results, elapsed });
    });
    let (mut busy, mut done) = (Duration::ZERO, 0u32);
    for (c, slot) in slots.into_iter().enumerate() {
        let Some(out) = slot.into_inner().unwrap_or_else(|e| e.into_inner()) else {
            // Only a chunk that panicked (or a pool that broke its contract) leaves no slot.
            return Err(BatchError::Pool(
                outcome.err().unwrap_or(PoolError::Lost { index: c }),
            ));
        };
        let (lo, hi) = bounds(c);
        let complete = out.results.len() == hi - lo;
        busy += out.elapsed;
        for (i, r) in (lo..).zip(out.results) {
            let index = first + i as u64;
            let (a, rendered) = r.map_err(|e| analysis_error(index, e))?;
            done += 1;
            consume(index, a, rendered).map_err(|error| BatchError::Consumer { index, error })?;
        }
        if !complete {
            // Stopped without an error of its own: cancelled.
            return Err(BatchError::Cancelled);
        }
    }
    outcome.map_err(BatchError::Pool)?;
    Ok(busy / done.max(1))
}

fn analysis_error<E>(index: u64, error: AnalysisError) -> BatchError<E> {
    match error {
        AnalysisError::Cancelled => BatchError::Cancelled,
        error => BatchError::Analysis { index, error },
    }
}

/// The chunk length that makes a chunk about [`CHUNK_TARGET`] long at `per_item` per LFSR,
/// at most 4x the last one and within `1..=MAX_CHUNK`.
fn next_chunk_len(last: usize, per_item: Duration) -> usize {
    let per_item = per_item.as_nanos().max(1);
    let fit = (CHUNK_TARGET.as_nanos() / per_item).min(MAX_CHUNK as u128) as usize;
    fit.clamp(1, last.saturating_mul(4).min(MAX_CHUNK))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_grow_by_at_most_4x_toward_the_target_and_stay_in_bounds() {
        let us = Duration::from_micros;
        assert_eq!(next_chunk_len(1, us(10)), 4, "200 fit, growth capped");
        assert_eq!(next_chunk_len(64, us(10)), 200);
        assert_eq!(next_chunk_len(200, us(1000)), 2, "shrinks at once");
        assert_eq!(next_chunk_len(5, us(5000)), 1, "at least one");
        assert_eq!(next_chunk_len(4096, Duration::ZERO), MAX_CHUNK);
    }
}
