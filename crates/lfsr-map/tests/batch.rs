//! The batch engine (`analyze_batch`): on every pool strategy with 1..=4 workers, a random mix
//! of small and large LFSRs over GF(2), GF(3) and GF(4) comes out in input order, each
//! analysis equal to `analyze` on that LFSR alone on `Sequential`; the first error in input
//! order stops it after everything before it was delivered; cancellation stops it; a
//! panicking job comes back as the pool's error.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use gf_core::Field;
use lfsr_map::analysis::{analyze, Analysis, AnalysisError, Method, Options};
use lfsr_map::batch::{analyze_batch, BatchError};
use lfsr_map::enumerate::SPLIT_MIN_STATES;
use lfsr_map::lfsr::Lfsr;
use lfsr_map::progress::Progress;
use worker_pool::{FreshPool, PoolError, PoolMetrics, Sequential, WorkerPool};

/// A small deterministic generator (the tests must not depend on a seed crate's stream).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// `n` LFSRs with their options: mostly small (full listing, period-only enumeration or
/// algebra, singular ones included), and about one in twelve large (at least
/// `SPLIT_MIN_STATES` states, enumerated), over GF(2), GF(3) and GF(4).
fn mix(seed: u64, n: usize) -> Vec<(Lfsr, Options)> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            let q = [2, 3, 4][rng.below(3) as usize];
            let large = rng.below(12) == 0;
            let d = match (q, large) {
                (2, true) => 16 + rng.below(2),
                (3, true) => 11,
                (4, true) => 8,
                (2, false) => 1 + rng.below(12),
                (3, false) => 1 + rng.below(7),
                _ => 1 + rng.below(6),
            } as usize;
            let c: Vec<u64> = (0..d).map(|_| rng.below(q)).collect();
            let lfsr = Lfsr::new(&Field::new(q).unwrap(), c).unwrap();
            let opts = match (large, rng.below(3)) {
                (true, _) | (false, 0) => Options {
                    method: Method::Enumerate,
                    ..Options::default()
                },
                (false, 1) => Options {
                    full: true,
                    ..Options::default()
                },
                _ => Options::default(), // algebra only
            };
            (lfsr, opts)
        })
        .collect()
}

fn alone(input: &[(Lfsr, Options)]) -> Vec<Analysis> {
    input
        .iter()
        .map(|(l, o)| analyze(l, o, &Sequential::new(), &Progress::new()).unwrap())
        .collect()
}

/// What a batch delivered, `(index, analysis)` in delivery order, and how it ended.
type Delivered = (Vec<(u64, Analysis)>, Result<(), BatchError<String>>);

/// Runs the batch over `input` and collects `(index, analysis)` as delivered.
fn batch(input: &[(Lfsr, Options)], pool: &dyn WorkerPool, progress: &Progress) -> Delivered {
    let mut got = Vec::new();
    let r = analyze_batch(
        input.len() as u64,
        |k| Ok(input[k as usize].0.clone()),
        |k, _| input[k as usize].1.clone(),
        pool,
        progress,
        |k, a| {
            got.push((k, a));
            Ok(())
        },
    );
    (got, r)
}

/// Every pool of the workspace with `workers` workers.
fn pools(workers: usize) -> Vec<Box<dyn WorkerPool>> {
    vec![
        Box::new(Sequential::new()),
        Box::new(FreshPool::new(workers)),
        Box::new(pool_simple::GlobalPool::new(workers)),
        Box::new(pool_idle_timeout::IdleTimeoutPool::new(
            workers,
            Duration::from_millis(2),
        )),
        Box::new(pool_scoped::OwnedPool::new(workers).unwrap()),
    ]
}

#[test]
fn every_pool_and_worker_count_gives_the_lone_analyses_in_input_order() {
    let mut input = mix(7, 90);
    // One LFSR large enough to be analyzed alone, split across the whole pool
    // (x^22 + x + 1 is primitive over GF(2)): the input is cut into runs around it.
    let mut c = vec![0; 22];
    c[..2].copy_from_slice(&[1, 1]);
    let huge = Lfsr::new(&Field::new(2).unwrap(), c).unwrap();
    assert!(huge.state_count() >= lfsr_map::batch::ALONE_MIN_STATES.into());
    let enumerate = Options {
        method: Method::Enumerate,
        ..Options::default()
    };
    input.insert(45, (huge, enumerate));
    let large = input
        .iter()
        .filter(|(l, _)| l.state_count() >= SPLIT_MIN_STATES.into())
        .count();
    assert!(
        (3..=15).contains(&large),
        "the mix has large LFSRs: {large}"
    );
    let want = alone(&input);
    for workers in 1..=4 {
        for pool in pools(workers) {
            let progress = Progress::new();
            let (got, r) = batch(&input, pool.as_ref(), &progress);
            let name = format!("{} x{workers}", pool.name());
            assert!(r.is_ok(), "{name}: {r:?}");
            let indices: Vec<u64> = got.iter().map(|(k, _)| *k).collect();
            assert_eq!(
                indices,
                (0..input.len() as u64).collect::<Vec<_>>(),
                "{name}"
            );
            for ((k, a), w) in got.iter().zip(&want) {
                assert!(a == w, "{name}: analysis {k} differs");
            }
            assert_eq!((progress.done(), progress.total()), (91, 91), "{name}");
        }
    }
    pool_simple::shutdown_worker_pool();
}

