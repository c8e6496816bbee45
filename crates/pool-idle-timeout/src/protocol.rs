//! The claim/retire protocol: everything that happens under the pool's one lock.
//!
//! See the crate's `README.md` for the protocol told as a story, race by race. The
//! invariant every step below preserves:
//!
//! > **(I)** While a task with unclaimed jobs is in the queue, at least one *busy* worker
//! > exists: live, not in the idle list, and bound to look at the queue before it next
//! > goes idle or exits.
//!
//! A busy worker is running a batch, or has been claimed and not yet woken, or has just
//! been spawned. Since `live - idle.len()` counts exactly those, (I) reads:
//! `queue has unclaimed work => live > idle.len()`.

use std::collections::VecDeque;
use std::io;
use std::mem;
use std::sync::Arc;
use std::time::{Duration, Instant};

use worker_pool::poison::recover;
use worker_pool::worker::PoolId;
use worker_pool::{Batch, MetricsRecorder, PoolError};

use crate::sync::{thread, AtomicU8, Condvar, Mutex, MutexGuard, Ordering};
use crate::{Clock, Spawner};

/// The settings fixed at construction.
#[derive(Debug)]
pub(crate) struct Config {
    pub(crate) max_workers: usize,
    pub(crate) idle_timeout: Duration,
    pub(crate) min_idle: usize,
    pub(crate) background_reaper: bool,
}

/// What lives behind the pool handle and is shared with every worker and the reaper.
#[derive(Debug)]
pub(crate) struct Shared {
    /// Marks this pool's workers (`worker_pool::worker`).
    id: PoolId,
    state: Mutex<State>,
    /// Wakes the reaper: shutdown, a worker went idle or exited while it was parked.
    reaper_cv: Condvar,
    /// Wakes `shutdown` and `reap_all` waiting for workers to go idle or exit.
    quiet_cv: Condvar,
    pub(crate) config: Config,
    pub(crate) clock: Arc<dyn Clock>,
    spawner: Arc<dyn Spawner>,
    pub(crate) metrics: MetricsRecorder,
}

/// Everything the protocol decides on, under the one lock.
#[derive(Debug, Default)]
struct State {
    /// Submitted batches that may still want helpers, oldest first.
    queue: VecDeque<Task>,
    /// Idle workers, oldest at the front: claims pop from the back (LIFO, so the cold ones
    /// at the front age out), the reaper drains from the front.
    idle: Vec<Idle>,
    /// Workers that count against `max_workers`: busy or idle, not retiring.
    live: usize,
    /// Set once; no task is accepted afterwards.
    shutdown: bool,
    /// Join handles of worker threads that have not exited yet, by worker id.
    running: Vec<(u64, thread::JoinHandle<()>)>,
    /// Join handles of worker threads that have exited (or are about to), to be joined
    /// outside the lock.
    exited: Vec<thread::JoinHandle<()>>,
    next_id: u64,
    reaper: Option<thread::JoinHandle<()>>,
    /// The reaper waits without a deadline (nothing to reap) and wants to hear of changes.
    reaper_parked: bool,
    /// Threads waiting on `quiet_cv`.
    quiet_waiters: usize,
}

/// One submitted batch in the queue.
#[derive(Debug)]
struct Task {
    batch: Arc<Batch>,
    /// How many more workers may still join it (at most `min(n, max_workers)` in all).
    helpers: usize,
}

/// An idle worker, waiting on its own seat.
#[derive(Debug)]
struct Idle {
    seat: Arc<Seat>,
    since: Instant,
}

/// Where one worker waits, and the order that ends its wait.
///
/// `order` is written and read only under the state lock (the atomic is just interior
/// mutability the lock already orders), and only by the one who removed the worker from
/// the idle list: so a worker is claimed or retired, never both.
#[derive(Debug, Default)]
struct Seat {
    cv: Condvar,
    order: AtomicU8,
}

const WAITING: u8 = 0;
const CLAIMED: u8 = 1;
const RETIRE: u8 = 2;

impl Seat {
    fn order(&self) -> u8 {
        self.order.load(Ordering::Relaxed)
    }
    /// Gives the order; the caller notifies `cv` (under the lock or after releasing it).
    fn set_order(&self, order: u8) {
        self.order.store(order, Ordering::Relaxed);
    }
}

