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

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

#[derive(Debug, Default)]
struct Counters {
    done: AtomicU64,
    total: AtomicU64,
    cancel: AtomicBool,
}

/// Shared progress counters (states done of total) and a cooperative cancel flag.
///
/// Cloning is cheap and every clone sees the same counters.
#[derive(Clone, Debug, Default)]
pub struct Progress {
    inner: Arc<Counters>,
}

impl Progress {
    /// Fresh counters: nothing done, total 0, not cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// States processed so far (never more than [`total`](Self::total) once a run finished).
    pub fn done(&self) -> u64 {
        self.inner.done.load(Ordering::Relaxed)
    }

    /// The number of states the current run will process (0 before it starts).
    pub fn total(&self) -> u64 {
        self.inner.total.load(Ordering::Relaxed)
    }

    /// Asks the running mapper to stop; it returns `Cancelled` within about 64K states per worker.
    pub fn cancel(&self) {
        self.inner.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether [`cancel`](Self::cancel) was called on any clone.
    pub fn is_cancelled(&self) -> bool {
        self.inner.cancel.load(Ordering::Relaxed)
    }

    /// Mapper side: announces the total and resets `done` to 0.
    pub fn set_total(&self, t: u64) {
        self.inner.total.store(t, Ordering::Relaxed);
        self.inner.done.store(0, Ordering::Relaxed);
    }

    /// Mapper side: adds `k` states to `done`.
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
}
