//! The census summary, counted over factorization types, against analyzing every LFSR alone,
//! against closed forms (Gauss's count of irreducibles, phi(q^d - 1)/d primitive ones), and
//! against OEIS.

mod reference;

use gf_core::Field;
use lfsr_map::analysis::{analyze, Method, Options};
use lfsr_map::census::{Census, CensusError, FactorPattern, Part, Summary, SummaryOptions};
use lfsr_map::progress::Progress;
use worker_pool::{FreshPool, Sequential, WorkerPool};

const WITH_STRUCTURES: SummaryOptions = SummaryOptions {
    cycle_structures: true,
};

/// The summary built the slow way: every LFSR analyzed alone and added up. Small state
/// spaces are enumerated (every state visited), larger ones use the algebra.
fn one_by_one(census: &Census) -> Summary {
    let q = census.field().q();
    let mut s = Summary::new(q, census.degree(), census.include_singular(), true);
    let states = u128::from(q).pow(census.degree());
    let method = if states <= 1 << 10 {
        Method::Enumerate
    } else {
        Method::Algebraic
    };
    let opts = Options {
        method,
        ..Options::default()
    };
    for k in 0..census.size() {
        let lfsr = census.lfsr(k).unwrap();
        let a = analyze(&lfsr, &opts, &Sequential::new(), &Progress::new()).unwrap();
        s.add(&a).unwrap();
    }
    s
}

fn summary(census: &Census, pool: &dyn WorkerPool) -> Summary {
    census
        .summary(&WITH_STRUCTURES, pool, &Progress::new())
        .unwrap()
}

#[test]
fn the_summary_equals_every_lfsr_analyzed_alone() {
    let cases = [(2, 12), (3, 6), (4, 5), (5, 4)];
    let pool = FreshPool::new(2);
    for (q, top) in cases {
        let field = Field::new(q).unwrap();
        for d in 1..=top {
            for singular in [false, true] {
                let census = Census::new(&field, d, singular).unwrap();
                let want = one_by_one(&census);
                let got = summary(&census, &pool);
                assert_eq!(got, want, "GF({q}) degree {d}, singular {singular}");
            }
        }
    }
}

/// Gauss: the number of monic irreducibles of degree d over GF(q), (1/d) sum mu(k) q^(d/k).
fn irreducible_count(q: u128, d: u32) -> u128 {
    let mut sum: i128 = 0;
    for k in 1..=d {
        if d % k == 0 {
            sum += moebius(k) * q.pow(d / k) as i128;
        }
    }
    (sum / i128::from(d)) as u128
}

fn moebius(mut n: u32) -> i128 {
    let mut mu = 1;
    let mut p = 2;
    while p * p <= n {
        if n % p == 0 {
            n /= p;
            if n % p == 0 {
                return 0;
            }
            mu = -mu;
        }
        p += 1;
    }
    if n > 1 {
        mu = -mu;
    }
    mu
}

/// Euler's phi by trial division (independent of gf-core's factoring).
fn phi(mut n: u128) -> u128 {
    let mut result = n;
    let mut p = 2u128;
    while p * p <= n {
        if n % p == 0 {
            while n % p == 0 {
                n /= p;
            }
            result -= result / p;
        }
        p += 1;
    }
    if n > 1 {
        result -= result / n;
    }
    result
}

