//! [`Batch`]: one `execute` call's shared state, the piece every strategy reuses.
//!
//! A call to [`WorkerPool::execute`](crate::WorkerPool::execute) becomes one `Batch`, shared by
//! `Arc` between the caller and the workers. Any number of threads call [`Batch::work`]; each
//! claims the next unclaimed index with one atomic `fetch_add` (so uneven jobs balance
//! themselves), runs the job under `catch_unwind`, and counts it done. The caller blocks in
//! [`Batch::wait`] until all `n` indices are done, then reads the outcome.
//!
//! Guarantees: every index in `0..n` is claimed exactly once, whatever the number of threads
//! calling `work`, and `wait` returns only after every claimed job has returned. A panic in
//! one job never stops the others; the lowest panicking index is reported. Even a panic
//! payload whose own `Drop` panics is contained, so `work` never unwinds into a worker loop.
//!
//! The job type is a parameter so that scoped pools can run jobs that borrow the caller's
//! stack: `Batch` alone means `Batch<dyn Fn(usize) + Send + Sync + 'static>`, built from a
//! [`Job`] with [`Batch::new`]; any other `Fn(usize) + Send + Sync` (for example
//! `dyn Fn(usize) + Send + Sync + 'env`) goes through [`Batch::from_arc`].
//!
//! ```
//! use std::sync::Arc;
//! use worker_pool::{Batch, MetricsRecorder};
//!
//! let metrics = MetricsRecorder::new();
//! let batch = Arc::new(Batch::new(100, Arc::new(|_i| {})));
//! let helper = {
//!     let batch = Arc::clone(&batch);
//!     std::thread::spawn(move || batch.work(&MetricsRecorder::new()))
//! };
//! let mine = batch.work(&metrics); // the caller may help too
//! batch.wait().unwrap();
//! assert_eq!(mine + helper.join().unwrap(), 100);
//! ```

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use crate::{panic_message, Job, MetricsRecorder, PoolError};

/// The shared state of one `execute(n, job)` call. See the [module docs](self).
pub struct Batch<F: ?Sized = dyn Fn(usize) + Send + Sync + 'static> {
    n: usize,
    job: Arc<F>,
    next: AtomicUsize,
    state: Mutex<BatchState>,
    done_cv: Condvar,
}

#[derive(Default)]
struct BatchState {
    done: usize,
    first_panic: Option<(usize, String)>,
}

impl<F: ?Sized> std::fmt::Debug for Batch<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch")
            .field("n", &self.n)
            .field("next", &self.next.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl Batch {
    /// A batch of `n` invocations of `job`.
    pub fn new(n: usize, job: Job) -> Self {
        Self::from_arc(n, job)
    }
}

impl<F: ?Sized + Fn(usize) + Send + Sync> Batch<F> {
    /// A batch of `n` invocations of any shared job, e.g. one that borrows the caller's data.
    pub fn from_arc(n: usize, job: Arc<F>) -> Self {
        Self {
            n,
            job,
            next: AtomicUsize::new(0),
            state: Mutex::new(BatchState::default()),
            done_cv: Condvar::new(),
        }
    }

    /// The number of jobs in the batch.
    pub fn len(&self) -> usize {
        self.n
    }

    /// `true` for a batch of 0 jobs.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// `true` once every index has been claimed (jobs may still be running).
    pub fn all_claimed(&self) -> bool {
        self.next.load(Ordering::Relaxed) >= self.n
    }

    /// Claims and runs jobs until none is left to claim; returns how many this thread ran.
    /// Records each run (and each caught panic) in `metrics` before reporting it done, so
    /// the counters are exact by the time [`wait`](Batch::wait) returns.
    pub fn work(&self, metrics: &MetricsRecorder) -> usize {
        let mut ran = 0;
        let mut finished_here = 0;
        loop {
            let i = self.next.fetch_add(1, Ordering::Relaxed);
            if i >= self.n {
                break;
            }
            ran += 1;
            let outcome = catch_unwind(AssertUnwindSafe(|| (self.job)(i)));
            if let Err(payload) = outcome {
                metrics.record_panic();
                let message = panic_message(payload.as_ref());
                drop_contained(payload);
                let mut st = self.lock();
                match &st.first_panic {
                    Some((j, _)) if *j <= i => {}
                    _ => st.first_panic = Some((i, message)),
                }
            }
            finished_here += 1;
            // Report completions in small groups: one lock per 64 jobs keeps the shared
            // counter off the hot path, and the last group always flushes below.
            if finished_here == 64 {
                self.finish(finished_here, metrics);
                finished_here = 0;
            }
        }
        if finished_here > 0 {
            self.finish(finished_here, metrics);
        }
        ran
    }

    fn finish(&self, count: usize, metrics: &MetricsRecorder) {
        metrics.record_jobs_run(count as u64);
        let mut st = self.lock();
        st.done += count;
        if st.done >= self.n {
            self.done_cv.notify_all();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BatchState> {
        // The lock is never held while a job runs, so it cannot be poisoned by a job panic.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `true` once every job has returned.
    pub fn is_done(&self) -> bool {
        self.lock().done >= self.n
    }

    /// Blocks until every job has returned, then reports the outcome
    /// (`Err(JobPanicked)` for the lowest panicking index).
    pub fn wait(&self) -> Result<(), PoolError> {
        let mut st = self.lock();
        while st.done < self.n {
            st = self.done_cv.wait(st).unwrap_or_else(|e| e.into_inner());
        }
        match &st.first_panic {
            None => Ok(()),
            Some((index, message)) => Err(PoolError::JobPanicked {
                index: *index,
                message: message.clone(),
            }),
        }
    }
}

/// Drops a panic payload without letting a panicking `Drop` of the payload unwind into the
/// worker (which would lose a claimed job and hang the caller). A second-level payload is
/// leaked rather than dropped: it is a few bytes, and dropping it could panic again.
fn drop_contained(payload: Box<dyn std::any::Any + Send>) {
    if let Err(again) = catch_unwind(AssertUnwindSafe(move || drop(payload))) {
        std::mem::forget(again);
    }
}
