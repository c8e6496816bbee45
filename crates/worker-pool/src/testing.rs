//! The conformance suite every [`WorkerPool`] implementation runs (feature `testing`).
//!
//! Call [`conformance`] from one `#[test]` with a constructor `make(workers) -> pool`:
//!
//! ```
//! use worker_pool::{testing, FreshPool, Sequential};
//!
//! testing::conformance(|_workers| Sequential::new());
//! testing::conformance(FreshPool::new);
//! ```
//!
//! It runs every check below in turn, each under a watchdog: a check that has not finished
//! after [`WATCHDOG`] prints its name and aborts the process, so a deadlock fails CI loudly
//! instead of hanging it (this is a hang detector, not a timing assertion). The checks are
//! also public, for a crate that wants them as separate tests.
//!
//! What the suite demands beyond the trait docs:
//!
//! * a nested call (a job calling `execute` on the pool that runs it) **succeeds**: every
//!   strategy in this workspace runs it inline on the calling worker;
//! * [`WorkerPool::metrics`] counts `jobs_run` and `panics_caught` exactly, so the suite checks
//!   their deltas. The pool must therefore not be used by anything else while the suite runs
//!   (a process-global pool's tests serialize themselves).
//!
//! [`chunked_mix`] and [`expected_mix`] serve the property tests of every strategy: random
//! item counts, chunk sizes and worker counts must give the sequential answer.
//!
//! [`doom_this_worker`] is the test seam for worker death: a job calls it to make the worker
//! thread running it die (unwind, outside every `catch_unwind`) once it has finished its
//! batch, as a worker killed by a bug would. It works for every pool whose workers run
//! [`worker::serve`](crate::worker::serve).

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use crate::{PoolError, PoolMetrics, WorkerPool, WorkerPoolExt};

std::thread_local! {
    static DOOMED: Cell<bool> = const { Cell::new(false) };
}

/// Called from a job: the worker thread running it unwinds (dies) once it has finished the
/// batch it is working on, so no job is lost, but the pool loses a worker, as if a bug had
/// killed it. Only a [`serve`](crate::worker::serve) loop reads the flag this sets: on any
/// other thread (the caller, a baseline's thread) it does nothing.
pub fn doom_this_worker() {
    DOOMED.with(|d| d.set(true));
}

/// The seam in [`serve`](crate::worker::serve): dies if a job doomed this worker.
pub(crate) fn die_if_doomed() {
    if DOOMED.with(|d| d.replace(false)) {
        panic!("worker killed by testing::doom_this_worker");
    }
}

/// How long one check may run before the watchdog declares a deadlock and aborts.
pub const WATCHDOG: Duration = Duration::from_secs(120);

/// Runs every check of the suite against pools built by `make(workers)`.
///
/// # Panics
///
/// Panics (test failure) naming the first check that failed; aborts the process if a check
/// hangs for longer than [`WATCHDOG`].
pub fn conformance<P, M>(make: M)
where
    P: WorkerPool + 'static,
    M: Fn(usize) -> P,
{
    guarded("results in index order", || {
        for w in 1..=3 {
            check_index_order(&make(w));
        }
    });
    guarded("zero jobs", || check_zero_jobs(&make(2)));
    guarded("one job", || check_one_job(&make(2)));
    guarded("many more jobs than workers", || check_many_jobs(&make(2)));
    guarded("more workers than jobs", || check_many_jobs_few(&make(8)));
    guarded("a panicking job", || check_panic(&make(2)));
    guarded("a panic payload whose Drop panics", || {
        check_panicking_payload(&make(2))
    });
    guarded("several threads calling at once", || {
        check_concurrent_callers(&make(2))
    });
    guarded("a job that calls the pool", || {
        check_nested(Arc::new(make(2)))
    });
    guarded("jobs that borrow the caller's data", || {
        check_borrowing(&make(3))
    });
    guarded("the panic payload comes back", || check_payload(&make(2)));
    guarded("no job runs after the call returned", || {
        check_no_job_after_return(&make(3))
    });
}

