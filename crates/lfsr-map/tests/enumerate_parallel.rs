//! Random LFSRs: `enumerate` equals a brute-force oracle built on `Lfsr::step` alone, the
//! parallel runs equal the sequential one (full listing, numbering included) on every pool
//! strategy with 1..=4 workers, and every state appears exactly once.
//!
//! Spaces this small normally run as one job (`SPLIT_MIN_STATES`); the pooled runs here also
//! go through `enumerate_split(.., 0)`, which splits them, so the parallel engine is what
//! these properties check.

use std::collections::BTreeMap;

use gf_core::Field;
use lfsr_map::enumerate::{enumerate, enumerate_split, Enumeration, Mode};
use lfsr_map::lfsr::Lfsr;
use lfsr_map::progress::Progress;
use proptest::prelude::*;
use worker_pool::{FreshPool, Sequential, WorkerPool};

/// Brute force: successor table from field arithmetic, cyclic states as the limit of the
/// images `succ(succ(...(all)))`, cycles listed from their lowest state, tails by walking.
fn oracle(lfsr: &Lfsr) -> Enumeration {
    let q = lfsr.field().q();
    let n = q.pow(lfsr.degree() as u32);
    let succ: Vec<u64> = (0..n)
        .map(|k| lfsr.state_to_index(&lfsr.step(&lfsr.index_to_state(k))))
        .collect();
    let mut cyclic = vec![true; n as usize];
    loop {
        let mut image = vec![false; n as usize];
        (0..n)
            .filter(|&k| cyclic[k as usize])
            .for_each(|k| image[succ[k as usize] as usize] = true);
        if image == cyclic {
            break;
        }
        cyclic = image;
    }
    let mut number = vec![0u64; n as usize];
    let mut sequences = Vec::new();
    let mut cycles = BTreeMap::new();
    for k in 0..n {
        if cyclic[k as usize] && number[k as usize] == 0 {
            let mut states = vec![k];
            let mut t = succ[k as usize];
            while t != k {
                states.push(t);
                t = succ[t as usize];
            }
            sequences.push(states);
            let id = sequences.len() as u64;
            sequences[id as usize - 1]
                .iter()
                .for_each(|&s| number[s as usize] = id);
            *cycles
                .entry(sequences[id as usize - 1].len() as u64)
                .or_insert(0) += 1;
        }
    }
    let mut tails = BTreeMap::new();
    let mut transients = Vec::new();
    for k in (0..n).filter(|&k| !cyclic[k as usize]) {
        let (mut t, mut s) = (0, k);
        while !cyclic[s as usize] {
            s = succ[s as usize];
            t += 1;
        }
        *tails.entry(t).or_insert(0) += 1;
        transients.push(lfsr_map::analysis::Transient {
            state: k,
            sequence: number[s as usize],
            tail: t,
        });
    }
    Enumeration {
        cycles,
        transient_states: transients.len() as u64,
        max_tail: tails.keys().next_back().copied().unwrap_or(0),
        tails,
        sequences: Some(
            sequences
                .into_iter()
                .zip(1..)
                .map(|(states, number)| lfsr_map::analysis::Sequence {
                    number,
                    period: states.len() as u64,
                    states,
                })
                .collect(),
        ),
        transients: Some(transients),
    }
}

fn pools(workers: usize) -> Vec<Box<dyn WorkerPool>> {
    vec![
        Box::new(FreshPool::new(workers)),
        Box::new(pool_simple::GlobalPool::new(workers)),
        Box::new(pool_idle_timeout::IdleTimeoutPool::with_workers(workers)),
        Box::new(pool_scoped::OwnedPool::new(workers).unwrap()),
    ]
}

