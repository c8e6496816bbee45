//! Ctrl-C: the first one cancels the analysis in progress, and the run then stops the usual
//! way (pool shut down and joined, temporary output file removed, exit code 1); a second one
//! exits at once.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use lfsr_map::progress::Progress;

use super::CliError;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static CURRENT: Mutex<Option<Progress>> = Mutex::new(None);

/// Installs the Ctrl-C handler (once; a failure to install leaves the default behaviour).
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        if let Some(p) = CURRENT.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            p.cancel();
        }
    });
}

/// Makes `progress` the one a Ctrl-C cancels, then reports an interrupt that came before.
pub fn watch(progress: &Progress) -> Result<(), CliError> {
    *CURRENT.lock().unwrap_or_else(|e| e.into_inner()) = Some(progress.clone());
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
