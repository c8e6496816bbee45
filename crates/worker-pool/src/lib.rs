//! The contract every lfsr-map worker pool fulfils.
//!
//! lfsr-map maps the state space of an LFSR by splitting it into jobs. It does not care
//! *which* threads run those jobs, only that:
//!
//! 1. job `i` runs exactly once for every `i` in `0..n`,
//! 2. the call blocks until every job has finished,
//! 3. a panicking job becomes an error ([`PoolError::JobPanicked`]) instead of killing the
//!    caller, hanging the call, or breaking the pool for the next call,
//! 4. results come back in index order ([`WorkerPoolExt::map`]), so the mapper's output never
//!    depends on the pool or on scheduling.
//!
//! That is the [`WorkerPool`] trait. It is object safe: a mapper can hold any strategy as
//! `&dyn WorkerPool` (chosen at run time) or as a generic `P: WorkerPool` (chosen at compile
//! time). A job is a plain borrow, `&(dyn Fn(usize) + Sync)`: since `execute` blocks until no
//! job is running, the job may borrow the caller's stack, exactly as with
//! [`std::thread::scope`] or rayon's `join`. No `Arc`, no `'static`. The lifetime is erased in
//! one audited place ([`batch`], the only `unsafe` of the pool crates), which the strategies
//! all go through. A panicking job's payload comes back in the error
//! ([`PoolError::JobPanicked`], [`PoolError::resume_unwind`]).
//!
//! The strategies live in their own crates (`pool-simple`, `pool-idle-timeout`, `pool-scoped`).
//! This crate holds what they share: the trait, [`PoolError`], [`PoolMetrics`] with the
//! [`MetricsRecorder`] that fills them, the two baselines ([`Sequential`], [`FreshPool`]), the
//! toolkit every strategy is built from ([`Batch`], [`worker`]: pool ids, the worker marker,
//! the worker loop and its retire guard; [`crew`]: a channel-fed set of workers and the
//! "send `min(workers, n) - 1` tasks, help, wait" dispatch; [`poison`]: the one lock-poisoning
//! policy), and, behind the `testing` feature, the conformance suite every implementation
//! runs.
//!
//! # Example
//!
//! ```
//! use worker_pool::{FreshPool, Sequential, WorkerPool, WorkerPoolExt};
//!
//! fn squares(pool: &dyn WorkerPool, of: &[u64]) -> Vec<u64> {
//!     pool.map(of.len(), |i| of[i] * of[i]).unwrap() // borrows `of`
//! }
//!
//! let xs = [0, 1, 2, 3, 4];
//! assert_eq!(squares(&Sequential::new(), &xs), vec![0, 1, 4, 9, 16]);
//! assert_eq!(squares(&FreshPool::new(2), &xs), vec![0, 1, 4, 9, 16]);
//! ```
#![deny(unsafe_code)]
#![warn(missing_docs)]

use std::sync::{Arc, OnceLock};

mod baseline;
pub mod batch;
pub mod crew;
mod error;
mod metrics;
pub mod poison;
#[cfg(feature = "testing")]
pub mod testing;
pub mod worker;

pub use baseline::{FreshPool, Sequential};
pub use batch::Batch;
pub use error::{panic_message, PanicPayload, PoolError};
pub use metrics::{MetricsRecorder, PoolMetrics};

