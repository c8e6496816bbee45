//! Every known answer of the reference (`lfsr-conventions.md`, sections 6 and 6b) through
//! `enumerate`, sequentially and on two fresh threads.

mod reference;

use gf_core::Field;
use lfsr_map::enumerate::{enumerate, Enumeration, Mode};
use lfsr_map::lfsr::Lfsr;
use lfsr_map::progress::Progress;
use reference::{zeros_after, Row};
use worker_pool::{FreshPool, Sequential, WorkerPool};

fn run(q: u64, coeffs: &[u64], mode: Mode, pool: &dyn WorkerPool) -> Enumeration {
    let lfsr = Lfsr::new(&Field::new(q).unwrap(), coeffs.to_vec()).unwrap();
    enumerate(&lfsr, mode, pool, &Progress::new()).unwrap()
}

/// Checks the cycle structure and tails on both pools and both modes; returns the sequential
/// full run.
fn check(row: &Row) -> Enumeration {
    let (q, coeffs) = (row.q, &row.coeffs[..]);
    let want = row.cycle_map();
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
    assert_eq!(seq.tails, row.tail_map(), "tails of q={q} {coeffs:?}");
    let seqs = seq.sequences.as_ref().unwrap();
    let listed: u64 = seqs.iter().map(|s| s.period).sum();
    assert_eq!(listed + seq.transient_states, q.pow(coeffs.len() as u32));
    seq
}

#[test]
fn section_6_table() {
    reference::section_6().iter().for_each(|r| _ = check(r));
}

#[test]
fn section_6b_table() {
    for r in reference::section_6b() {
        let e = check(&r);
        if r.coeffs == zeros_after(&[1], 16) {
            assert_eq!(e.cycles.values().sum::<u64>(), 4116); // OEIS A000031
        }
    }
}

/// `check` on the reference row with these coefficients.
fn check_row(q: u64, coeffs: &[u64]) -> Enumeration {
    check(&reference::find(q, coeffs))
}

fn listing(e: &Enumeration) -> Vec<Vec<u64>> {
    e.sequences
        .as_ref()
        .unwrap()
        .iter()
        .map(|s| s.states.clone())
        .collect()
}

/// The cycles of section 6's exact listing for this LFSR, as state indices.
fn exact(q: u64, coeffs: &[u64]) -> Vec<Vec<u64>> {
    let cycles = reference::exact_cycles(q, coeffs);
    let indices = |c: &Vec<Vec<u64>>| c.iter().map(|s| reference::state_index(q, s)).collect();
    cycles.iter().map(indices).collect()
}

#[test]
fn exact_sequences_in_order() {
    let e = check_row(2, &[1, 1]);
    assert_eq!(listing(&e), exact(2, &[1, 1]));
    let e = check_row(2, &[1, 1, 0]);
    assert_eq!(listing(&e)[1], exact(2, &[1, 1, 0])[1]);
    let e = check_row(2, &[1, 1, 0, 1]);
    assert_eq!(listing(&e), exact(2, &[1, 1, 0, 1]));
    let numbers: Vec<u64> = e.sequences.unwrap().iter().map(|s| s.number).collect();
    assert_eq!(numbers, vec![1, 2, 3, 4, 5, 6]);
    let e = check_row(3, &[1, 2]);
    assert_eq!(listing(&e)[1], exact(3, &[1, 2])[1]);
}

#[test]
fn singular_examples_with_tails() {
    let e = check_row(2, &[0, 0]);
    // `check` compares the tails with the table.
    assert_eq!(e.transient_states, 3);
    assert_eq!(e.max_tail, 2);

    let e = check_row(2, &[0, 1, 1]);
    assert_eq!(e.transient_states, 4);
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

    let e = check_row(2, &[0, 1, 1, 0]);
    assert_eq!((e.transient_states, e.max_tail), (8, 1));

    let e = check_row(2, &[0, 0, 0, 0]);
    assert_eq!(e.max_tail, 4);
    assert!(e.transients.unwrap().iter().all(|t| t.sequence == 1));
}
