//! The workspace's one lock-poisoning policy: recover the guard and go on.
//!
//! A `Mutex` is poisoned when a thread panics while holding it. No lock in the pools is
//! ever held while a job runs (jobs run under `catch_unwind`, outside every lock), and no
//! pool code panics while holding one, so poisoning can only follow a bug elsewhere, and the
//! data under the lock is still consistent: every pool takes the guard out of the
//! `PoisonError` instead of propagating a panic into unrelated callers.
//!
//! [`recover`] accepts any [`LockResult`], so the same policy covers `Mutex::lock`,
//! `Condvar::wait` and `wait_timeout`, for `std`'s types and for loom's (which return
//! `std`'s `LockResult`).
//!
//! ```
//! use std::sync::{Condvar, Mutex};
//! use worker_pool::poison::{lock, recover};
//!
//! let m = Mutex::new(1);
//! let _ = std::panic::catch_unwind(|| {
//!     let _g = m.lock().unwrap();
//!     panic!("poisons the lock");
//! });
//! assert!(m.is_poisoned());
//! *lock(&m) += 1; // recovered, not propagated
//! let (g, _) = recover(Condvar::new().wait_timeout(lock(&m), std::time::Duration::ZERO));
//! assert_eq!(*g, 2);
//! ```

use std::sync::{LockResult, Mutex, MutexGuard, PoisonError};

/// The value of a lock operation, poisoned or not (see the [module docs](self)).
pub fn recover<G>(result: LockResult<G>) -> G {
    result.unwrap_or_else(PoisonError::into_inner)
}

/// Locks a `std` mutex under the workspace's poisoning policy.
pub fn lock<T: ?Sized>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    recover(mutex.lock())
}