/// Runs `check` under the watchdog; a panic inside it is re-raised with the check's name.
fn guarded(name: &str, check: impl FnOnce()) {
    let (done, finished) = mpsc::channel::<()>();
    let label = name.to_string();
    let watchdog = std::thread::spawn(move || {
        if let Err(mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(WATCHDOG) {
            eprintln!("conformance check `{label}` still running after {WATCHDOG:?}: deadlock");
            std::process::abort();
        }
    });
    let outcome = catch_unwind(AssertUnwindSafe(check));
    drop(done);
    let _ = watchdog.join();
    if let Err(payload) = outcome {
        panic!(
            "conformance check `{name}` failed: {}",
            crate::panic_message(payload.as_ref())
        );
    }
}

/// A cheap, well-mixed function of the index (splitmix64), so that a result in the wrong
/// slot is caught.
pub fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The sequential answer for [`chunked_mix`]: `mix(x)` for `x` in `0..items`.
pub fn expected_mix(items: usize) -> Vec<u64> {
    (0..items as u64).map(mix).collect()
}

/// Computes `mix(x)` for `x` in `0..items` on `pool`, one job per chunk of `chunk` items
/// (the last chunk may be shorter; `chunk == 0` is treated as 1), and concatenates the
/// chunks in index order.
pub fn chunked_mix(
    pool: &dyn WorkerPool,
    items: usize,
    chunk: usize,
) -> Result<Vec<u64>, PoolError> {
    let chunk = chunk.max(1);
    let jobs = items.div_ceil(chunk);
    let parts = pool.map(jobs, |i| {
        let end = ((i + 1) * chunk).min(items);
        (i * chunk..end).map(|x| mix(x as u64)).collect::<Vec<_>>()
    })?;
    Ok(parts.concat())
}

/// One counter per index, to check that every job ran exactly once.
struct Counts(Vec<AtomicUsize>);

impl Counts {
    fn new(n: usize) -> Self {
        Self((0..n).map(|_| AtomicUsize::new(0)).collect())
    }
    fn hit(&self, i: usize) {
        self.0[i].fetch_add(1, Ordering::Relaxed);
    }
    fn assert_each_once(&self) {
        for (i, c) in self.0.iter().enumerate() {
            let c = c.load(Ordering::Relaxed);
            assert_eq!(c, 1, "job {i} ran {c} times");
        }
    }
}

fn delta(before: PoolMetrics, after: PoolMetrics) -> (u64, u64) {
    (
        after.jobs_run - before.jobs_run,
        after.panics_caught - before.panics_caught,
    )
}

/// Uneven jobs (some spin, some not) still return their results in index order.
pub fn check_index_order(pool: &dyn WorkerPool) {
    let n = 257;
    let got = pool
        .map(n, |i| {
            let mut acc = i as u64;
            for _ in 0..(i % 7) * 2_000 {
                acc = std::hint::black_box(mix(acc));
            }
            (i, mix(i as u64))
        })
        .expect("no job panics");
    let want: Vec<_> = (0..n).map(|i| (i, mix(i as u64))).collect();
    assert_eq!(got, want);
}

/// `n == 0` returns `Ok` without calling the job.
pub fn check_zero_jobs(pool: &dyn WorkerPool) {
    let before = pool.metrics();
    pool.execute(0, &|i| panic!("job {i} must not run"))
        .expect("0 jobs is Ok");
    assert_eq!(
        pool.map(0, |i| i).expect("0 jobs is Ok"),
        Vec::<usize>::new()
    );
    assert_eq!(delta(before, pool.metrics()), (0, 0));
}

/// One job runs exactly once.
pub fn check_one_job(pool: &dyn WorkerPool) {
    let counts = Counts::new(1);
    let before = pool.metrics();
    let got = pool
        .map(1, |i| {
            counts.hit(i);
            41 + i
        })
        .expect("no job panics");
    assert_eq!(got, vec![41]);
    counts.assert_each_once();
    assert_eq!(delta(before, pool.metrics()), (1, 0));
}

fn run_counted(pool: &dyn WorkerPool, n: usize) {
    let counts = Counts::new(n);
    let before = pool.metrics();
    pool.execute(n, &|i| counts.hit(i)).expect("no job panics");
    counts.assert_each_once();
    assert_eq!(delta(before, pool.metrics()), (n as u64, 0), "n = {n}");
}

/// 10,000 jobs on a few workers: each runs exactly once, and `jobs_run` counts them.
pub fn check_many_jobs(pool: &dyn WorkerPool) {
    run_counted(pool, 10_000);
}

/// Fewer jobs than workers (call it with a pool of 8): each runs exactly once.
pub fn check_many_jobs_few(pool: &dyn WorkerPool) {
    for n in [1, 2, 3, 7] {
        run_counted(pool, n);
    }
}

/// The index and message of a [`PoolError::JobPanicked`] (panics on any other outcome).
pub fn panicked(outcome: Result<(), PoolError>) -> (usize, String) {
    match outcome {
        Err(PoolError::JobPanicked { index, message, .. }) => (index, message),
        other => panic!("expected JobPanicked, got {other:?}"),
    }
}

/// Two panicking jobs: the lowest index is reported with its message and payload, every
/// other job still ran, `panics_caught` counts both, and the next call succeeds.
pub fn check_panic(pool: &dyn WorkerPool) {
    let n = 50;
    let counts = Counts::new(n);
    let before = pool.metrics();
    let err = pool
        .execute(n, &|i| {
            counts.hit(i);
            if i == 13 || i == 31 {
                panic!("job {i} failed on purpose");
            }
        })
        .expect_err("two jobs panic");
    assert_eq!(
        panicked(Err(err.clone())),
        (13, "job 13 failed on purpose".into())
    );
    let PoolError::JobPanicked { payload, .. } = &err else {
        unreachable!("checked above")
    };
    let payload = payload.take().expect("the payload is kept");
    assert_eq!(
        payload.downcast_ref::<String>().map(String::as_str),
        Some("job 13 failed on purpose")
    );
    counts.assert_each_once();
    assert_eq!(delta(before, pool.metrics()), (n as u64, 2));
    check_index_order(pool);
}

/// A panic payload whose own `Drop` panics.
struct Bomb;

impl Drop for Bomb {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            panic!("the panic payload exploded while being dropped");
        }
    }
}

