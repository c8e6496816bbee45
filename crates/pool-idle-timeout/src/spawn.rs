//! Thread creation, behind a trait so that tests can make it fail.

use std::fmt;
use std::io;

use crate::sync::thread;

/// A thread's main function, as the pool hands it to a [`Spawner`].
pub type ThreadMain = Box<dyn FnOnce() + Send + 'static>;

/// Starts the pool's threads (workers and the reaper).
///
/// [`ThreadSpawner`] is the real one. A test can wrap it to count threads, or refuse to
/// start one to exercise the pool's spawn-failure path ([`PoolError::Spawn`]).
///
/// [`PoolError::Spawn`]: worker_pool::PoolError::Spawn
pub trait Spawner: Send + Sync + fmt::Debug {
    /// Starts a thread named `name` that runs `main`, or says why it could not.
    ///
    /// The pool calls this while holding its state lock, so `main` (which starts by taking
    /// that lock) cannot make progress before `spawn` returns. Do not call back into the
    /// pool from here.
    fn spawn(&self, name: String, main: ThreadMain) -> io::Result<thread::JoinHandle<()>>;
}

/// Spawns real threads with [`std::thread::Builder`].
#[derive(Debug, Default, Clone, Copy)]
pub struct ThreadSpawner;

impl Spawner for ThreadSpawner {
    fn spawn(&self, name: String, main: ThreadMain) -> io::Result<thread::JoinHandle<()>> {
        thread::Builder::new().name(name).spawn(main)
    }
}