#[test]
fn a_long_run_of_tiny_lfsrs_grows_its_chunks_and_keeps_the_order() {
    // 3000 degree-3 LFSRs: chunks grow from 1 to many; the order must survive every size.
    let gf3 = Field::new(3).unwrap();
    let make = |k: u64| Lfsr::new(&gf3, vec![1 + k % 2, k / 2 % 3, k / 6 % 3]).unwrap();
    let opts = Options {
        full: true,
        ..Options::default()
    };
    let want: Vec<Analysis> = (0..3000)
        .map(|k| analyze(&make(k), &opts, &Sequential::new(), &Progress::new()).unwrap())
        .collect();
    let pool = pool_scoped::OwnedPool::new(3).unwrap();
    let mut next = 0;
    analyze_batch(
        3000,
        |k| Ok::<_, String>(make(k)),
        |_, _| opts.clone(),
        &pool,
        &Progress::new(),
        |k, a| {
            assert_eq!(k, next);
            assert!(a == want[k as usize], "analysis {k}");
            next += 1;
            Ok(())
        },
    )
    .unwrap();
    assert_eq!(next, 3000);
    // Each analysis makes one (inline) pool call of one job; the chunks add one job each,
    // far fewer than one per LFSR once they have grown.
    let calls = pool.metrics().jobs_run;
    assert!(calls < 3000 + 500, "jobs: {calls}");
}

/// An input whose LFSR 40 fails (an algebraic listing is refused) and whose source fails
/// at 99: the batch delivers 0..40 in order, returns the analysis error of 40, and starts no
/// wave after the one holding 40, so it never asks the source for row 99 (with at most 4
/// workers the first two waves hold at most 16 + 64 LFSRs).
#[test]
fn the_first_error_in_input_order_stops_the_batch() {
    let input = mix(11, 100);
    let want = alone(&input);
    for workers in 1..=4 {
        for pool in pools(workers) {
            let mut got = Vec::new();
            let asked = AtomicUsize::new(0);
            let r = analyze_batch(
                100,
                |k| {
                    asked.fetch_max(k as usize, Ordering::Relaxed);
                    match k {
                        99 => Err(format!("row {k} is bad")),
                        _ => Ok(input[k as usize].0.clone()),
                    }
                },
                |k, _| {
                    let at = k as usize;
                    match at {
                        40 => Options {
                            method: Method::Algebraic,
                            full: true,
                            ..Options::default()
                        },
                        _ => input[at].1.clone(),
                    }
                },
                pool.as_ref(),
                &Progress::new(),
                |k, a| {
                    got.push((k, a));
                    Ok(())
                },
            );
            let name = format!("{} x{workers}", pool.name());
            match r {
                Err(BatchError::Analysis {
                    index: 40,
                    error: AnalysisError::ListingNeedsEnumeration,
                }) => {}
                other => panic!("{name}: {other:?}"),
            }
            assert_eq!(got.len(), 40, "{name}");
            for (i, (k, a)) in got.iter().enumerate() {
                assert!(*k == i as u64 && *a == want[i], "{name}: analysis {i}");
            }
            assert!(asked.into_inner() < 99, "{name}: read past the error");
        }
    }
    pool_simple::shutdown_worker_pool();
}

#[test]
fn a_source_error_and_a_consumer_error_are_returned_with_their_index() {
    let input = mix(5, 30);
    let pool = FreshPool::new(2);
    let mut delivered = 0;
    let r = analyze_batch(
        30,
        |k| match k {
            17 => Err("no such row".to_string()),
            _ => Ok(input[k as usize].0.clone()),
        },
        |_, _| Options::default(),
        &pool,
        &Progress::new(),
        |_, _| {
            delivered += 1;
            Ok(())
        },
    );
    assert!(
        matches!(&r, Err(BatchError::Source { index: 17, error }) if error == "no such row"),
        "{r:?}"
    );
    assert_eq!(delivered, 17);
    let r = analyze_batch(
        30,
        |k| Ok(input[k as usize].0.clone()),
        |_, _| Options::default(),
        &pool,
        &Progress::new(),
        |k, _| match k {
            5 => Err(format!("disk full at {k}")),
            _ => Ok(()),
        },
    );
    assert!(
        matches!(&r, Err(BatchError::Consumer { index: 5, .. })),
        "{r:?}"
    );
    assert_eq!(r.unwrap_err().to_string(), "analysis 5: disk full at 5");
}