/// Two jobs panic with a payload whose `Drop` panics too: still a `JobPanicked` error, no
/// lost job, no dead worker (the unreported payload is dropped inside the pool, contained),
/// and the next call succeeds. The reported payload comes back to the caller, who owns its
/// `Drop` (here: forgets it).
pub fn check_panicking_payload(pool: &dyn WorkerPool) {
    let n = 8;
    let counts = Counts::new(n);
    let err = pool
        .execute(n, &|i| {
            counts.hit(i);
            if i == 2 || i == 6 {
                std::panic::panic_any(Bomb);
            }
        })
        .expect_err("jobs 2 and 6 panic");
    assert_eq!(
        panicked(Err(err.clone())),
        (2, "<non-string panic payload>".into())
    );
    let PoolError::JobPanicked { payload, .. } = err else {
        unreachable!("checked above")
    };
    let bomb = payload.take().expect("the payload is kept");
    assert!(bomb.is::<Bomb>());
    std::mem::forget(bomb);
    counts.assert_each_once();
    for _ in 0..3 {
        check_index_order(pool);
    }
}

/// Four threads call the same pool 25 times each, with different job counts.
pub fn check_concurrent_callers(pool: &dyn WorkerPool) {
    let before = pool.metrics();
    let total = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for t in 0..4usize {
            let total = &total;
            s.spawn(move || {
                for k in 0..25usize {
                    let n = 1 + (t * 25 + k) % 37;
                    let got = pool.map(n, |i| mix((t * 1000 + i) as u64)).unwrap();
                    let want: Vec<_> = (0..n).map(|i| mix((t * 1000 + i) as u64)).collect();
                    assert_eq!(got, want, "thread {t}, call {k}");
                    total.fetch_add(n, Ordering::Relaxed);
                }
            });
        }
    });
    let total = total.load(Ordering::Relaxed) as u64;
    assert_eq!(delta(before, pool.metrics()), (total, 0));
}