fn check_closed_forms(q: u64, d: u32, pool: &dyn WorkerPool) {
    let field = Field::new(q).unwrap();
    let opts = SummaryOptions::default();
    for singular in [false, true] {
        let census = Census::new(&field, d, singular).unwrap();
        let s = census.summary(&opts, pool, &Progress::new()).unwrap();
        let q = u128::from(q);
        let states = q.pow(d);
        assert_eq!(
            s.lfsrs,
            if singular {
                states
            } else {
                states - states / q
            }
        );
        assert_eq!(s.singular, if singular { states / q } else { 0 });
        // x is the one irreducible with c0 = 0, and of degree 1 only
        let x = u128::from(singular && d == 1);
        let nonsingular_irreducible = irreducible_count(q, d) - u128::from(d == 1);
        assert_eq!(s.irreducible, nonsingular_irreducible + x, "GF({q}) d {d}");
        assert_eq!(
            s.primitive,
            phi(states - 1) / u128::from(d),
            "GF({q}) d {d}"
        );
        for (name, sum) in [
            ("max periods", s.max_periods.values().sum::<u128>()),
            ("cycle counts", s.cycle_counts.values().sum()),
            ("factor patterns", s.factor_patterns.values().sum()),
        ] {
            assert_eq!(sum, s.lfsrs, "{name} of GF({q}) d {d}");
        }
        // the irreducible pattern is counted as such
        let irreducible = FactorPattern(vec![(d, 1)]);
        assert_eq!(
            s.factor_patterns.get(&irreducible).copied(),
            Some(s.irreducible)
        );
        // primitive LFSRs have the longest possible period, and nothing longer exists; only
        // they reach it (but over GF(2) in degree 1, where x has the period 1 of x + 1)
        let longest = s.max_periods.last_key_value().map(|(&p, _)| p);
        assert_eq!(longest, Some(states - 1), "GF({q}) d {d}");
        if states > 2 {
            assert_eq!(s.max_periods[&(states - 1)], s.primitive, "GF({q}) d {d}");
        }
    }
}

#[test]
fn closed_forms_for_every_field_and_degree_in_reach() {
    let pool = FreshPool::new(2);
    for (q, top) in [
        (2, 24),
        (3, 14),
        (4, 11),
        (5, 9),
        (7, 7),
        (8, 7),
        (9, 6),
        (251, 3),
    ] {
        for d in 1..=top {
            check_closed_forms(q, d, &pool);
        }
    }
}

/// Degree 32 over GF(2): 2^31 LFSRs, about 10 s in a release build (run by `.ci/run`).
#[test]
#[ignore = "slow in a debug build; .ci/run runs it in release"]
fn closed_forms_at_degree_32_over_gf2() {
    let pool = FreshPool::new(2);
    for d in 25..=32 {
        check_closed_forms(2, d, &pool);
    }
}

#[test]
fn counts_match_oeis() {
    let gf2 = Field::new(2).unwrap();
    let pool = FreshPool::new(2);
    for (n, want) in reference::oeis("A011260") {
        let census = Census::new(&gf2, n as u32, false).unwrap();
        let s = census
            .summary(&SummaryOptions::default(), &pool, &Progress::new())
            .unwrap();
        assert_eq!(s.primitive, u128::from(want), "primitive, degree {n}");
    }
    for (n, want) in reference::oeis("A001037") {
        let census = Census::new(&gf2, n as u32, true).unwrap();
        let s = census
            .summary(&SummaryOptions::default(), &pool, &Progress::new())
            .unwrap();
        assert_eq!(s.irreducible, u128::from(want), "irreducible, degree {n}");
    }
}

#[test]
fn every_pool_and_worker_count_gives_the_same_summary() {
    let field = Field::new(3).unwrap();
    let census = Census::new(&field, 9, true).unwrap();
    let want = summary(&census, &Sequential::new());
    for workers in 1..=4 {
        let pools: Vec<Box<dyn WorkerPool>> = vec![
            Box::new(FreshPool::new(workers)),
            Box::new(pool_simple::GlobalPool::new(workers)),
            Box::new(pool_idle_timeout::IdleTimeoutPool::new(
                workers,
                std::time::Duration::from_millis(20),
            )),
            Box::new(pool_scoped::OwnedPool::new(workers).unwrap()),
        ];
        for pool in &pools {
            assert_eq!(
                summary(&census, pool.as_ref()),
                want,
                "{} x{workers}",
                pool.name()
            );
        }
    }
    pool_simple::shutdown_worker_pool();
}

