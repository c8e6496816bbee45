//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test file uses a different subset

use std::io;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use pool_idle_timeout::{Spawner, ThreadMain};

/// Spawns real threads, counts the ones still running (workers and reaper alike), and
/// refuses to spawn while `fail` is set.
#[derive(Debug, Default)]
pub struct TestSpawner {
    running: Arc<AtomicUsize>,
    spawned: AtomicUsize,
    fail: AtomicBool,
}

impl TestSpawner {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }
    /// Threads whose main function has not returned yet.
    pub fn running(&self) -> usize {
        self.running.load(Ordering::SeqCst)
    }
    /// Threads started so far.
    pub fn spawned(&self) -> usize {
        self.spawned.load(Ordering::SeqCst)
    }
    /// From now on, every spawn fails (`true`) or succeeds (`false`).
    pub fn set_failing(&self, fail: bool) {
        self.fail.store(fail, Ordering::SeqCst);
    }
}

struct Running(Arc<AtomicUsize>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Spawner for TestSpawner {
    fn spawn(&self, name: String, main: ThreadMain) -> io::Result<JoinHandle<()>> {
        if self.fail.load(Ordering::SeqCst) {
            return Err(io::Error::other("spawn refused by the test"));
        }
        self.running.fetch_add(1, Ordering::SeqCst);
        let guard = Running(Arc::clone(&self.running));
        let handle = std::thread::Builder::new().name(name).spawn(move || {
            let _guard = guard;
            main();
        })?;
        self.spawned.fetch_add(1, Ordering::SeqCst);
        Ok(handle)
    }
}

/// Polls `done` until it holds; panics (instead of hanging) after 20 s.
pub fn wait_until(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_micros(200));
    }
}

/// A job for `n` indices that counts how often each index ran; `check` asserts each ran
/// exactly once.
pub struct Tally {
    counts: Vec<AtomicUsize>,
}

impl Tally {
    pub fn new(n: usize) -> Self {
        Self {
            counts: (0..n).map(|_| AtomicUsize::new(0)).collect(),
        }
    }
    pub fn job(&self) -> impl Fn(usize) + Sync + '_ {
        |i| {
            self.counts[i].fetch_add(1, Ordering::SeqCst);
        }
    }
    /// How many job invocations ran in all.
    pub fn total(&self) -> usize {
        self.counts.iter().map(|c| c.load(Ordering::SeqCst)).sum()
    }
    pub fn assert_each_ran_once(&self) {
        for (i, c) in self.counts.iter().enumerate() {
            assert_eq!(
                c.load(Ordering::SeqCst),
                1,
                "job {i} ran the wrong number of times"
            );
        }
    }
}
