//! Every known answer of the reference (`lfsr-conventions.md`, sections 6 and 6b) through
//! `enumerate`, sequentially and on two fresh threads.

use std::collections::BTreeMap;

use gf_core::Field;
use lfsr_map::enumerate::{enumerate, Enumeration, Mode};
use lfsr_map::lfsr::Lfsr;
use lfsr_map::progress::Progress;
use worker_pool::{FreshPool, Sequential, WorkerPool};

fn run(q: u64, coeffs: &[u64], mode: Mode, pool: &dyn WorkerPool) -> Enumeration {
    let lfsr = Lfsr::new(&Field::new(q).unwrap(), coeffs.to_vec()).unwrap();
    enumerate(&lfsr, mode, pool, &Progress::new()).unwrap()
}

/// Checks the cycle structure on both pools and both modes; returns the sequential full run.
fn check(q: u64, coeffs: &[u64], cycles: &[(u64, u64)]) -> Enumeration {
    let want: BTreeMap<u64, u64> = cycles.iter().copied().collect();
    let seq = run(q, coeffs, Mode::Full, &Sequential::new());
    for (mode, pool) in [
        (Mode::PeriodOnly, &Sequential::new() as &dyn WorkerPool),
        (Mode::PeriodOnly, &FreshPool::new(2)),
        (Mode::Full, &FreshPool::new(2)),
    ] {
        let e = run(q, coeffs, mode, pool);
        assert_eq!(
            e.cycles,
            want,
            "q={q} {coeffs:?} {mode:?} on {}",
            pool.name()
        );
        assert_eq!(e.tails, seq.tails);
        if mode == Mode::Full {
            assert_eq!(e, seq, "parallel full listing differs: q={q} {coeffs:?}");
        }
    }
    assert_eq!(seq.cycles, want, "q={q} {coeffs:?}");
    let seqs = seq.sequences.as_ref().unwrap();
    let listed: u64 = seqs.iter().map(|s| s.period).sum();
    assert_eq!(listed + seq.transient_states, q.pow(coeffs.len() as u32));
    seq
}

fn bits(s: &str) -> Vec<u64> {
    s.split(',').map(|c| c.trim().parse().unwrap()).collect()
}

#[test]
fn section_6_table() {
    check(2, &bits("1,1,0,1"), &[(1, 2), (2, 1), (3, 2), (6, 1)]);
    check(2, &bits("1,0,1,1"), &[(1, 2), (7, 2)]);
    check(2, &bits("1,1,0"), &[(1, 1), (7, 1)]);
    check(2, &bits("1,1"), &[(1, 1), (3, 1)]);
    check(2, &bits("1,0,0,1,0"), &[(1, 1), (31, 1)]);
    check(3, &bits("1,2,1"), &[(1, 3), (4, 6)]);
    check(5, &bits("1,3,2,1"), &[(1, 1), (3, 8), (12, 50)]);
    check(2, &bits("1,0,0,1"), &[(1, 1), (15, 1)]);
    check(2, &bits("1,1,1,1"), &[(1, 1), (5, 3)]);
    check(2, &bits("1,0,0,0"), &[(1, 2), (2, 1), (4, 3)]);
    check(3, &bits("1,2"), &[(1, 1), (8, 1)]);
    check(3, &bits("1,2,0"), &[(1, 1), (2, 1), (8, 3)]);
    check(5, &bits("1,3,2"), &[(1, 5), (6, 20)]);
    check(2, &[1; 10], &[(1, 1), (11, 93)]);
    check(2, &bits("1,1,0,0,1,0,1,0,0,0,0,0"), &[(1, 1), (4095, 1)]);
    check(
        2,
        &bits("1,0,1,0,0,1,1,0,0,0,0,0"),
        &[1, 7, 15, 31, 105, 217, 465, 3255].map(|p| (p, 1)),
    );
    check(
        2,
        &bits("1,0,0,0,0,0,1,0,0,0,1,0,0,0"),
        &[(1, 2), (2, 1), (63, 2), (126, 129)],
    );
    let mut c = vec![0; 16];
    c[0] = 1;
    c[3] = 1;
    check(2, &c, &[(1, 1), (7, 1), (8191, 1), (57337, 1)]);
    let mut c = vec![0; 16];
    c[0] = 1;
    c[1] = 1;
    check(2, &c, &[(1, 1), (85, 3), (255, 256)]);
    check(
        2,
        &bits("1,1,1,0,0,0,0,0,1,1"),
        &[
            (1, 2),
            (2, 1),
            (3, 2),
            (4, 3),
            (6, 1),
            (8, 30),
            (12, 3),
            (24, 30),
        ],
    );
}

