//! `analyze` by method: enumeration and algebra agree on random LFSRs (singular ones
//! included) over GF(2), GF(3), GF(4), GF(5), GF(7), GF(8), GF(9) with q^d <= 2^16; the
//! refusals (memory limit, a listing without enumeration) come before any work; cancellation.

use gf_core::Field;
use lfsr_map::analysis::{analyze, Analysis, AnalysisError, Method, MethodUsed, Options};
use lfsr_map::lfsr::{Lfsr, LfsrError};
use lfsr_map::progress::Progress;
use num_bigint::BigUint;
use proptest::prelude::*;
use worker_pool::{FreshPool, Sequential, WorkerPool};

fn run(lfsr: &Lfsr, method: Method, full: bool, pool: &dyn WorkerPool) -> Analysis {
    let opts = Options {
        method,
        full,
        ..Options::default()
    };
    analyze(lfsr, &opts, pool, &Progress::new()).unwrap()
}

/// q^d <= 2^16, c0 = 0 a quarter of the time.
fn lfsr() -> impl Strategy<Value = Lfsr> {
    prop::sample::select(vec![2u64, 3, 4, 5, 7, 8, 9])
        .prop_flat_map(|q| {
            let max_d = (1..).take_while(|&d| q.pow(d) <= 1 << 16).last().unwrap() as usize;
            (Just(q), prop::collection::vec(0..q, 1..=max_d), 0..4u8)
        })
        .prop_map(|(q, mut coeffs, kind)| {
            if kind == 0 {
                coeffs[0] = 0;
            }
            Lfsr::new(&Field::new(q).unwrap(), coeffs).unwrap()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// `analyze` itself checks enumeration against algebra (an Invariant error otherwise);
    /// here the three reports must also be identical but for the method and the listing.
    #[test]
    fn enumeration_equals_algebra(lfsr in lfsr()) {
        let pool = FreshPool::new(2);
        let algebraic = run(&lfsr, Method::Algebraic, false, &pool);
        prop_assert_eq!(algebraic.method, MethodUsed::Algebraic);
        let counted = run(&lfsr, Method::Enumerate, false, &pool);
        prop_assert_eq!(counted.method, MethodUsed::Enumerate);
        prop_assert!(counted.sequences.is_none());
        let listed = run(&lfsr, Method::Auto, true, &pool);
        let seqs = listed.sequences.clone().unwrap();
        let cyclic: u64 = seqs.iter().map(|s| s.states.len() as u64).sum();
        let transient = listed.transients.as_ref().map_or(0, Vec::len) as u64;
        prop_assert_eq!(BigUint::from(cyclic + transient), listed.state_count.clone());
        for report in [counted, listed] {
            let report = Analysis {
                method: MethodUsed::Algebraic,
                sequences: None,
                transients: None,
                ..report
            };
            prop_assert_eq!(&report, &algebraic);
        }
    }
}

#[test]
fn auto_without_listing_never_enumerates() {
    let lfsr = Lfsr::new(&Field::new(2).unwrap(), vec![1, 1, 0, 1]).unwrap();
    let progress = Progress::new();
    let a = analyze(&lfsr, &Options::default(), &Sequential::new(), &progress).unwrap();
    assert_eq!(a.method, MethodUsed::Algebraic);
    assert!(a.sequences.is_none() && a.transients.is_none());
    assert_eq!((progress.done(), progress.total()), (0, 0));
}

fn degree_127() -> Lfsr {
    let mut c = vec![0; 127];
    c[0] = 1;
    c[1] = 1; // x^127 + x + 1
    Lfsr::new(&Field::new(2).unwrap(), c).unwrap()
}

#[test]
fn too_large_enumeration_is_refused_with_its_memory_need() {
    let lfsr = degree_127();
    for (method, full) in [
        (Method::Enumerate, false),
        (Method::Enumerate, true),
        (Method::Auto, true),
    ] {
        let opts = Options {
            method,
            full,
            ..Options::default()
        };
        let err = analyze(&lfsr, &opts, &Sequential::new(), &Progress::new()).unwrap_err();
        match &err {
            AnalysisError::TooLarge {
                bytes_needed,
                limit,
            } => {
                // a bitset alone needs 2^127 / 8 bytes
                assert!(*bytes_needed >= BigUint::from(1u32) << 124u32, "{err}");
                assert_eq!(*limit, 4 << 30);
                assert!(err.to_string().contains(&bytes_needed.to_string()), "{err}");
            }
            other => panic!("expected TooLarge, got {other:?}"),
        }
    }
    // the limit is the caller's: 2^20 states fit 4 GiB but not 1 KiB
    let small = Lfsr::new(&Field::new(2).unwrap(), vec![1; 20]).unwrap();
    let opts = Options {
        method: Method::Enumerate,
        full: false,
        memory_limit: 1024,
    };
    let err = analyze(&small, &opts, &Sequential::new(), &Progress::new()).unwrap_err();
    assert!(
        matches!(err, AnalysisError::TooLarge { limit: 1024, .. }),
        "{err:?}"
    );
}

#[test]
fn algebraic_listing_is_an_error() {
    let opts = Options {
        method: Method::Algebraic,
        full: true,
        ..Options::default()
    };
    let lfsr = Lfsr::new(&Field::new(3).unwrap(), vec![1, 2]).unwrap();
    let err = analyze(&lfsr, &opts, &Sequential::new(), &Progress::new()).unwrap_err();
    assert!(
        matches!(err, AnalysisError::ListingNeedsEnumeration),
        "{err:?}"
    );
}

#[test]
fn cancelled_progress_stops_every_method() {
    let lfsr = Lfsr::new(&Field::new(2).unwrap(), vec![1, 1, 0, 1]).unwrap();
    let progress = Progress::new();
    progress.cancel();
    for (method, full) in [
        (Method::Auto, false),
        (Method::Enumerate, false),
        (Method::Auto, true),
    ] {
        let opts = Options {
            method,
            full,
            ..Options::default()
        };
        let err = analyze(&lfsr, &opts, &Sequential::new(), &progress).unwrap_err();
        assert!(matches!(err, AnalysisError::Cancelled), "{err:?}");
    }
}

#[test]
fn enumeration_reports_progress() {
    let lfsr = Lfsr::new(&Field::new(2).unwrap(), vec![1; 12]).unwrap();
    let progress = Progress::new();
    let opts = Options {
        method: Method::Enumerate,
        ..Options::default()
    };
    analyze(&lfsr, &opts, &Sequential::new(), &progress).unwrap();
    assert_eq!((progress.done(), progress.total()), (4096, 4096));
}

#[test]
fn absurd_degrees_are_refused_before_any_work() {
    // Degree 60 000 over GF(2) is above the limit (50 000, set by the gf2x algebra); the
    // degree limit refuses it at construction (below it, the all-zero register's tail counts
    // are refused by the algebra's own TailsTooLarge guard, tested in algebra_big.rs).
    let err = Lfsr::new(&Field::new(2).unwrap(), vec![0; 60_000]);
    assert!(
        matches!(
            err,
            Err(LfsrError::TooLarge {
                degree: 60_000,
                limit: 50_000
            })
        ),
        "{err:?}"
    );
    let err = Lfsr::new(&Field::new(3).unwrap(), vec![1; 1025]);
    assert!(
        matches!(
            err,
            Err(LfsrError::TooLarge {
                degree: 1025,
                limit: 1024
            })
        ),
        "{err:?}"
    );
    assert!(Lfsr::new(&Field::new(3).unwrap(), vec![1; 1024]).is_ok());
}