impl Shared {
    pub(crate) fn new(
        config: Config,
        clock: Arc<dyn Clock>,
        spawner: Arc<dyn Spawner>,
    ) -> Arc<Self> {
        let shared = Arc::new(Self {
            id: PoolId::new("pool-idle-timeout"),
            state: Mutex::new(State::default()),
            reaper_cv: Condvar::new(),
            quiet_cv: Condvar::new(),
            config,
            clock,
            spawner,
            metrics: MetricsRecorder::new(),
        });
        shared.metrics.record_pool_created();
        shared
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        recover(self.state.lock())
    }

    /// `true` on one of this pool's own worker threads.
    pub(crate) fn on_own_worker(&self) -> bool {
        self.id.is_current()
    }

    pub(crate) fn is_shut_down(&self) -> bool {
        self.lock().shutdown
    }

    pub(crate) fn live_workers(&self) -> usize {
        self.lock().live
    }

    pub(crate) fn idle_workers(&self) -> usize {
        self.lock().idle.len()
    }

    /// Queues `batch` and makes sure a worker will run it: claims idle workers (newest
    /// first) or spawns new ones, up to `min(n - 1, max_workers)` helpers but at least one.
    /// (`execute` then works on the batch too; the loom models call `submit` alone, so
    /// they check that the workers by themselves never leave a batch behind.)
    ///
    /// `Err(Spawn)` only if a spawn failed while no worker was live; the batch is then
    /// taken out of the queue again, untouched. `Err(ShutDown)` after shutdown.
    pub(crate) fn submit(self: &Arc<Self>, batch: &Arc<Batch>) -> Result<(), PoolError> {
        let mut st = self.lock();
        if st.shutdown {
            return Err(PoolError::ShutDown);
        }
        // The caller works on its own batch too, so it needs one helper fewer than jobs;
        // but at least one, so that a batch never depends on its caller alone.
        let helpers = batch
            .len()
            .saturating_sub(1)
            .clamp(1, self.config.max_workers);
        st.queue.push_back(Task {
            batch: Arc::clone(batch),
            helpers,
        });
        let mut claimed = Vec::with_capacity(helpers);
        for _ in 0..helpers {
            if let Some(idle) = st.idle.pop() {
                idle.seat.set_order(CLAIMED);
                claimed.push(idle.seat);
            } else if st.live < self.config.max_workers {
                if let Err(e) = self.spawn_worker(&mut st) {
                    if st.live == 0 {
                        // See `spawn_failed`; nothing was claimed, or `live` would be > 0.
                        return Err(Self::spawn_failed(st, &e));
                    }
                    break;
                }
            } else {
                // Every live worker is busy: each looks at the queue before going idle.
                break;
            }
        }
        drop(st);
        // Wake outside the lock, so the woken workers do not block on it at once. Nothing
        // is lost: a worker re-reads its order under the lock before every wait.
        wake_all(claimed);
        Ok(())
    }

    /// A spawn failed and no worker is live. (With one live, all is well: we only spawn
    /// when the idle list is empty, so every live worker is busy and (I) holds.) Nobody
    /// would ever look at the queue: take our task back out. We held the lock since
    /// pushing it, so it is still last and no job of it ran.
    fn spawn_failed(mut st: MutexGuard<'_, State>, e: &io::Error) -> PoolError {
        st.queue.pop_back();
        PoolError::spawn(e)
    }

    /// Starts one worker, counted live at once. Runs under the lock, so the new worker
    /// cannot touch the state before its handle is registered.
    fn spawn_worker(self: &Arc<Self>, st: &mut State) -> io::Result<()> {
        if self.config.background_reaper && st.reaper.is_none() {
            let shared = Arc::clone(self);
            let reaper = self.spawner.spawn(
                "idle-pool-reaper".into(),
                Box::new(move || shared.reaper_main()),
            )?;
            st.reaper = Some(reaper);
        }
        let id = st.next_id;
        let shared = Arc::clone(self);
        let handle = self.spawner.spawn(
            format!("idle-pool-worker-{id}"),
            Box::new(move || shared.worker_main(id)),
        )?;
        st.next_id += 1;
        st.running.push((id, handle));
        st.live += 1;
        self.metrics.record_thread_spawned();
        Ok(())
    }

