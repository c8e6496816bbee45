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

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use crate::{PoolError, PoolMetrics, WorkerPool, WorkerPoolExt};

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
    let parts = pool.map(jobs, move |i| {
        let end = ((i + 1) * chunk).min(items);
        (i * chunk..end).map(|x| mix(x as u64)).collect::<Vec<_>>()
    })?;
    Ok(parts.concat())
}

/// One counter per index, to check that every job ran exactly once.
struct Counts(Vec<AtomicUsize>);

impl Counts {
    fn new(n: usize) -> Arc<Self> {
        Arc::new(Self((0..n).map(|_| AtomicUsize::new(0)).collect()))
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
    pool.execute(0, Arc::new(|i| panic!("job {i} must not run")))
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
    let c = Arc::clone(&counts);
    let before = pool.metrics();
    let got = pool
        .map(1, move |i| {
            c.hit(i);
            41 + i
        })
        .expect("no job panics");
    assert_eq!(got, vec![41]);
    counts.assert_each_once();
    assert_eq!(delta(before, pool.metrics()), (1, 0));
}

fn run_counted(pool: &dyn WorkerPool, n: usize) {
    let counts = Counts::new(n);
    let c = Arc::clone(&counts);
    let before = pool.metrics();
    pool.execute(n, Arc::new(move |i| c.hit(i)))
        .expect("no job panics");
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

/// Two panicking jobs: the lowest index is reported with its message, every other job
/// still ran, `panics_caught` counts both, and the next call succeeds.
pub fn check_panic(pool: &dyn WorkerPool) {
    let n = 50;
    let counts = Counts::new(n);
    let c = Arc::clone(&counts);
    let before = pool.metrics();
    let err = pool
        .execute(
            n,
            Arc::new(move |i| {
                c.hit(i);
                if i == 13 || i == 31 {
                    panic!("job {i} failed on purpose");
                }
            }),
        )
        .expect_err("two jobs panic");
    assert_eq!(
        err,
        PoolError::JobPanicked {
            index: 13,
            message: "job 13 failed on purpose".into()
        }
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

/// A job panics with a payload whose `Drop` panics too: still a `JobPanicked` error, no
/// lost job, no dead worker, and the next call succeeds.
pub fn check_panicking_payload(pool: &dyn WorkerPool) {
    let n = 8;
    let counts = Counts::new(n);
    let c = Arc::clone(&counts);
    let err = pool
        .execute(
            n,
            Arc::new(move |i| {
                c.hit(i);
                if i == 2 {
                    std::panic::panic_any(Bomb);
                }
            }),
        )
        .expect_err("job 2 panics");
    assert_eq!(
        err,
        PoolError::JobPanicked {
            index: 2,
            message: "<non-string panic payload>".into()
        }
    );
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
                    let got = pool.map(n, move |i| mix((t * 1000 + i) as u64)).unwrap();
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
    let inner = Arc::clone(&pool);
    let got = pool
        .map(6, move |i| {
            let ok = inner.map(5, move |j| i * 100 + j);
            let failed = inner.map(3, move |j| {
                assert!(j != 1, "nested job {i}.{j} failed");
                j
            });
            (ok, failed)
        })
        .expect("the outer jobs do not panic");
    for (i, (ok, failed)) in got.into_iter().enumerate() {
        assert_eq!(ok, Ok((0..5).map(|j| i * 100 + j).collect::<Vec<_>>()));
        assert_eq!(
            failed,
            Err(PoolError::JobPanicked {
                index: 1,
                message: format!("nested job {i}.1 failed")
            })
        );
    }
    check_index_order(&*pool);
}
