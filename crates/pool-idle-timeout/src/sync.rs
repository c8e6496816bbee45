//! The synchronization primitives the protocol uses: `std`'s normally, loom's under
//! `--cfg loom`, so that the very same protocol code is model-checked.
//!
//! Only what takes part in the claim/retire protocol goes through this shim: the one state
//! lock, the condition variables, each worker's order cell and thread spawning. The
//! thread-local that recognises the pool's own workers is `worker_pool::worker`'s, which
//! switches to loom's `thread_local!` under `--cfg loom` itself. `Batch` (from
//! `worker-pool`) keeps its `std` types: under loom it runs on one OS thread, so they never
//! block there.

#[cfg(loom)]
pub(crate) use loom::{
    sync::atomic::{AtomicU8, Ordering},
    sync::{Condvar, Mutex, MutexGuard},
    thread,
};
#[cfg(not(loom))]
pub(crate) use std::{
    sync::atomic::{AtomicU8, Ordering},
    sync::{Condvar, Mutex, MutexGuard},
    thread,
};