    /// A worker's life: run queued work; when there is none, go idle until claimed (look
    /// at the queue again) or retired (exit).
    fn worker_main(self: Arc<Self>, id: u64) {
        let _mark = self.id.enter();
        let seat = Arc::new(Seat::default());
        let mut st = self.lock();
        loop {
            while let Some(batch) = take_task(&mut st) {
                drop(st);
                batch.work(&self.metrics);
                drop(batch);
                st = self.lock();
            }
            // The queue is empty (under the lock): going idle or exiting keeps (I).
            if st.shutdown {
                st.live -= 1;
                break;
            }
            st = self.wait_idle(st, &seat);
            if seat.order() == RETIRE {
                break; // whoever retired us already took us out of `live`
            }
        }
        self.exit_worker(st, id);
    }

    /// Puts the worker on the idle list and waits for its order. A wakeup without an
    /// order (spurious) just waits again: the worker is still on the list.
    fn wait_idle<'a>(
        &'a self,
        mut st: MutexGuard<'a, State>,
        seat: &Arc<Seat>,
    ) -> MutexGuard<'a, State> {
        seat.order.store(WAITING, Ordering::Relaxed);
        st.idle.push(Idle {
            seat: Arc::clone(seat),
            since: self.clock.now(),
        });
        if st.reaper_parked && st.idle.len() > self.config.min_idle {
            st.reaper_parked = false;
            self.reaper_cv.notify_one();
        }
        if st.quiet_waiters > 0 {
            self.quiet_cv.notify_all();
        }
        while seat.order() == WAITING {
            st = recover(seat.cv.wait(st));
        }
        st
    }

    /// The worker's last act under the lock: hand its join handle to whoever joins.
    fn exit_worker(&self, mut st: MutexGuard<'_, State>, id: u64) {
        if let Some(k) = st.running.iter().position(|(i, _)| *i == id) {
            let (_, handle) = st.running.swap_remove(k);
            st.exited.push(handle);
        }
        self.metrics.record_thread_retired();
        if st.reaper_parked {
            st.reaper_parked = false;
            self.reaper_cv.notify_one();
        }
        if st.quiet_waiters > 0 {
            self.quiet_cv.notify_all();
        }
    }

    /// Retires one idle worker already removed from the idle list.
    fn retire(st: &mut State, idle: Idle) {
        st.live -= 1;
        idle.seat.set_order(RETIRE);
        idle.seat.cv.notify_one();
    }

    /// Retires the idle workers whose timeout has expired at `now`, oldest first, keeping
    /// the `min_idle` newest. Returns how many were retired.
    fn reap_locked(&self, st: &mut State, now: Instant) -> usize {
        let reapable = st.idle.len().saturating_sub(self.config.min_idle);
        let expired = st.idle[..reapable]
            .iter()
            .take_while(|w| now.saturating_duration_since(w.since) >= self.config.idle_timeout)
            .count();
        let retired: Vec<Idle> = st.idle.drain(..expired).collect();
        for idle in retired {
            Self::retire(st, idle);
            self.metrics.record_idle_reap();
        }
        expired
    }

    /// One reaping step at `now`: retire expired idle workers, join the threads of
    /// workers that exited earlier.
    pub(crate) fn reap(&self, now: Instant) -> usize {
        let mut st = self.lock();
        let reaped = self.reap_locked(&mut st, now);
        let exited = mem::take(&mut st.exited);
        drop(st);
        join_all(exited);
        reaped
    }

    /// Waits until no work is queued and every live worker is idle, retires them all
    /// (`min_idle` and the timeout ignored) and joins their threads.
    pub(crate) fn reap_all(&self) -> usize {
        let mut st = self.lock();
        st = self.wait_quiet(st, |st| st.queue.is_empty() && st.idle.len() == st.live);
        let retired = mem::take(&mut st.idle);
        let count = retired.len();
        for idle in retired {
            Self::retire(&mut st, idle);
            self.metrics.record_idle_reap();
        }
        st = self.wait_quiet(st, |st| st.running.len() == st.live);
        let exited = mem::take(&mut st.exited);
        drop(st);
        join_all(exited);
        count
    }

    fn wait_quiet<'a>(
        &'a self,
        mut st: MutexGuard<'a, State>,
        done: impl Fn(&State) -> bool,
    ) -> MutexGuard<'a, State> {
        st.quiet_waiters += 1;
        while !done(&st) {
            st = recover(self.quiet_cv.wait(st));
        }
        st.quiet_waiters -= 1;
        st
    }

    /// Stops accepting work, retires the idle workers, lets the busy ones finish the
    /// queue, then joins the reaper and every worker. Idempotent.
    ///
    /// From one of the pool's own workers it only signals (a thread cannot join itself).
    pub(crate) fn shutdown(self: &Arc<Self>) {
        let mut st = self.lock();
        st.shutdown = true;
        for idle in mem::take(&mut st.idle) {
            Self::retire(&mut st, idle);
        }
        self.reaper_cv.notify_all();
        if self.on_own_worker() {
            return;
        }
        let reaper = st.reaper.take();
        drop(st);
        if let Some(reaper) = reaper {
            let _ = reaper.join();
        }
        let mut st = self.wait_quiet(self.lock(), |st| st.running.is_empty());
        let exited = mem::take(&mut st.exited);
        drop(st);
        join_all(exited);
    }

    /// The background reaper: reap whenever the oldest reapable idle worker expires;
    /// with nothing to reap, park until a worker goes idle or exits.
    fn reaper_main(self: Arc<Self>) {
        let mut st = self.lock();
        while !st.shutdown {
            let now = self.clock.now();
            self.reap_locked(&mut st, now);
            if !st.exited.is_empty() {
                let exited = mem::take(&mut st.exited);
                drop(st);
                join_all(exited);
                st = self.lock();
                continue;
            }
            st = match self.next_expiry(&st) {
                Some(at) => {
                    let wait = at.saturating_duration_since(now);
                    recover(self.reaper_cv.wait_timeout(st, wait)).0
                }
                None => {
                    st.reaper_parked = true;
                    let mut st = recover(self.reaper_cv.wait(st));
                    st.reaper_parked = false;
                    st
                }
            };
        }
    }

    /// When the oldest idle worker beyond `min_idle` expires, if there is one. A timeout so
    /// long that the expiry is beyond what an `Instant` can hold means "never expires"
    /// (`None`, the reaper parks) rather than an overflow panic in the reaper thread.
    fn next_expiry(&self, st: &State) -> Option<Instant> {
        if st.idle.len() > self.config.min_idle {
            st.idle[0].since.checked_add(self.config.idle_timeout)
        } else {
            None
        }
    }
}