/// A random LFSR with q^d <= 2^14 over one of the fields of the issue; singular ones included.
fn lfsr_strategy() -> impl Strategy<Value = Lfsr> {
    prop::sample::select(vec![2u64, 3, 4, 5, 7, 8, 9])
        .prop_flat_map(|q| {
            let max_d = (14.0 / (q as f64).log2()).floor() as usize;
            (Just(q), prop::collection::vec(0..q, 1..=max_d))
        })
        .prop_map(|(q, c)| Lfsr::new(&Field::new(q).unwrap(), c).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn parallel_equals_sequential_equals_oracle(lfsr in lfsr_strategy()) {
        let want = oracle(&lfsr);
        let progress = Progress::new();
        let seq = enumerate(&lfsr, Mode::Full, &Sequential::new(), &progress).unwrap();
        prop_assert_eq!(&seq, &want);
        prop_assert_eq!(progress.done(), progress.total());
        let periods = enumerate(&lfsr, Mode::PeriodOnly, &Sequential::new(), &progress).unwrap();
        prop_assert_eq!(&periods.cycles, &want.cycles);
        prop_assert_eq!(&periods.tails, &want.tails);
        for workers in 1..=4 {
            for pool in pools(workers) {
                let par = enumerate(&lfsr, Mode::Full, pool.as_ref(), &Progress::new()).unwrap();
                prop_assert_eq!(&par, &want, "{} x{}", pool.name(), workers);
                let split = enumerate_split(&lfsr, Mode::Full, pool.as_ref(), &Progress::new(), 0);
                prop_assert_eq!(&split.unwrap(), &want, "split, {} x{}", pool.name(), workers);
            }
        }
    }

    #[test]
    fn every_state_appears_exactly_once(lfsr in lfsr_strategy(), workers in 1usize..=4) {
        let n = lfsr.field().q().pow(lfsr.degree() as u32);
        let pool = FreshPool::new(workers);
        let e = enumerate_split(&lfsr, Mode::Full, &pool, &Progress::new(), 0).unwrap();
        let mut count = vec![0u8; n as usize];
        for s in e.sequences.unwrap() {
            prop_assert_eq!(s.period, s.states.len() as u64);
            s.states.iter().for_each(|&k| count[k as usize] += 1);
        }
        e.transients.unwrap().iter().for_each(|t| count[t.state as usize] += 1);
        prop_assert!(count.iter().all(|&c| c == 1));
    }
}

#[test]
fn many_cycles_and_one_long_cycle_on_every_pool() {
    // x^14 + x^2 + 1 = (x^7+x+1)^2: 1 cycle of 127 and 64 of 254 beside the zero state;
    // x^15 + x + 1 is primitive (one cycle of 32767 states).
    for coeffs in [
        {
            let mut c = vec![0u64; 14];
            c[0] = 1;
            c[2] = 1;
            c
        },
        {
            let mut c = vec![0u64; 15];
            c[0] = 1;
            c[1] = 1;
            c
        },
    ] {
        let lfsr = Lfsr::new(&Field::new(2).unwrap(), coeffs).unwrap();
        let seq = enumerate(&lfsr, Mode::Full, &Sequential::new(), &Progress::new()).unwrap();
        let longest = *seq.cycles.keys().next_back().unwrap();
        assert!(longest == 254 || longest == 32767, "{:?}", seq.cycles);
        for workers in 2..=4 {
            for pool in pools(workers) {
                let par = enumerate_split(&lfsr, Mode::Full, pool.as_ref(), &Progress::new(), 0);
                assert_eq!(par.unwrap(), seq, "{} x{}", pool.name(), workers);
            }
        }
    }
}

#[test]
fn concurrent_enumerations_share_one_pool() {
    // Several analyses at once from different threads on the same pool, each checked against
    // its own sequential run.
    let pool: std::sync::Arc<dyn WorkerPool> =
        std::sync::Arc::new(pool_scoped::OwnedPool::new(2).unwrap());
    let lfsrs: Vec<Lfsr> = [
        (
            2u64,
            vec![1u64, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        ),
        (3, vec![1, 2, 0, 1, 0, 2, 1, 0, 1]),
        (4, vec![2, 1, 0, 3, 1, 0, 1]),
        (2, vec![0, 1, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1]),
    ]
    .into_iter()
    .map(|(q, c)| Lfsr::new(&Field::new(q).unwrap(), c).unwrap())
    .collect();
    let handles: Vec<_> = lfsrs
        .into_iter()
        .map(|lfsr| {
            let pool = std::sync::Arc::clone(&pool);
            std::thread::spawn(move || {
                let par = enumerate(&lfsr, Mode::Full, pool.as_ref(), &Progress::new());
                let seq = enumerate(&lfsr, Mode::Full, &Sequential::new(), &Progress::new());
                assert_eq!(par.unwrap(), seq.unwrap(), "{lfsr:?}");
            })
        })
        .collect();
    handles.into_iter().for_each(|h| h.join().unwrap());
}

#[test]
fn cancelling_from_another_thread_stops_a_long_run() {
    // x^22 + x + 1 (2^22 states): far longer than the moment it takes to cancel.
    let mut c = vec![0u64; 22];
    c[0] = 1;
    c[1] = 1;
    let lfsr = Lfsr::new(&Field::new(2).unwrap(), c).unwrap();
    let progress = Progress::new();
    let canceller = {
        let progress = progress.clone();
        std::thread::spawn(move || {
            while progress.done() == 0 {
                std::thread::yield_now();
            }
            progress.cancel();
        })
    };
    let r = enumerate(&lfsr, Mode::Full, &FreshPool::new(2), &progress);
    canceller.join().unwrap();
    assert_eq!(r, Err(lfsr_map::enumerate::EnumError::Cancelled));
    assert!(progress.done() < progress.total());
}
