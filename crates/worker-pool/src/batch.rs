//! [`Batch`]: one `execute` call's shared state, and the one place where a borrowed job's
//! lifetime is erased.
//!
//! A call to [`WorkerPool::execute`](crate::WorkerPool::execute) becomes one `Batch`, shared by
//! `Arc` between the caller and the workers. Any number of threads call [`Batch::work`]; each
//! claims the next unclaimed index with one atomic `fetch_add` (so uneven jobs balance
//! themselves), runs the job under `catch_unwind`, and counts it done. The caller blocks until
//! all `n` indices are done, then reads the outcome.
//!
//! # Borrowed jobs
//!
//! The job is a plain borrow, `&(dyn Fn(usize) + Sync)`, so it may borrow the caller's stack,
//! as with [`std::thread::scope`] or rayon's `join`. Persistent workers are `'static`
//! threads, though, and hold the batch (`Arc<Batch>`) for as long as they like, even after
//! the call returned. [`Batch::run`] bridges the two: it is the only way to make a batch of a
//! borrowed job, and it does not return (not even by unwinding) before every index that was
//! claimed has completed; from then on, no index can be claimed any more, so the job is never
//! touched again. A worker holding the batch afterwards only sees an exhausted index counter.
//!
//! ```
//! use std::sync::Arc;
//! use worker_pool::{Batch, MetricsRecorder};
//!
//! let metrics = MetricsRecorder::new();
//! let words = vec!["x"; 100]; // borrowed by the job below
//! let job = |i: usize| assert_eq!(words[i], "x");
//! let mut helper = None;
//! Batch::run(100, &job, &metrics, |batch| {
//!     // A 'static thread may hold the batch: it is `Arc<Batch>`, no lifetime.
//!     let batch = Arc::clone(batch);
//!     helper = Some(std::thread::spawn(move || batch.work(&MetricsRecorder::new())));
//!     Ok(())
//! })
//! .unwrap(); // the caller helped, then waited for the helper's claimed jobs
//! let theirs = helper.unwrap().join().unwrap();
//! assert_eq!(metrics.snapshot().jobs_run + theirs as u64, 100);
//! ```
//!
//! A [`detached`](Batch::detached) batch is not waited for, so its job must own its data
//! (`'static`); one that borrows a local does not compile:
//!
//! ```compile_fail
//! use std::sync::Arc;
//! use worker_pool::Batch;
//! let local = vec![1u8, 2, 3];
//! let batch = Batch::detached(3, Arc::new(|i| assert!(local[i] > 0)));
//! drop(local);
//! batch.wait().unwrap();
//! ```
//!
//! A job must be `Sync`, since several threads call it at once: a `Cell` cannot be shared.
//!
//! ```compile_fail
//! use std::cell::Cell;
//! use worker_pool::{Batch, MetricsRecorder};
//! let count = Cell::new(0);
//! let job = |_i: usize| count.set(count.get() + 1);
//! Batch::run(4, &job, &MetricsRecorder::new(), |_| Ok(())).unwrap();
//! ```
//!
//! # Safety argument (the only `unsafe` of the pool crates)
//!
//! [`Batch::run`] turns `&'a (dyn Fn(usize) + Sync + 'a)` into a `JobRef`, a raw pointer
//! whose lifetime bound is erased. The pointer is dereferenced in exactly one place
//! (`run_next`, behind [`Batch::work`] and [`Batch::work_one`]), and only for an index
//! `i < n` that the calling thread has just claimed (`next.fetch_add(1)` returned `i`),
//! before it reports `i` complete. So:
//!
//! 1. *Claimed indices complete before `run` returns.* `run` returns only after
//!    `done == n` (every index completed or cancelled; see 3.), and `done` counts an index
//!    only after its call of the job returned (or unwound into `catch_unwind`). This holds on
//!    every exit of `run`: normal return, an `Err` from the dispatch closure, and an unwind
//!    out of it: a drop guard held from the batch's creation cancels and waits on every exit.
//! 2. *Nobody can claim after `run` returns.* When `run` stops waiting, `next >= n`: either
//!    every index was claimed, or `run` cancelled the rest by raising `next` to `n` itself
//!    (`fetch_max`, atomic with every concurrent `fetch_add`). A later `fetch_add` returns
//!    `>= n`, which is "nothing left", without touching the job.
//! 3. *Cancellation is exact.* `fetch_max(n)` returns the previous counter `c`; exactly the
//!    indices `< min(c, n)` were claimed (each by one `fetch_add`), the others never will be,
//!    so `run` counts `n - min(c, n)` indices as done itself and waits for the claimed ones.
//! 4. *The referent is `Sync`*, so calling it from several threads through `&` is allowed;
//!    the pointer itself is only ever read, so sending it across threads is fine.
//!
//! The completion count is guarded by a `Mutex`, so "job returned, then counted" on a worker
//! happens-before "saw the count, then returned" on the caller.
//!
//! A batch that owns its job ([`Batch::detached`], for callers that do not wait) keeps the
//! `Arc` of the job inside itself; there the pointer is valid for as long as the batch lives.