#[test]
fn sampled_lfsrs_of_larger_degree_fall_in_the_tallies() {
    // Degree 20 over GF(2): every sampled LFSR's max period, number of cycles, factor
    // pattern and whole cycle structure must be in the summary's tallies.
    let gf2 = Field::new(2).unwrap();
    let census = Census::new(&gf2, 20, true).unwrap();
    let s = summary(&census, &FreshPool::new(2));
    let mut sample = Summary::new(2, 20, true, true);
    let mut k: u128 = 12345;
    for _ in 0..200 {
        k = (k * 6364136223846793005 + 1442695040888963407) % census.size();
        let lfsr = census.lfsr(k).unwrap();
        let opts = Options {
            method: Method::Algebraic,
            ..Options::default()
        };
        let a = analyze(&lfsr, &opts, &Sequential::new(), &Progress::new()).unwrap();
        sample.add(&a).unwrap();
    }
    let tallies = s.cycle_structures.as_ref().unwrap();
    for key in sample.cycle_structures.as_ref().unwrap().keys() {
        assert!(tallies.contains_key(key), "cycle structure {key:?} missing");
    }
    for key in sample.factor_patterns.keys() {
        assert!(s.factor_patterns.contains_key(key), "pattern {key} missing");
    }
    for key in sample.max_periods.keys() {
        assert!(s.max_periods.contains_key(key), "max period {key} missing");
    }
    for key in sample.cycle_counts.keys() {
        assert!(
            s.cycle_counts.contains_key(key),
            "cycle count {key} missing"
        );
    }
}

#[test]
fn cancellation_stops_the_walk() {
    let gf2 = Field::new(2).unwrap();
    let census = Census::new(&gf2, 40, false).unwrap();
    let progress = Progress::new();
    let watcher = progress.clone();
    let canceller = std::thread::spawn(move || {
        while watcher.done() == 0 {
            std::thread::yield_now();
        }
        watcher.cancel();
    });
    let got = census.summary(&SummaryOptions::default(), &FreshPool::new(2), &progress);
    canceller.join().unwrap();
    assert_eq!(got, Err(CensusError::Cancelled));
    let cancelled = Progress::new();
    cancelled.cancel();
    let got = census.summary(&SummaryOptions::default(), &Sequential::new(), &cancelled);
    assert_eq!(got, Err(CensusError::Cancelled));
}

#[test]
fn progress_counts_lfsrs() {
    let gf2 = Field::new(2).unwrap();
    let census = Census::new(&gf2, 16, false).unwrap();
    let progress = Progress::new();
    census
        .summary(&SummaryOptions::default(), &FreshPool::new(2), &progress)
        .unwrap();
    assert_eq!((progress.done(), progress.total()), (1 << 15, 1 << 15));
    // Beyond 2^63 LFSRs the counters are scaled down, and still end full.
    let census = Census::new(&Field::new(3).unwrap(), 42, true).unwrap();
    let progress = Progress::new();
    let watcher = progress.clone();
    let stop = std::thread::spawn(move || {
        while watcher.total() == 0 {
            std::thread::yield_now();
        }
        let total = watcher.total();
        watcher.cancel();
        total
    });
    let _ = census.summary(&SummaryOptions::default(), &FreshPool::new(2), &progress);
    let total = stop.join().unwrap();
    assert!(total > 1 << 62, "{total}");
}

/// The number of polynomials with one factorization pattern, from Gauss's counts alone (no
/// order enters): for each degree m, choose distinct irreducibles of degree m for the
/// multiplicities listed, `I_m (I_m - 1) ... / prod (repeats of a multiplicity)!`.
fn pattern_count(pattern: &FactorPattern, available: &dyn Fn(u32) -> u128) -> u128 {
    let mut degrees: Vec<u32> = pattern.0.iter().map(|&(m, _)| m).collect();
    degrees.dedup();
    let mut count = 1u128;
    for m in degrees {
        let mus: Vec<u32> = pattern.0.iter().filter(|f| f.0 == m).map(|f| f.1).collect();
        let n = available(m);
        let k = mus.len() as u128;
        if n < k {
            return 0;
        }
        let falling: u128 = (0..k).map(|t| n - t).product();
        let mut repeats = 1u128;
        let mut distinct = mus.clone();
        distinct.dedup();
        for mu in distinct {
            let r = mus.iter().filter(|&&x| x == mu).count() as u128;
            repeats *= (1..=r).product::<u128>();
        }
        count *= falling / repeats;
    }
    count
}