#[test]
fn cancellation_stops_the_batch() {
    // Cancelled before: nothing is analyzed.
    let input = mix(3, 20);
    let progress = Progress::new();
    progress.cancel();
    let (got, r) = batch(&input, &FreshPool::new(2), &progress);
    assert!(matches!(r, Err(BatchError::Cancelled)), "{r:?}");
    assert!(got.is_empty());
    // Cancelled by the consumer after 10: the batch stops within the wave in flight, and
    // what came before is delivered in order.
    let gf2 = Field::new(2).unwrap();
    let progress = Progress::new();
    let mut got = 0u64;
    let r = analyze_batch(
        100_000,
        |k| Lfsr::new(&gf2, vec![1, k & 1, k >> 1 & 1, 1]).map_err(|e| e.to_string()),
        |_, _| Options::default(),
        &pool_scoped::OwnedPool::new(2).unwrap(),
        &progress,
        |k, _| {
            assert_eq!(k, got);
            got += 1;
            if got == 10 {
                progress.cancel();
            }
            Ok(())
        },
    );
    assert!(matches!(r, Err(BatchError::Cancelled)), "{r:?}");
    assert!((10..100_000).contains(&got), "{got}");
    assert!(progress.done() < 100_000);
}

#[test]
fn a_cancelled_large_enumeration_stops_too() {
    // One LFSR of 2^22 states: the cancel reaches its enumeration through the child progress.
    let mut c = vec![0u64; 22];
    c[0] = 1;
    c[1] = 1; // x^22 + x + 1, primitive
    let lfsr = Lfsr::new(&Field::new(2).unwrap(), c).unwrap();
    let opts = Options {
        method: Method::Enumerate,
        ..Options::default()
    };
    let progress = Progress::new();
    let canceller = progress.clone();
    let r = std::thread::scope(|s| {
        s.spawn(move || {
            std::thread::sleep(Duration::from_millis(5));
            canceller.cancel();
        });
        analyze_batch(
            3,
            |_| Ok::<_, String>(lfsr.clone()),
            |_, _| opts.clone(),
            &FreshPool::new(2),
            &progress,
            |_, _| Ok(()),
        )
    });
    assert!(matches!(r, Err(BatchError::Cancelled)), "{r:?}");
}

/// A pool that makes job `at` of its `call`-th call with more than one job panic (the batch
/// engine's waves are such calls), and otherwise forwards to `Sequential`.
struct PanicOnce {
    inner: Sequential,
    calls: AtomicUsize,
    call: usize,
    at: usize,
}

impl WorkerPool for PanicOnce {
    fn execute(&self, n: usize, job: &(dyn Fn(usize) + Sync)) -> Result<(), PoolError> {
        let this = if n > 1 {
            self.calls.fetch_add(1, Ordering::Relaxed)
        } else {
            usize::MAX
        };
        self.inner.execute(n, &|i| {
            if this == self.call && i == self.at {
                panic!("injected");
            }
            job(i)
        })
    }
    fn workers(&self) -> usize {
        2
    }
    fn metrics(&self) -> PoolMetrics {
        self.inner.metrics()
    }
    fn name(&self) -> &'static str {
        "panic-once"
    }
}

#[test]
fn a_panicking_job_is_the_pools_error_after_the_chunks_before_it() {
    // 50 algebra-only LFSRs of degree 4: the first wave has 8 one-LFSR chunks (window
    // 4 x 2 workers); its chunk 3 panics, so LFSRs 0, 1, 2 are delivered, then the error.
    let gf2 = Field::new(2).unwrap();
    let pool = PanicOnce {
        inner: Sequential::new(),
        calls: AtomicUsize::new(0),
        call: 0,
        at: 3,
    };
    let mut got = Vec::new();
    let r = analyze_batch(
        50,
        |k| Lfsr::new(&gf2, vec![1, k & 1, k >> 1 & 1, k >> 2 & 1]).map_err(|e| e.to_string()),
        |_, _| Options::default(),
        &pool,
        &Progress::new(),
        |k, _| {
            got.push(k);
            Ok(())
        },
    );
    match r {
        Err(BatchError::Pool(PoolError::JobPanicked { index, message, .. })) => {
            assert_eq!((index, message.as_str()), (3, "injected"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(got, [0, 1, 2]);
}
