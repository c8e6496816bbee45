//! The progress bar: an indicatif bar on stderr, fed by a thread that polls the mapper's
//! [`Progress`] counters. It only appears when stderr is a terminal, the work has run for
//! more than a second, and neither `--no-progress` nor `-q` was given.
//!
//! With several LFSRs it counts LFSRs (the batch engine's progress, [`Bar::track_lfsrs`]),
//! with their rate and the time left; with one, it counts that LFSR's states
//! ([`Bar::track`]). When one LFSR (or `lfsr-map poly`'s polynomial) counts no states,
//! because only the algebra runs (factoring and orders at degrees in the tens of thousands
//! over GF(2) take seconds), it shows a spinner with the elapsed time instead.

use std::io::IsTerminal;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use worker_pool::poison::lock;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use lfsr_map::progress::Progress;

/// How long work runs before the bar appears.
const SHOW_AFTER: Duration = Duration::from_secs(1);
/// How often the counters are polled.
const POLL: Duration = Duration::from_millis(100);

/// The counters the bar shows: the batch's (LFSRs) or the one LFSR's (states).
type Current = Arc<Mutex<Progress>>;

/// A progress display over `items` analyses. Dropping it (or [`Bar::finish`]) removes the bar.
pub struct Bar {
    current: Current,
    stop: Option<(Sender<()>, JoinHandle<()>)>,
}

impl Bar {
    /// Starts the polling thread if a bar may be shown (`enabled` and stderr is a terminal).
    pub fn start(enabled: bool, items: u64) -> Bar {
        let current: Current = Arc::new(Mutex::new(Progress::new()));
        let stop = (enabled && std::io::stderr().is_terminal()).then(|| {
            let (tx, rx) = mpsc::channel();
            let shared = Arc::clone(&current);
            let handle = std::thread::spawn(move || poll(&shared, items, &rx));
            (tx, handle)
        });
        Bar { current, stop }
    }

    /// A bar for a census summary, whose counters (from [`Bar::track`]) count LFSRs.
    pub fn start_summary(enabled: bool) -> Bar {
        Bar::start(enabled, 0)
    }

    /// Fresh counters for the batch of all items, in LFSRs, to hand to the batch engine.
    pub fn track_lfsrs(&self) -> Progress {
        self.track()
    }

    /// Fresh counters for the one LFSR, in states, to hand to the mapper.
    pub fn track(&self) -> Progress {
        let progress = Progress::new();
        *lock(&self.current) = progress.clone();
        progress
    }

    /// Removes the bar and stops the polling thread.
    pub fn finish(mut self) {
        self.stop_thread();
    }

    fn stop_thread(&mut self) {
        if let Some((tx, handle)) = self.stop.take() {
            let _ = tx.send(());
            let _ = handle.join();
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.stop_thread();
    }
}

fn poll(current: &Current, items: u64, stop: &mpsc::Receiver<()>) {
    let started = Instant::now();
    let mut bar: Option<ProgressBar> = None;
    let mut spinning = false;
    while let Err(RecvTimeoutError::Timeout) = stop.recv_timeout(POLL) {
        if started.elapsed() < SHOW_AFTER {
            continue;
        }
        let bar = bar.get_or_insert_with(new_bar);
        let progress = lock(current).clone();
        let (done, total) = (progress.done(), progress.total());
        if items > 1 {
            bar.set_message("LFSRs");
            bar.set_length(items);
            bar.set_position(done.min(items));
        } else if items == 0 {
            // a census summary: the counters count LFSRs (scaled down beyond 2^63)
            bar.set_message("LFSRs");
            bar.set_length(total.max(1));
            bar.set_position(done.min(total));
        } else if total == 0 {
            // one LFSR or polynomial and no states counted: the algebra (factoring, orders)
            // of a large degree; show that it runs and for how long
            if !spinning {
                bar.set_style(spinner_style());
                bar.set_message("factoring, irreducibility and orders");
                spinning = true;
            }
            bar.tick();
        } else {
            if spinning {
                bar.set_style(bar_style());
                spinning = false;
            }
            bar.set_message("states");
            bar.set_length(total.max(1));
            bar.set_position(done.min(total));
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
}

fn new_bar() -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(1), ProgressDrawTarget::stderr());
    bar.set_style(bar_style());
    bar
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template(
        "{elapsed_precise} [{wide_bar}] {pos}/{len} {msg} ({per_sec}, eta {eta})",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
}

/// Elapsed time and a spinner, for work that counts nothing (the algebra of one LFSR).
fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{elapsed_precise} {spinner} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}
