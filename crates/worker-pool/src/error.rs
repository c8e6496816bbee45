//! [`PoolError`]: everything that can go wrong in a pool call.

use std::any::Any;

/// Why a [`WorkerPool::execute`](crate::WorkerPool::execute) call did not complete normally.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PoolError {
    /// A job panicked. The other jobs of the call still ran; the pool stays usable.
    #[error("job {index} panicked: {message}")]
    JobPanicked {
        /// The lowest index whose job panicked in this call.
        index: usize,
        /// The panic payload, if it was a string; otherwise a placeholder.
        message: String,
    },
    /// The pool was shut down; no job of the call ran.
    #[error("the worker pool has been shut down")]
    ShutDown,
    /// The pool needed a worker thread, the OS refused to start one, and no other worker was
    /// alive to run the jobs.
    #[error("could not spawn a worker thread: {message}")]
    Spawn {
        /// The operating system's reason.
        message: String,
    },
    /// A job finished without leaving its result. Only [`WorkerPoolExt::map`] reports this,
    /// and only if a pool broke its contract (ran a job zero times but returned `Ok`).
    ///
    /// [`WorkerPoolExt::map`]: crate::WorkerPoolExt::map
    #[error("pool contract violated: job {index} produced no result")]
    Lost {
        /// The index whose result is missing.
        index: usize,
    },
}

impl PoolError {
    /// Builds [`PoolError::Spawn`] from the error `std::thread::Builder::spawn` returned.
    pub fn spawn(err: &std::io::Error) -> Self {
        PoolError::Spawn {
            message: err.to_string(),
        }
    }
}

/// Extracts a readable message from a panic payload (`&str` or `String`; anything else is
/// reported as `"<non-string panic payload>"`).
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "<non-string panic payload>".to_string()
    }
}
