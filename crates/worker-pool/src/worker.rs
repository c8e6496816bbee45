//! The worker side of every pool: pool ids, the thread-local worker marker, and the worker
//! loop with its retire guard.
//!
//! * A [`PoolId`] names one pool (one generation of it, for a pool that is rebuilt), unique
//!   in the process across every strategy; [`PoolId::new`] draws it from one counter.
//! * A worker thread carries its pool's id in a thread-local for as long as it serves
//!   ([`PoolId::enter`]), so a pool recognises a call coming from one of its own jobs
//!   ([`PoolId::is_current`]) and runs it inline instead of waiting for itself.
//! * [`serve`] is the loop of a worker fed by a queue of batches: it marks the thread, works
//!   on every batch it receives, and, when the queue closes or the thread unwinds, clears the
//!   mark and records the thread's retirement ([`Retire`]).
//!
//! ```
//! use std::sync::Arc;
//! use worker_pool::worker::{self, PoolId};
//! use worker_pool::{Batch, MetricsRecorder};
//!
//! let id = PoolId::new("example");
//! let metrics = Arc::new(MetricsRecorder::new());
//! let (tx, rx) = std::sync::mpsc::channel::<Arc<Batch>>();
//! let m = Arc::clone(&metrics);
//! metrics.record_thread_spawned();
//! let worker = std::thread::spawn(move || worker::serve(id, &m, || rx.recv().ok()));
//!
//! let on_worker = std::sync::atomic::AtomicUsize::new(0);
//! let job = |_i: usize| {
//!     if id.is_current() {
//!         on_worker.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
//!     }
//! };
//! Batch::run(1_000, &job, &metrics, |b| Ok(tx.send(Arc::clone(b)).unwrap())).unwrap();
//! assert!(!id.is_current(), "the caller is not a worker");
//! drop(tx); // the worker's queue closes, it retires
//! worker.join().unwrap();
//! let m = metrics.snapshot();
//! assert_eq!((m.jobs_run, m.threads_alive), (1_000, 0));
//! ```

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

#[cfg(loom)]
use loom::thread_local;
#[cfg(not(loom))]
use std::thread_local;

use crate::{Batch, MetricsRecorder};

thread_local! {
    /// The pool this thread works for, if any.
    // Not a `const` initializer: loom's `thread_local!` (used under `--cfg loom`, where
    // threads are loom's) does not accept one.
    #[allow(clippy::missing_const_for_thread_local)]
    static CURRENT: Cell<Option<PoolId>> = Cell::new(None);
}

/// Pool ids start at 1, process-wide.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// The identity of one pool, unique in the process; `name` says which strategy made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PoolId {
    id: u64,
    name: &'static str,
}

impl PoolId {
    /// A fresh id for a pool of the strategy `name` (e.g. `"pool-simple"`).
    pub fn new(name: &'static str) -> Self {
        Self {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            name,
        }
    }

    /// The strategy's name given to [`new`](PoolId::new).
    pub fn name(self) -> &'static str {
        self.name
    }

    /// `true` on a thread that is serving this pool (see [`enter`](PoolId::enter)).
    pub fn is_current(self) -> bool {
        current() == Some(self)
    }

    /// Marks the calling thread as a worker of this pool until the returned [`Mark`] drops.
    pub fn enter(self) -> Mark {
        CURRENT.with(|c| c.set(Some(self)));
        Mark(())
    }
}

/// The worker mark of the current thread (see [`PoolId::enter`]); cleared on drop.
#[derive(Debug)]
#[must_use = "the thread stops counting as a worker when the mark drops"]
pub struct Mark(());

impl Drop for Mark {
    fn drop(&mut self) {
        CURRENT.with(|c| c.set(None));
    }
}

/// The pool the calling thread is a worker of, if any.
pub fn current() -> Option<PoolId> {
    CURRENT.with(Cell::get)
}

/// The retire guard of a worker thread: marks the thread as `pool`'s worker, and when
/// dropped, be it at the end of the worker's loop or while the thread unwinds, clears the
/// mark and records the thread's retirement.
#[derive(Debug)]
#[must_use = "the thread retires when the guard drops"]
pub struct Retire<'m> {
    metrics: &'m MetricsRecorder,
    _mark: Mark,
}

impl<'m> Retire<'m> {
    /// Marks the calling thread as `pool`'s worker, retiring (in `metrics`) on drop.
    pub fn new(pool: PoolId, metrics: &'m MetricsRecorder) -> Self {
        Self {
            metrics,
            _mark: pool.enter(),
        }
    }
}

impl Drop for Retire<'_> {
    fn drop(&mut self) {
        self.metrics.record_thread_retired();
    }
}

/// The loop of a worker thread of `pool`: works on every batch `next` hands out until it
/// returns `None`, recording the runs in `metrics`; the thread counts as `pool`'s worker
/// meanwhile, and as retired once the loop ends (normally or by unwinding).
pub fn serve(
    pool: PoolId,
    metrics: &MetricsRecorder,
    mut next: impl FnMut() -> Option<Arc<Batch>>,
) {
    let _retire = Retire::new(pool, metrics);
    while let Some(batch) = next() {
        batch.work(metrics);
        drop(batch);
        #[cfg(feature = "testing")]
        crate::testing::die_if_doomed();
    }
}
