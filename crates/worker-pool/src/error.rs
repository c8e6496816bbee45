//! [`PoolError`]: everything that can go wrong in a pool call, and [`PanicPayload`], the
//! panic a job raised, kept for the caller.

use std::any::Any;
use std::fmt;
use std::sync::{Arc, Mutex};

use crate::poison::lock;

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
        /// The panic payload itself, to re-raise it with
        /// [`resume_unwind`](PoolError::resume_unwind) or inspect it (as
        /// [`std::thread::JoinHandle::join`] returns it).
        payload: PanicPayload,
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

    /// Re-raises a job's panic on the calling thread, with its original payload, as
    /// [`std::thread::scope`] does; any other error is returned unchanged.
    ///
    /// If the payload was already taken (from a clone of this error), the panic carries the
    /// message instead.
    ///
    /// ```
    /// use worker_pool::{PoolError, Sequential, WorkerPool};
    ///
    /// let err = Sequential::new().execute(3, &|i| assert!(i != 1, "one is bad")).unwrap_err();
    /// let caught = std::panic::catch_unwind(|| err.resume_unwind()).unwrap_err();
    /// assert_eq!(caught.downcast_ref::<&str>(), Some(&"one is bad"));
    /// ```
    pub fn resume_unwind(self) -> PoolError {
        if let PoolError::JobPanicked {
            message, payload, ..
        } = &self
        {
            let payload = payload.take().unwrap_or_else(|| Box::new(message.clone()));
            std::panic::resume_unwind(payload);
        }
        self
    }
}

/// The payload of a job's panic, as `catch_unwind` caught it.
///
/// Every clone of a [`PoolError`] shares the one payload: the first [`take`](Self::take)
/// gets it. Two `PanicPayload`s are equal when they are the same caught panic (clones of each
/// other); a payload has no equality of its own (`dyn Any`). Dropping the last clone drops the
/// payload on the dropping thread, as dropping a `JoinHandle::join` error does.
#[derive(Clone)]
pub struct PanicPayload(Arc<Mutex<Option<Box<dyn Any + Send>>>>);

impl PanicPayload {
    /// Wraps a caught payload.
    pub fn new(payload: Box<dyn Any + Send>) -> Self {
        Self(Arc::new(Mutex::new(Some(payload))))
    }

    /// Takes the payload out (for `resume_unwind` or a downcast); `None` if a clone took it.
    pub fn take(&self) -> Option<Box<dyn Any + Send>> {
        lock(&self.0).take()
    }

    /// `true` until the payload is taken.
    pub fn is_present(&self) -> bool {
        lock(&self.0).is_some()
    }
}

impl PartialEq for PanicPayload {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for PanicPayload {}

impl fmt::Debug for PanicPayload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = if self.is_present() {
            "present"
        } else {
            "taken"
        };
        f.debug_tuple("PanicPayload").field(&state).finish()
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