/// Every job calls the pool that runs it (more outer jobs than workers, so all workers are
/// inside nested calls at once), including a nested call that panics: no deadlock, correct
/// results, and the nested error reaches the outer job.
pub fn check_nested<P: WorkerPool + 'static>(pool: Arc<P>) {
    let inner = &*pool; // a job borrows the pool that runs it
    let got = pool
        .map(6, |i| {
            let ok = inner.map(5, |j| i * 100 + j);
            let failed = inner.execute(3, &|j| assert!(j != 1, "nested job {i}.{j} failed"));
            (ok, panicked(failed))
        })
        .expect("the outer jobs do not panic");
    for (i, (ok, failed)) in got.into_iter().enumerate() {
        assert_eq!(ok, Ok((0..5).map(|j| i * 100 + j).collect::<Vec<_>>()));
        assert_eq!(failed, (1, format!("nested job {i}.1 failed")));
    }
    check_index_order(&*pool);
}

/// Jobs borrow the caller's stack: they read a borrowed slice, and write disjoint parts of a
/// borrowed output (one atomic per index, no lock); `map` returns values made from borrows.
pub fn check_borrowing(pool: &dyn WorkerPool) {
    let n = 1_000;
    let input: Vec<u64> = (0..n as u64).map(mix).collect();
    let output: Vec<AtomicU64> = (0..n).map(|_| AtomicU64::new(0)).collect();
    pool.execute(n, &|i| output[i].store(input[i] ^ 1, Ordering::Relaxed))
        .expect("no job panics");
    for (i, out) in output.iter().enumerate() {
        assert_eq!(out.load(Ordering::Relaxed), mix(i as u64) ^ 1, "index {i}");
    }
    let words: Vec<String> = (0..n).map(|i| format!("w{i}")).collect();
    let lens = pool.map(n, |i| words[i].as_str()).expect("no job panics");
    assert_eq!(lens, words.iter().map(String::as_str).collect::<Vec<_>>());
}

/// A job's non-string payload comes back in the error, and
/// [`resume_unwind`](PoolError::resume_unwind) re-raises it on the caller.
pub fn check_payload(pool: &dyn WorkerPool) {
    let outcome = pool.execute(20, &|i| {
        if i == 3 {
            std::panic::panic_any(0xC0FFEE_u32);
        }
    });
    let err = outcome.expect_err("job 3 panics");
    assert_eq!(
        panicked(Err(err.clone())),
        (3, "<non-string panic payload>".into())
    );
    let reraised = catch_unwind(AssertUnwindSafe(|| err.resume_unwind()))
        .expect_err("resume_unwind re-raises");
    assert_eq!(reraised.downcast_ref::<u32>(), Some(&0xC0FFEE));
    assert_eq!(pool.map(3, |i| i).expect("still usable"), vec![0, 1, 2]);
}

/// Counts a job as running from its start until it returns or unwinds.
struct Running<'a>(&'a AtomicUsize);

impl<'a> Running<'a> {
    fn start(count: &'a AtomicUsize) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        Self(count)
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The borrowing guarantee: when `execute` returns, no job is running and none starts
/// later, also when a job panicked on a worker while others were still running. Job 0
/// panics, and so does every third job that runs on a thread other than the caller (as soon
/// as it starts); the others take a while. Right after the call, and again a little later,
/// nothing runs.
pub fn check_no_job_after_return(pool: &dyn WorkerPool) {
    for round in 0..10 {
        let running = AtomicUsize::new(0);
        let started = AtomicUsize::new(0);
        let caller = std::thread::current().id();
        let n = 24;
        let outcome = pool.execute(n, &|i| {
            let _running = Running::start(&running);
            started.fetch_add(1, Ordering::SeqCst);
            if i == 0 || (i % 3 == 1 && std::thread::current().id() != caller) {
                panic!("job {i} fails on purpose");
            }
            std::thread::sleep(Duration::from_micros(200 * (i as u64 % 5)));
        });
        assert_eq!(
            running.load(Ordering::SeqCst),
            0,
            "round {round}: a job outlived the call"
        );
        assert_eq!(started.load(Ordering::SeqCst), n, "round {round}");
        assert_eq!(panicked(outcome).0, 0, "round {round}: the lowest index");
        std::thread::sleep(Duration::from_millis(2));
        assert_eq!(
            running.load(Ordering::SeqCst),
            0,
            "round {round}: a job started late"
        );
        assert_eq!(
            started.load(Ordering::SeqCst),
            n,
            "round {round}: a job ran twice"
        );
    }
    check_index_order(pool);
}