#[test]
fn section_6b_table() {
    check(2, &bits("1,0,1,0"), &[(1, 1), (3, 1), (6, 2)]);
    check(2, &bits("1,0,0,0,1"), &[(1, 1), (3, 1), (7, 1), (21, 1)]);
    check(2, &bits("1,1,0,0,1,0"), &[(1, 2), (3, 2), (7, 2), (21, 2)]);
    check(
        2,
        &bits("1,1,0,0,0,0,1,0,1"),
        &[(1, 1), (3, 1), (7, 1), (15, 4), (21, 1), (105, 4)],
    );
    check(3, &bits("2,2,0"), &[(1, 3), (8, 3)]);
    check(
        2,
        &bits("1,1,1,0,0,0,0,0,1,1,0,1,1,1,0"),
        &[(1, 1), (1057, 31)],
    );
    check(2, &bits("1,0,1,0,0,0"), &[(1, 1), (7, 1), (14, 4)]);
    check(3, &bits("2,0,1,0"), &[(1, 1), (4, 2), (12, 6)]);
    check(2, &bits("1,1,0,1,1,0,0,0"), &[(1, 1), (51, 5)]);
    check(2, &bits("1,0,0,1,0,0"), &[(1, 1), (9, 7)]);
    check(2, &bits("1,1,1,1,1"), &[(1, 2), (3, 2), (6, 4)]);
    let mut c = vec![0; 16];
    c[0] = 1;
    let e = check(2, &c, &[(1, 2), (2, 1), (4, 3), (8, 30), (16, 4080)]);
    assert_eq!(e.cycles.values().sum::<u64>(), 4116);
    check(3, &bits("1,0,0,0"), &[(1, 3), (2, 3), (4, 18)]);
    check(3, &bits("1,0,0,0,0,0"), &[(1, 3), (2, 3), (3, 8), (6, 116)]);
    check(5, &bits("3,1"), &[(1, 1), (24, 1)]);
    check(3, &bits("1,0,0,1"), &[(1, 1), (80, 1)]);
    check(7, &bits("2,3"), &[(1, 1), (48, 1)]);
    check(4, &bits("2,1"), &[(1, 1), (15, 1)]);
    check(4, &bits("1,1"), &[(1, 1), (3, 5)]);
    check(4, &bits("1,0"), &[(1, 4), (2, 6)]);
    check(4, &bits("1,0,0"), &[(1, 4), (3, 20)]);
    check(4, &bits("2,1,1"), &[(1, 1), (63, 1)]);
}

fn listing(e: &Enumeration) -> Vec<Vec<u64>> {
    e.sequences
        .as_ref()
        .unwrap()
        .iter()
        .map(|s| s.states.clone())
        .collect()
}

/// `(0,1,1)` style tuples to indices (coordinate 0 fastest).
fn idx(q: u64, states: &[&[u64]]) -> Vec<u64> {
    states
        .iter()
        .map(|s| s.iter().rev().fold(0, |a, &x| a * q + x))
        .collect()
}

#[test]
fn exact_sequences_in_order() {
    let e = check(2, &[1, 1], &[(1, 1), (3, 1)]);
    assert_eq!(
        listing(&e),
        vec![idx(2, &[&[0, 0]]), idx(2, &[&[1, 0], &[0, 1], &[1, 1]])]
    );
    let e = check(2, &[1, 1, 0], &[(1, 1), (7, 1)]);
    assert_eq!(
        listing(&e)[1],
        idx(
            2,
            &[
                &[1, 0, 0],
                &[0, 0, 1],
                &[0, 1, 0],
                &[1, 0, 1],
                &[0, 1, 1],
                &[1, 1, 1],
                &[1, 1, 0]
            ]
        )
    );
    let e = check(2, &[1, 1, 0, 1], &[(1, 2), (2, 1), (3, 2), (6, 1)]);
    let want: Vec<Vec<u64>> = vec![
        idx(2, &[&[0, 0, 0, 0]]),
        idx(
            2,
            &[
                &[1, 0, 0, 0],
                &[0, 0, 0, 1],
                &[0, 0, 1, 1],
                &[0, 1, 1, 1],
                &[1, 1, 1, 0],
                &[1, 1, 0, 0],
            ],
        ),
        idx(2, &[&[0, 1, 0, 0], &[1, 0, 0, 1], &[0, 0, 1, 0]]),
        idx(2, &[&[1, 0, 1, 0], &[0, 1, 0, 1]]),
        idx(2, &[&[0, 1, 1, 0], &[1, 1, 0, 1], &[1, 0, 1, 1]]),
        idx(2, &[&[1, 1, 1, 1]]),
    ];
    assert_eq!(listing(&e), want);
    let numbers: Vec<u64> = e.sequences.unwrap().iter().map(|s| s.number).collect();
    assert_eq!(numbers, vec![1, 2, 3, 4, 5, 6]);
    let e = check(3, &[1, 2], &[(1, 1), (8, 1)]);
    assert_eq!(
        listing(&e)[1],
        idx(
            3,
            &[
                &[1, 0],
                &[0, 1],
                &[1, 2],
                &[2, 2],
                &[2, 0],
                &[0, 2],
                &[2, 1],
                &[1, 1]
            ]
        )
    );
}

#[test]
fn singular_examples_with_tails() {
    let e = check(2, &[0, 0], &[(1, 1)]);
    assert_eq!(e.transient_states, 3);
    assert_eq!(e.tails, BTreeMap::from([(1, 1), (2, 2)]));
    assert_eq!(e.max_tail, 2);

    let e = check(2, &[0, 1, 1], &[(1, 1), (3, 1)]);
    assert_eq!(e.transient_states, 4);
    assert_eq!(e.tails, BTreeMap::from([(1, 4)]));
    // x(x^2+x+1): cycles {0} and the 3-cycle through (0,0,1) = 4; every transient state has
    // a successor on a cycle.
    let seqs = e.sequences.as_ref().unwrap();
    assert_eq!(seqs[1].states, vec![3, 5, 6]);
    for t in e.transients.as_ref().unwrap() {
        let succ = (t.state >> 1) | ((((t.state >> 1) ^ (t.state >> 2)) & 1) << 2);
        assert!(
            seqs[t.sequence as usize - 1].states.contains(&succ),
            "{t:?}"
        );
    }

    let e = check(2, &[0, 1, 1, 0], &[(1, 1), (7, 1)]);
    assert_eq!((e.transient_states, e.max_tail), (8, 1));

    let e = check(2, &[0, 0, 0, 0], &[(1, 1)]);
    assert_eq!(e.tails, BTreeMap::from([(1, 1), (2, 2), (3, 4), (4, 8)]));
    assert!(e.transients.unwrap().iter().all(|t| t.sequence == 1));
}