/// The next batch for a worker to help with, dropping batches whose jobs are all claimed.
fn take_task(st: &mut State) -> Option<Arc<Batch>> {
    while let Some(task) = st.queue.front_mut() {
        if task.batch.all_claimed() {
            st.queue.pop_front();
            continue;
        }
        task.helpers -= 1;
        let batch = Arc::clone(&task.batch);
        if task.helpers == 0 {
            st.queue.pop_front();
        }
        return Some(batch);
    }
    None
}

fn wake_all(seats: Vec<Arc<Seat>>) {
    for seat in seats {
        seat.cv.notify_one();
    }
}

fn join_all(handles: Vec<thread::JoinHandle<()>>) {
    for handle in handles {
        // Worker and reaper bodies never panic: jobs run under catch_unwind in Batch.
        let _ = handle.join();
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use worker_pool::WorkerPool;

    use crate::{Builder, Clock, ManualClock};

    /// `Duration::MAX` overflows any `Instant`: the worker never expires, and computing its
    /// expiry (what the reaper thread does) must not panic.
    #[test]
    fn a_timeout_beyond_instant_range_never_expires() {
        let clock = Arc::new(ManualClock::new());
        let pool = Builder::new(2)
            .idle_timeout(Duration::MAX)
            .clock(clock.clone())
            .manual_reaping()
            .build();
        // Two jobs that wait for each other: the caller and one worker run at once.
        let barrier = std::sync::Barrier::new(2);
        pool.execute(2, &|_| {
            barrier.wait();
        })
        .unwrap();
        while pool.idle_workers() != 1 {
            std::thread::yield_now();
        }
        let shared = &pool.shared;
        assert_eq!(shared.next_expiry(&shared.lock()), None);
        clock.advance(Duration::MAX);
        assert_eq!(pool.reap(clock.now()), 0);
        assert_eq!(pool.idle_workers(), 1);
        pool.shutdown();
    }
}