#![allow(unsafe_code)]

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use crate::poison::{lock, recover};
use crate::{panic_message, MetricsRecorder, PanicPayload, PoolError};

/// A job whose lifetime is erased: dereferenced only by `Batch::run_next`, for a claimed
/// index `< n`, under the protocol in the [module docs](self).
struct JobRef(NonNull<dyn Fn(usize) + Sync + 'static>);

// SAFETY: the referent is `Sync` (a shared call from any thread is fine) and the pointer is
// only read; validity across threads is the protocol's business (module docs, 1.-3.).
unsafe impl Send for JobRef {}
// SAFETY: as above; `&JobRef` only allows reading the pointer.
unsafe impl Sync for JobRef {}

impl JobRef {
    /// Erases the lifetime of `job`. Safe in itself (nothing is dereferenced); calling it
    /// later is what the protocol makes sound.
    fn erase<'a>(job: &'a (dyn Fn(usize) + Sync + 'a)) -> Self {
        let ptr: NonNull<dyn Fn(usize) + Sync + 'a> = NonNull::from(job);
        // SAFETY: both types are the same fat pointer (data, vtable); only the trait object's
        // lifetime bound changes, which has no runtime representation.
        JobRef(unsafe {
            std::mem::transmute::<
                NonNull<dyn Fn(usize) + Sync + 'a>,
                NonNull<dyn Fn(usize) + Sync + 'static>,
            >(ptr)
        })
    }
}

/// The shared state of one `execute(n, job)` call. See the [module docs](self).
pub struct Batch {
    n: usize,
    job: JobRef,
    /// Keeps a [`detached`](Batch::detached) batch's job alive; `None` for a borrowed one.
    _owned: Option<Arc<dyn Fn(usize) + Send + Sync>>,
    next: AtomicUsize,
    state: Mutex<BatchState>,
    done_cv: Condvar,
}

#[derive(Default)]
struct BatchState {
    /// Indices completed (their call returned or unwound) or cancelled.
    done: usize,
    first_panic: Option<(usize, String, PanicPayload)>,
}

impl std::fmt::Debug for Batch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch")
            .field("n", &self.n)
            .field("next", &self.next.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl Batch {
    fn with(n: usize, job: JobRef, owned: Option<Arc<dyn Fn(usize) + Send + Sync>>) -> Self {
        Self {
            n,
            job,
            _owned: owned,
            next: AtomicUsize::new(0),
            state: Mutex::new(BatchState::default()),
            done_cv: Condvar::new(),
        }
    }

    /// Runs `job(i)` for every `i` in `0..n` and returns when no call of it is running any
    /// more: the borrowing heart of every [`WorkerPool`](crate::WorkerPool).
    ///
    /// `share` receives the batch first and may hand clones of the `Arc` to any threads,
    /// which then call [`work`](Batch::work). Then:
    ///
    /// * `share` returned `Ok`: the calling thread works on the batch too, waits until every
    ///   index has completed, and returns the outcome (`Err(JobPanicked)` for the lowest
    ///   panicking index, with its payload);
    /// * `share` returned `Err(e)`: the indices not claimed yet are cancelled (never run), the
    ///   claimed ones are waited for, and `e` is returned;
    /// * `share` panicked: as for `Err`, then the panic continues.
    ///
    /// Records the runs of the calling thread in `metrics`. `n == 0` returns `Ok(())`
    /// without calling `share`.
    pub fn run<'a>(
        n: usize,
        job: &'a (dyn Fn(usize) + Sync + 'a),
        metrics: &MetricsRecorder,
        share: impl FnOnce(&Arc<Batch>) -> Result<(), PoolError>,
    ) -> Result<(), PoolError> {
        if n == 0 {
            return Ok(());
        }
        let batch = Arc::new(Batch::with(n, JobRef::erase(job), None));
        // Every exit of `run`, an unwind included, passes through `cancel`, which returns
        // only once every claimed index completed (module docs, 1.).
        let _exit = CancelOnExit(&batch);
        share(&batch)?;
        batch.work(metrics);
        batch.wait()
    }

    /// A batch that owns its job, for callers that hand the batch out and do not wait (the
    /// loom models of a protocol, fire-and-forget work). Poll [`is_done`](Batch::is_done) or
    /// block in [`wait`](Batch::wait).
    pub fn detached(n: usize, job: Arc<dyn Fn(usize) + Send + Sync>) -> Arc<Batch> {
        let erased = JobRef::erase(&*job);
        Arc::new(Batch::with(n, erased, Some(job)))
    }

    /// The number of jobs in the batch.
    pub fn len(&self) -> usize {
        self.n
    }

    /// `true` for a batch of 0 jobs.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// `true` once every index has been claimed or cancelled (jobs may still be running).
    pub fn all_claimed(&self) -> bool {
        self.next.load(Ordering::Relaxed) >= self.n
    }

    /// Claims and runs jobs until none is left to claim; returns how many this thread ran.
    /// Records each run (and each caught panic) in `metrics` before reporting it done, so
    /// the counters are exact by the time the call returns. Safe to call at any time, also
    /// long after the call returned: then there is nothing left to claim.
    pub fn work(&self, metrics: &MetricsRecorder) -> usize {
        let mut ran = 0;
        let mut finished_here = 0;
        while self.run_next(metrics) {
            ran += 1;
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

    /// Claims and runs at most one job and reports it done; `false` if none was left. For
    /// adapters that hand out one task per job (a pool of per-job closures).
    pub fn work_one(&self, metrics: &MetricsRecorder) -> bool {
        let ran = self.run_next(metrics);
        if ran {
            self.finish(1, metrics);
        }
        ran
    }

    /// Claims the next index and runs its job; the caller reports it done. `false` if
    /// every index was claimed.
    fn run_next(&self, metrics: &MetricsRecorder) -> bool {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        if i >= self.n {
            return false;
        }
        // SAFETY: `i < n` was claimed by this thread just now, and the caller reports it
        // complete only after this call returns; `run` (or the owned `Arc`) keeps the job
        // alive until every claimed index is complete (module docs, 1.-3.).
        let job = unsafe { self.job.0.as_ref() };
        if let Err(payload) = catch_unwind(AssertUnwindSafe(|| job(i))) {
            metrics.record_panic();
            self.record_panic(i, payload);
        }
        true
    }

    /// Keeps the lowest panicking index with its payload; a displaced or higher payload is
    /// dropped outside the lock, contained (its `Drop` may panic too).
    fn record_panic(&self, i: usize, payload: Box<dyn Any + Send>) {
        let message = panic_message(payload.as_ref());
        let mut st = lock(&self.state);
        let dropped = match &st.first_panic {
            Some((j, _, _)) if *j <= i => Some(payload),
            _ => st
                .first_panic
                .replace((i, message, PanicPayload::new(payload)))
                .and_then(|(_, _, old)| old.take()),
        };
        drop(st);
        if let Some(payload) = dropped {
            drop_contained(payload);
        }
    }

    fn finish(&self, count: usize, metrics: &MetricsRecorder) {
        metrics.record_jobs_run(count as u64);
        self.count_done(count);
    }

    fn count_done(&self, count: usize) {
        let mut st = lock(&self.state);
        st.done += count;
        if st.done >= self.n {
            self.done_cv.notify_all();
        }
    }

    /// Cancels the indices nobody claimed yet and waits for the claimed ones (module docs, 3.).
    fn cancel(&self) {
        let claimed = self.next.fetch_max(self.n, Ordering::Relaxed).min(self.n);
        if claimed < self.n {
            self.count_done(self.n - claimed);
        }
        let _ = self.wait();
    }

    /// `true` once every job has returned (or was cancelled).
    pub fn is_done(&self) -> bool {
        lock(&self.state).done >= self.n
    }

    /// Blocks until every job has returned, then reports the outcome (`Err(JobPanicked)`
    /// for the lowest panicking index; every copy of the error shares the one payload).
    pub fn wait(&self) -> Result<(), PoolError> {
        let mut st = lock(&self.state);
        while st.done < self.n {
            st = recover(self.done_cv.wait(st));
        }
        match &st.first_panic {
            None => Ok(()),
            Some((index, message, payload)) => Err(PoolError::JobPanicked {
                index: *index,
                message: message.clone(),
                payload: payload.clone(),
            }),
        }
    }
}

/// Held by `run` from the moment the batch exists: on every exit (a normal return, an `Err`
/// from `share`, an unwind) it cancels the unclaimed indices and waits for the claimed ones,
/// so that `run` never returns while a job may still run. After a completed call it finds
/// nothing to cancel and nothing to wait for.
struct CancelOnExit<'b>(&'b Batch);

impl Drop for CancelOnExit<'_> {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// Drops a panic payload without letting a panicking `Drop` of the payload unwind into the
/// worker (which would lose a claimed job and hang the caller). A second-level payload is
/// leaked rather than dropped: it is a few bytes, and dropping it could panic again.
fn drop_contained(payload: Box<dyn Any + Send>) {
    if let Err(again) = catch_unwind(AssertUnwindSafe(move || drop(payload))) {
        std::mem::forget(again);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;
    use std::time::Duration;

    /// The job's data is dropped (and overwritten) right after `run` returns, while a
    /// helper still holds the batch and keeps calling `work`: it must find nothing to claim.
    #[test]
    fn a_late_worker_never_touches_the_job() {
        for round in 0..200 {
            let metrics = MetricsRecorder::new();
            let mut late = None;
            {
                let alive = Box::new(AtomicBool::new(true));
                let job = |_i: usize| assert!(alive.load(Ordering::SeqCst), "dangling job");
                Batch::run(3, &job, &metrics, |b| {
                    let b = Arc::clone(b);
                    late = Some(std::thread::spawn(move || {
                        let mut ran = 0;
                        for _ in 0..50 {
                            ran += b.work(&MetricsRecorder::new());
                            std::thread::yield_now();
                        }
                        (ran, b.is_done())
                    }));
                    Ok(())
                })
                .unwrap();
                alive.store(false, Ordering::SeqCst);
            }
            let (ran, done) = late.unwrap().join().unwrap();
            assert!(done, "round {round}");
            assert_eq!(ran as u64 + metrics.snapshot().jobs_run, 3, "round {round}");
        }
    }

    /// A thread that works on `batch` once, as a pool's worker would.
    fn helper_thread(batch: &Arc<Batch>) -> std::thread::JoinHandle<usize> {
        let batch = Arc::clone(batch);
        std::thread::spawn(move || batch.work(&MetricsRecorder::new()))
    }

    /// Slow jobs that count how many started and how many are running right now.
    struct Slow {
        pause: Duration,
        started: AtomicUsize,
        running: AtomicUsize,
    }

    impl Slow {
        fn new(pause: Duration) -> Self {
            let (started, running) = (AtomicUsize::new(0), AtomicUsize::new(0));
            Self {
                pause,
                started,
                running,
            }
        }
        fn job(&self, _i: usize) {
            self.started.fetch_add(1, Ordering::SeqCst);
            self.running.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(self.pause);
            self.running.fetch_sub(1, Ordering::SeqCst);
        }
        fn started(&self) -> usize {
            self.started.load(Ordering::SeqCst)
        }
        fn running(&self) -> usize {
            self.running.load(Ordering::SeqCst)
        }
    }

    /// `share` fails after a helper started: the unclaimed indices never run, the claimed
    /// ones complete before `run` returns, and the error is `share`'s.
    #[test]
    fn a_failed_share_cancels_and_waits() {
        let slow = Slow::new(Duration::from_millis(20));
        let mut helper = None;
        let outcome = Batch::run(1_000, &|i| slow.job(i), &MetricsRecorder::new(), |b| {
            helper = Some(helper_thread(b));
            while slow.started() == 0 {
                std::thread::yield_now();
            }
            Err(PoolError::ShutDown)
        });
        assert_eq!(outcome, Err(PoolError::ShutDown));
        assert_eq!(slow.running(), 0, "a job outlived run");
        let ran = helper.unwrap().join().unwrap();
        assert_eq!(ran, slow.started());
        assert!(ran < 1_000, "the rest was cancelled");
    }

    /// `share` panics: `run` waits for the claimed jobs before the panic goes on.
    #[test]
    fn a_panicking_share_waits_before_unwinding() {
        let slow = Slow::new(Duration::from_millis(5));
        let mut helper = None;
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            Batch::run(50, &|i| slow.job(i), &MetricsRecorder::new(), |b| {
                helper = Some(helper_thread(b));
                while slow.started() == 0 {
                    std::thread::yield_now();
                }
                panic!("dispatch failed");
            })
        }));
        assert!(outcome.is_err());
        assert_eq!(slow.running(), 0, "a job outlived run");
        let ran = helper.unwrap().join().unwrap();
        assert!(ran < 50, "the rest was cancelled");
    }

    #[test]
    fn a_detached_batch_owns_its_job() {
        let hits = Arc::new(AtomicUsize::new(0));
        let h = Arc::clone(&hits);
        let batch = Batch::detached(
            10,
            Arc::new(move |_| {
                h.fetch_add(1, Ordering::SeqCst);
            }),
        );
        helper_thread(&batch).join().unwrap();
        batch.wait().unwrap();
        assert!(batch.is_done());
        assert_eq!(hits.load(Ordering::SeqCst), 10);
    }
}
