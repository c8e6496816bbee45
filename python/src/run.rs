//! Running work without the GIL, and stopping it on Ctrl-C.
//!
//! Python runs signal handlers only on the main thread, between bytecodes, and only when
//! someone calls `PyErr_CheckSignals`. So a long run goes to a background thread (scoped:
//! it borrows the caller's data and is always joined before the call returns), and the
//! calling thread waits for it without the GIL, waking every [`POLL`] to check for
//! signals. When a handler raises (Ctrl-C: `KeyboardInterrupt`), the run's
//! [`Progress::cancel`] stops the enumeration within ~64K states per worker, the thread is
//! joined, and the exception propagates; so the work is over, and the pool idle, when
//! Python sees the `KeyboardInterrupt`.
//!
//! Short runs ([`inline`]) stay on the calling thread, with the GIL released: a thread per
//! call would cost more than the work (tens of microseconds). They are the ones that
//! cannot be cancelled anyway (the algebra: factoring and orders, well under a second up to
//! degree ~1000) or enumerations of a few thousand states.

use std::panic::{self, AssertUnwindSafe};
use std::time::Duration;

use crossbeam_channel::RecvTimeoutError;
use lfsr_map::progress::Progress;
use pyo3::marker::Ungil;
use pyo3::prelude::*;
use worker_pool::panic_message;

use crate::errors::LfsrMapError;

/// How often the waiting thread checks for signals.
pub const POLL: Duration = Duration::from_millis(50);

/// Runs `work` on the calling thread with the GIL released.
pub fn inline<T: Ungil>(py: Python<'_>, work: impl Ungil + FnOnce() -> T) -> T {
    py.detach(work)
}

/// Runs `work` on a background thread while the calling thread, without the GIL, checks
/// for signals every [`POLL`]; a signal handler's exception cancels `progress`, waits for
/// `work` to stop, and is returned. A panic in `work` becomes an `LfsrMapError`.
pub fn cancellable<T: Send>(
    py: Python<'_>,
    progress: &Progress,
    work: impl Send + FnOnce() -> T,
) -> PyResult<T> {
    let (tx, rx) = crossbeam_channel::bounded(1);
    std::thread::scope(|s| {
        let spawned = std::thread::Builder::new()
            .name("lfsr-map-call".into())
            .spawn_scoped(s, move || {
                let outcome = panic::catch_unwind(AssertUnwindSafe(work));
                let _ = tx.send(outcome);
            });
        if let Err(e) = spawned {
            return Err(LfsrMapError::new_err(format!(
                "could not start the thread that runs the work: {e}"
            )));
        }
        let outcome = loop {
            match py.detach(|| rx.recv_timeout(POLL)) {
                Ok(outcome) => break outcome,
                Err(RecvTimeoutError::Timeout) => {
                    if let Err(signal) = py.check_signals() {
                        progress.cancel();
                        // Wait for the work to stop (the scope would join it anyway, but
                        // with the GIL held); its result is dropped.
                        let _ = py.detach(|| rx.recv());
                        return Err(signal);
                    }
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(LfsrMapError::new_err(
                        "internal error: the work thread ended without a result",
                    ))
                }
            }
        };
        outcome.map_err(|payload| {
            LfsrMapError::new_err(format!(
                "internal error (a bug, please report it): {}",
                panic_message(payload.as_ref())
            ))
        })
    })
}