#[test]
fn factor_pattern_counts_at_larger_degree_match_gauss() {
    let pool = FreshPool::new(2);
    for (q, d) in [(2u64, 22u32), (3, 12), (4, 9), (5, 8)] {
        let field = Field::new(q).unwrap();
        for singular in [false, true] {
            let census = Census::new(&field, d, singular).unwrap();
            let s = census
                .summary(&SummaryOptions::default(), &pool, &Progress::new())
                .unwrap();
            let q = u128::from(q);
            // x is one of the linear irreducibles only when singular LFSRs are included
            let available = |m: u32| {
                let all = irreducible_count(q, m);
                if m == 1 && !singular {
                    all - 1
                } else {
                    all
                }
            };
            for (pattern, &count) in &s.factor_patterns {
                let want = pattern_count(pattern, &available);
                assert_eq!(count, want, "GF({q}) d {d} singular {singular}: {pattern}");
            }
            // and no pattern with a nonzero count is missing: the counts add up
            let total: u128 = s.factor_patterns.values().sum();
            assert_eq!(total, census.size());
        }
    }
}

#[test]
fn parts_merge_to_the_whole_summary() {
    let pool = FreshPool::new(2);
    for (q, d, singular) in [(2, 16, false), (2, 20, true), (3, 8, true), (5, 5, false)] {
        let census = Census::new(&Field::new(q).unwrap(), d, singular).unwrap();
        let whole = summary(&census, &pool);
        for n in [1, 2, 3, 8, 64] {
            let parts: Vec<Summary> = (1..=n)
                .map(|k| {
                    let part = Part::new(k, n).unwrap();
                    census
                        .summary_part(&WITH_STRUCTURES, part, &pool, &Progress::new())
                        .unwrap()
                })
                .collect();
            // every part does some of the work once there are enough parts to go round
            if n <= 8 {
                assert!(parts.iter().all(|p| p.lfsrs > 0), "GF({q}) d {d} n {n}");
            }
            // each part travels as text and back exactly
            for p in &parts {
                assert_eq!(Summary::decode(&p.encode()).as_ref(), Ok(p));
            }
            // in any order
            let mut reversed = parts.clone();
            reversed.reverse();
            assert_eq!(
                census.merge(reversed).unwrap(),
                whole,
                "GF({q}) d {d} n {n}"
            );
            // the same parts on another pool
            let again = census
                .summary_part(
                    &WITH_STRUCTURES,
                    Part::new(n, n).unwrap(),
                    &Sequential::new(),
                    &Progress::new(),
                )
                .unwrap();
            assert_eq!(again, parts[n as usize - 1]);
            if n > 1 {
                // a part missing, or one twice, does not add up
                let missing = census.merge(parts[1..].to_vec());
                assert!(
                    matches!(missing, Err(CensusError::Invariant(_))),
                    "{missing:?}"
                );
                let mut twice = parts.clone();
                twice.push(parts[0].clone());
                let twice = census.merge(twice);
                assert!(matches!(twice, Err(CensusError::Invariant(_))), "{twice:?}");
            }
        }
    }
    // a part of another census is refused
    let gf2 = Field::new(2).unwrap();
    let other = Census::new(&gf2, 9, false).unwrap();
    let part = other
        .summary_part(
            &SummaryOptions::default(),
            Part::new(1, 1).unwrap(),
            &pool,
            &Progress::new(),
        )
        .unwrap();
    let census = Census::new(&gf2, 10, false).unwrap();
    assert!(matches!(
        census.merge([part]),
        Err(CensusError::Mismatch(_))
    ));
    assert!(Part::new(0, 3).is_err() && Part::new(4, 3).is_err() && Part::new(3, 3).is_ok());
}