/// A job: called once with each index `i` in `0..n`, possibly on several threads at once
/// (hence `Sync`). It may borrow anything that outlives the `execute` call.
pub type Job<'a> = &'a (dyn Fn(usize) + Sync + 'a);

/// A pool of worker threads that runs indexed jobs to completion.
///
/// # Contract
///
/// [`execute(n, job)`](WorkerPool::execute) calls `job(i)` exactly once for every `i` in
/// `0..n`, possibly on several threads at once and in any order, and returns only when no
/// call of `job` is running any more, and none will start: the job may borrow the caller's
/// data. Then:
///
/// * `Ok(())` if no job panicked;
/// * [`PoolError::JobPanicked`] naming the lowest index that panicked, with its message and
///   payload; the other jobs still ran, and the pool stays usable for the next call;
/// * [`PoolError::ShutDown`] if the pool was shut down before the call (no job ran);
/// * [`PoolError::Spawn`] if the pool needed a thread, could not start one, and had no
///   worker left to run the jobs (no job is left stranded).
///
/// `n == 0` returns `Ok(())` at once. Several threads may call `execute` on the same pool at
/// the same time. A job that itself calls `execute` on the pool that runs it does not deadlock:
/// each implementation documents whether such a nested call runs inline on the calling worker
/// (all strategies in this workspace do) or returns an error.
///
/// ```
/// use std::sync::atomic::{AtomicU64, Ordering};
/// use worker_pool::{FreshPool, WorkerPool};
///
/// let data: Vec<u64> = (1..=100).collect(); // on the caller's stack
/// let sum = AtomicU64::new(0);
/// FreshPool::new(3)
///     .execute(data.len(), &|i| {
///         sum.fetch_add(data[i], Ordering::Relaxed);
///     })
///     .unwrap();
/// assert_eq!(sum.into_inner(), 5050);
/// ```
///
/// Jobs run on several threads at once, so a job must be `Sync`; one that mutates through a
/// `Cell` does not compile:
///
/// ```compile_fail
/// use std::cell::Cell;
/// use worker_pool::{Sequential, WorkerPool};
/// let count = Cell::new(0);
/// Sequential::new().execute(3, &|_| count.set(count.get() + 1)).unwrap();
/// ```
///
/// For the same reason a job is `Fn`, not `FnMut`: a job that pushes to a captured `Vec`
/// (a data race between workers) does not compile; collect with
/// [`map`](WorkerPoolExt::map) instead.
///
/// ```compile_fail
/// use worker_pool::{Sequential, WorkerPool};
/// let mut seen = Vec::new();
/// Sequential::new().execute(3, &|i| seen.push(i)).unwrap();
/// ```
pub trait WorkerPool: Send + Sync {
    /// Runs `job(i)` for every `i` in `0..n` and blocks until all are done (see the
    /// [contract](WorkerPool#contract)).
    fn execute(&self, n: usize, job: &(dyn Fn(usize) + Sync)) -> Result<(), PoolError>;

    /// The number of worker threads a call may use (at least 1).
    fn workers(&self) -> usize;

    /// A snapshot of this pool's lifecycle counters.
    fn metrics(&self) -> PoolMetrics;

    /// A short name for reports and benchmarks, e.g. `"simple"` or `"fresh"`.
    fn name(&self) -> &'static str;
}

/// Generic conveniences on top of [`WorkerPool`], for every pool including `dyn WorkerPool`.
pub trait WorkerPoolExt: WorkerPool {
    /// Runs `f(i)` for every `i` in `0..n` on the pool and returns the results in index order.
    ///
    /// Each result goes into its own write-once slot (`OnceLock`), so no slot needs a lock;
    /// `f` may borrow the caller's data.
    ///
    /// ```
    /// use worker_pool::{Sequential, WorkerPoolExt};
    /// let base = 10;
    /// let v = Sequential::new().map(3, |i| i * base).unwrap();
    /// assert_eq!(v, vec![0, 10, 20]);
    /// ```
    ///
    /// Results cross threads, so they must be `Send` (and `Sync`, as a slot is shared):
    ///
    /// ```compile_fail
    /// use worker_pool::{Sequential, WorkerPoolExt};
    /// let v = Sequential::new().map(3, |i| std::rc::Rc::new(i));
    /// ```
    fn map<T, F>(&self, n: usize, f: F) -> Result<Vec<T>, PoolError>
    where
        T: Send + Sync,
        F: Fn(usize) -> T + Sync,
    {
        let slots: Vec<OnceLock<T>> = (0..n).map(|_| OnceLock::new()).collect();
        // A second `set` of a slot would mean the pool ran index `i` twice, which the
        // conformance suite rules out; the first value is kept either way.
        self.execute(n, &|i| {
            let _ = slots[i].set(f(i));
        })?;
        slots
            .into_iter()
            .enumerate()
            .map(|(index, slot)| slot.into_inner().ok_or(PoolError::Lost { index }))
            .collect()
    }
}

impl<P: WorkerPool + ?Sized> WorkerPoolExt for P {}

/// A pointer to a pool is a pool: `&P`, `Arc<P>` and `Box<P>` forward every call.
macro_rules! forward_pool {
    ($($ptr:ty),*) => {$(
        impl<P: WorkerPool + ?Sized> WorkerPool for $ptr {
            fn execute(&self, n: usize, job: &(dyn Fn(usize) + Sync)) -> Result<(), PoolError> {
                (**self).execute(n, job)
            }
            fn workers(&self) -> usize {
                (**self).workers()
            }
            fn metrics(&self) -> PoolMetrics {
                (**self).metrics()
            }
            fn name(&self) -> &'static str {
                (**self).name()
            }
        }
    )*};
}

forward_pool!(&P, Arc<P>, Box<P>);
