//! [`Progress`]: cheap shared counters and a cancel flag between a mapper and its caller.
//!
//! The mapper calls [`Progress::set_total`] once and [`Progress::add_done`] in batches of about
//! 64K states, and checks [`Progress::is_cancelled`] at the same granularity, so leaving progress
//! on costs nothing measurable. Any thread holding a clone may read the counters (for a progress
//! bar) or call [`Progress::cancel`]; the mapper then stops with `EnumError::Cancelled`.
//!
//! ```
//! use lfsr_map::progress::Progress;
//!
//! let progress = Progress::new();
//! let seen_by_ui = progress.clone(); // clones share the same counters
//! progress.set_total(1024);
//! progress.add_done(512);
//! assert_eq!((seen_by_ui.done(), seen_by_ui.total()), (512, 1024));
//! seen_by_ui.cancel();
//! assert!(progress.is_cancelled());
//! ```
//!
//! A [`child`](Progress::child) has counters of its own but shares its parent's cancel flag:
//! the batch engine ([`crate::batch`]) counts LFSRs in the parent and hands each analysis a
//! child, so one [`cancel`](Progress::cancel) stops every analysis in flight.
//!
//! ```
//! use lfsr_map::progress::Progress;
//!
//! let lfsrs = Progress::new();
//! let states = lfsrs.child();
//! states.set_total(1 << 20);
//! states.add_done(4096);
//! assert_eq!((lfsrs.done(), states.done()), (0, 4096)); // separate counters
//! lfsrs.cancel();
//! assert!(states.is_cancelled()); // one cancel flag
//! ```

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

#[derive(Debug, Default)]
struct Counters {
    done: AtomicU64,
    total: AtomicU64,
}

/// Shared progress counters (states done of total, or LFSRs for a batch) and a cooperative
/// cancel flag.
///
/// Cloning is cheap and every clone sees the same counters; a [`child`](Progress::child)
/// shares only the cancel flag.
#[derive(Clone, Debug, Default)]
pub struct Progress {
    inner: Arc<Counters>,
    cancel: Arc<AtomicBool>,
}

impl Progress {
    /// Fresh counters: nothing done, total 0, not cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Fresh counters (nothing done, total 0) that share this progress's cancel flag: a
    /// [`cancel`](Self::cancel) on either side cancels both.
    pub fn child(&self) -> Progress {
        Progress {
            inner: Arc::default(),
            cancel: Arc::clone(&self.cancel),
        }
    }

    /// Units (states; LFSRs for a batch) processed so far (never more than
    /// [`total`](Self::total) once a run finished).
    pub fn done(&self) -> u64 {
        self.inner.done.load(Ordering::Relaxed)
    }

    /// The number of units (states; LFSRs for a batch) the current run will process (0 before
    /// it starts).
    pub fn total(&self) -> u64 {
        self.inner.total.load(Ordering::Relaxed)
    }

    /// Asks the running mapper to stop; it returns `Cancelled` within about 64K states per worker.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether [`cancel`](Self::cancel) was called on any clone.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Mapper side: announces the total and resets `done` to 0.
    pub fn set_total(&self, t: u64) {
        self.inner.total.store(t, Ordering::Relaxed);
        self.inner.done.store(0, Ordering::Relaxed);
    }

    /// Mapper side: adds `k` units to `done`.
    pub fn add_done(&self, k: u64) {
        self.inner.done.fetch_add(k, Ordering::Relaxed);
    }

    /// Mapper side: takes back `k` states counted twice (a cycle two workers both walked).
    pub(crate) fn sub_done(&self, k: u64) {
        self.inner.done.fetch_sub(k, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_are_shared_between_clones_and_threads() {
        let p = Progress::new();
        p.set_total(4000);
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let p = p.clone();
                std::thread::spawn(move || (0..1000).for_each(|_| p.add_done(1)))
            })
            .collect();
        handles.into_iter().for_each(|h| h.join().unwrap());
        assert_eq!((p.done(), p.total()), (4000, 4000));
        assert!(!p.is_cancelled());
        p.set_total(10);
        assert_eq!(p.done(), 0, "set_total starts a new run");
    }

    #[test]
    fn a_child_shares_the_cancel_flag_only() {
        let parent = Progress::new();
        let (a, b) = (parent.child(), parent.child());
        a.set_total(10);
        a.add_done(3);
        assert_eq!((parent.done(), parent.total(), b.done()), (0, 0, 0));
        b.cancel();
        assert!(parent.is_cancelled() && a.is_cancelled());
        assert!(
            !Progress::new().is_cancelled(),
            "a new progress has its own flag"
        );
    }
}
