//! Ctrl-C: the first one cancels the analysis in progress, and the run then stops the usual
//! way (pool shut down and joined, temporary output file removed, exit code 1); a second one
//! removes the temporary output file and exits at once, also with exit code 1 (the tool's
//! codes are 0, 1 and 2), without waiting for the workers.
//!
//! Enumeration checks for cancellation as it goes; the algebra (factoring the characteristic
//! polynomial, computing orders) cannot be cancelled, so a first Ctrl-C during it takes
//! effect only when that step ends (it is bounded: the degree limits keep it to seconds),
//! and a second Ctrl-C is the way out.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use worker_pool::poison::lock;

use lfsr_map::progress::Progress;

use super::CliError;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static CURRENT: Mutex<Option<Progress>> = Mutex::new(None);
/// The temporary output file, which a second Ctrl-C removes before exiting.
static TEMP: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Makes `path` the temporary file a second Ctrl-C removes (`None`: there is none).
pub fn register_temp(path: Option<PathBuf>) {
    *lock(&TEMP) = path;
}

/// Installs the Ctrl-C handler (once; a failure to install leaves the default behaviour).
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            if let Some(tmp) = lock(&TEMP).take() {
                let _ = std::fs::remove_file(tmp);
            }
            eprintln!("lfsr-map: interrupted twice: stopped at once, no report written");
            std::process::exit(1);
        }
        if let Some(p) = lock(&CURRENT).as_ref() {
            p.cancel();
        }
    });
}

/// Makes `progress` the one a Ctrl-C cancels, then reports an interrupt that came before.
pub fn watch(progress: &Progress) -> Result<(), CliError> {
    *lock(&CURRENT) = Some(progress.clone());
    if INTERRUPTED.load(Ordering::SeqCst) {
        return Err(interrupted());
    }
    Ok(())
}

/// Whether Ctrl-C was pressed.
pub fn happened() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// The error an interrupted run ends with.
pub fn interrupted() -> CliError {
    CliError::Failure("interrupted: no report written".into())
}
