//! The exceptions of the package and the mapping of library errors onto them.
//!
//! * Bad input (a wrong value) is a `ValueError`, a wrong type a `TypeError`; both name the
//!   argument or position (`lfsr[2]`, `lfsrs[5]`, `q`) and say what is wrong.
//! * A run that cannot go on is an [`LfsrMapError`] (a `RuntimeError`): the pool failed, an
//!   order could not be computed, an internal invariant broke.
//! * A pool used after it was shut down or closed is a [`PoolClosedError`] (an
//!   `LfsrMapError`).
//! * An enumeration whose allocation the system refused is a `MemoryError`.
//! * A cancelled run (Ctrl-C) is the `KeyboardInterrupt` Python raised for the signal.

use lfsr_map::algebra::AlgebraError;
use lfsr_map::analysis::AnalysisError;
use lfsr_map::census::CensusError;
use pyo3::create_exception;
use pyo3::exceptions::{PyMemoryError, PyRuntimeError, PyValueError};
use pyo3::PyErr;
use worker_pool::PoolError;

create_exception!(
    lfsr_map,
    LfsrMapError,
    PyRuntimeError,
    "A run of lfsr-map failed for a reason other than bad input (a worker pool failure, an \
     order that could not be computed, a broken internal invariant)."
);

create_exception!(
    lfsr_map,
    PoolClosedError,
    LfsrMapError,
    "A pool was used after it was shut down (IdleTimeoutPool.shutdown) or closed (the end of \
     a ScopedPool's with block)."
);

/// A `ValueError` with `message`.
pub fn value_error(message: impl Into<String>) -> PyErr {
    PyValueError::new_err(message.into())
}

/// The Python error for a pool failure, prefixed with `context` (may be empty).
pub fn pool_error(context: &str, e: &PoolError) -> PyErr {
    let prefix = if context.is_empty() {
        String::new()
    } else {
        format!("{context}: ")
    };
    match e {
        PoolError::ShutDown => PoolClosedError::new_err(format!(
            "{prefix}the pool is shut down (a ScopedPool is closed when its with block ends, \
             an IdleTimeoutPool by shutdown()); create a new pool"
        )),
        e => LfsrMapError::new_err(format!("{prefix}worker pool: {e}")),
    }
}

/// The Python error for a failed analysis of the LFSR named `what` (`lfsr`, `lfsrs[3]`).
///
/// `Cancelled` only happens when the caller cancelled the run, which it reports itself
/// (as the pending `KeyboardInterrupt`); should it surface here, it is a `LfsrMapError`.
pub fn analysis_error(what: &str, e: &AnalysisError) -> PyErr {
    match e {
        // Size limits the input ran into: input errors, as in the CLI.
        AnalysisError::TooLarge { .. }
        | AnalysisError::ListingNeedsEnumeration
        | AnalysisError::Algebra(AlgebraError::TailsTooLarge { .. }) => {
            value_error(format!("{what}: {e}"))
        }
        AnalysisError::Pool(p) => pool_error(what, p),
        AnalysisError::OutOfMemory { .. } => PyMemoryError::new_err(format!("{what}: {e}")),
        e => LfsrMapError::new_err(format!("{what}: {e}")),
    }
}

/// The Python error for a failed census.
pub fn census_error(e: &CensusError) -> PyErr {
    match e {
        CensusError::TooLarge { .. } | CensusError::ZeroDegree => {
            value_error(format!("census: {e}"))
        }
        CensusError::Pool(p) => pool_error("census", p),
        e => LfsrMapError::new_err(format!("census: {e}")),
    }
}
