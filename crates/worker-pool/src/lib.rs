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
//! time). Jobs are `'static` ([`Job`]): a job shares data with the caller through `Arc`, which
//! keeps every persistent pool free of `unsafe` lifetime erasure. (The scoped strategy in
//! `pool-scoped` additionally offers a borrowing `scope` API of its own.)
//!
//! The strategies live in their own crates (`pool-simple`, `pool-idle-timeout`, `pool-scoped`).
//! This crate holds what they share: the trait, [`PoolError`], [`PoolMetrics`] with the
//! [`MetricsRecorder`] that fills them, the two baselines ([`Sequential`], [`FreshPool`]), and,
//! behind the `testing` feature, the conformance suite every implementation runs.
//!
//! # Example
//!
//! ```
//! use worker_pool::{FreshPool, Sequential, WorkerPool, WorkerPoolExt};
//!
//! fn squares(pool: &dyn WorkerPool) -> Vec<u64> {
//!     pool.map(5, |i| (i as u64) * (i as u64)).unwrap()
//! }
//!
//! assert_eq!(squares(&Sequential::new()), vec![0, 1, 4, 9, 16]);
//! assert_eq!(squares(&FreshPool::new(2)), vec![0, 1, 4, 9, 16]);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::sync::{Arc, Mutex};

mod baseline;
pub mod batch;
mod error;
mod metrics;
#[cfg(feature = "testing")]
pub mod testing;

pub use baseline::{FreshPool, Sequential};
pub use batch::Batch;
pub use error::{panic_message, PoolError};
pub use metrics::{MetricsRecorder, PoolMetrics};

/// A job: called once with each index `i` in `0..n`.
///
/// `'static` so that persistent workers can hold it without borrowing the caller's stack;
/// share data with the caller through `Arc`.
pub type Job = Arc<dyn Fn(usize) + Send + Sync + 'static>;

/// A pool of worker threads that runs indexed jobs to completion.
///
/// # Contract
///
/// [`execute(n, job)`](WorkerPool::execute) calls `job(i)` exactly once for every `i` in
/// `0..n`, possibly on several threads at once and in any order, and returns only when every
/// call has returned (or, after a panic, when no call is still running). Then:
///
/// * `Ok(())` if no job panicked;
/// * [`PoolError::JobPanicked`] naming the lowest index that panicked, with its message; the
///   other jobs still ran, and the pool stays usable for the next call;
/// * [`PoolError::ShutDown`] if the pool was shut down before the call (no job ran);
/// * [`PoolError::Spawn`] if the pool needed a thread, could not start one, and had no
///   worker left to run the jobs (no job is left stranded).
///
/// `n == 0` returns `Ok(())` at once. Several threads may call `execute` on the same pool at
/// the same time. A job that itself calls `execute` on the pool that runs it does not deadlock:
/// each implementation documents whether such a nested call runs inline on the calling worker
/// (all strategies in this workspace do) or returns an error.
pub trait WorkerPool: Send + Sync {
    /// Runs `job(i)` for every `i` in `0..n` and blocks until all are done.
    fn execute(&self, n: usize, job: Job) -> Result<(), PoolError>;

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
    /// ```
    /// use worker_pool::{Sequential, WorkerPoolExt};
    /// let v = Sequential::new().map(3, |i| i * 10).unwrap();
    /// assert_eq!(v, vec![0, 10, 20]);
    /// ```
    fn map<T, F>(&self, n: usize, f: F) -> Result<Vec<T>, PoolError>
    where
        T: Send + 'static,
        F: Fn(usize) -> T + Send + Sync + 'static,
    {
        let slots: Arc<Vec<Mutex<Option<T>>>> =
            Arc::new((0..n).map(|_| Mutex::new(None)).collect());
        let out = Arc::clone(&slots);
        self.execute(
            n,
            Arc::new(move |i| {
                let value = f(i);
                // A slot is written by exactly one job; a poisoned lock can only come from a
                // panic in another slot's job, which never holds this lock.
                *out[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(value);
            }),
        )?;
        slots
            .iter()
            .enumerate()
            .map(|(i, slot)| {
                slot.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .take()
                    .ok_or(PoolError::Lost { index: i })
            })
            .collect()
    }
}

impl<P: WorkerPool + ?Sized> WorkerPoolExt for P {}

/// A pointer to a pool is a pool: `&P`, `Arc<P>` and `Box<P>` forward every call.
macro_rules! forward_pool {
    ($($ptr:ty),*) => {$(
        impl<P: WorkerPool + ?Sized> WorkerPool for $ptr {
            fn execute(&self, n: usize, job: Job) -> Result<(), PoolError> {
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
