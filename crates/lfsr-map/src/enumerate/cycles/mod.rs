//! The cycle engine: every cycle of a bijective step on the indices `0..m`.
//!
//! # Sequential walk
//! One bitset; scan for the lowest unmarked index, walk its cycle marking every state, repeat.
//! The scan meets each cycle first at its lowest state, so cycles come out in numbering order,
//! each listed from its lowest state.
//!
//! Used for one worker on fewer than 2^16 states.
//!
//! # Parallel walk: distinguished points
//! The indices below `m_dp = m / q^s` (states whose top s digits are zero) are *distinguished
//! points* (DPs); every cycle through a DP is cut into *arcs* that run from a DP up to, not
//! including, the next DP. Phase 1 splits the DPs into jobs; each job walks the arcs of its DPs
//! and returns (next DP, arc length, and in full mode the arc's states). Arcs partition the
//! states of DP cycles exactly, whatever the pool and the schedule, so no state is counted twice
//! and no atomic read-modify-write is needed: a long cycle (a primitive LFSR) is spread over all
//! workers. Stitching follows the `next` links from every DP in increasing order; since every
//! DP is below every other state, the first DP of a cycle is its lowest state, and the
//! concatenated arcs list the cycle from it.
//!
//! Cycles without a DP (short ones) are found in phase 2, only if phase 1 left states uncovered.
//! It needs to know which states phase 1 walked: a shared bitset of *marks*. Marking costs a
//! random read-modify-write per state, so phase 1 marks only when a probe (64 sample walks)
//! meets a cycle without DP; if the probe was wrong (a few tiny cycles, e.g. the fixed point
//! of an `x + 1` factor), stitching reports uncovered states and the arcs are walked once more,
//! marking. Before that, the engine tries the cheap way out: the caller passes the states of
//! the small primary parts of the characteristic polynomial (at most 2^16 states, closed under
//! the step), and if the cycles without DP found there hold exactly the uncovered states, phase
//! 2 is not needed at all. Phase 2 jobs over disjoint ranges of `m_dp..m` walk from every unmarked state until
//! they return to it (a DP-free cycle: record its lowest state and length) or reach a DP (a
//! state whose mark was lost: drop the walk).
//!
//! Marks are hints, written with a relaxed load and store (plain moves, no lock): a concurrent
//! store to the same word may drop a bit, which costs a redundant walk but never a wrong answer,
//! because every DP-free cycle is recorded at least once (a marked state was marked by a walk
//! that completes and records) and duplicates are merged by their lowest state, after checking
//! that they agree on the length.
//!
//! # Speed
//! One LFSR step is a short chain of dependent instructions (~2 ns on its own), so each worker
//! walks 8 arcs (or phase-2 cycles) in lockstep, which keeps the core busy (~0.4 ns per step
//! over GF(2)). Marks are applied 64 steps after a prefetch of their word, so a bitset far
//! beyond the caches does not stall the walk.
//!
//! Finally the engine checks that the cycle lengths sum to `m`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use worker_pool::{WorkerPool, WorkerPoolExt};

use super::{try_extend, try_filled, try_push, EnumError};

mod arcs;
mod free;
mod lanes;
mod marks;
mod plain;
mod stitch;

use crate::kernel::Step;
use crate::progress::Progress;
use arcs::*;
use free::*;
use lanes::*;
use marks::*;
use plain::*;
use stitch::*;

/// Progress and cancellation granularity, in states.
pub(crate) const PROGRESS_STEP: u64 = 1 << 16;

/// What to walk for: the listing or only the counts, and when to split.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Walk {
    /// List every cycle's states.
    pub full: bool,
    /// Spaces with fewer states run as one job (see `enumerate::SPLIT_MIN_STATES`).
    pub split_min_states: u64,
}

/// The cycles of a bijection on `0..m`.
pub(crate) struct Cycles {
    /// `{length: count}`.
    pub counts: BTreeMap<u64, u64>,
    /// Full mode: every cycle listed from its lowest state, cycles ordered by lowest state.
    pub listing: Option<Vec<Vec<u64>>>,
}

/// Finds every cycle of `step` on `0..m`, where `m = q^digits`.
///
/// `short` lists (on demand) the states of a step-invariant set that holds the short cycles of
/// small primary parts (possibly none); the parallel walk looks there first for cycles without
/// DP.
pub(crate) fn cycles<S: Step>(
    step: S,
    q: u64,
    digits: usize,
    short: &dyn Fn() -> Vec<u64>,
    walk: Walk,
    pool: &dyn WorkerPool,
    progress: &Progress,
) -> Result<Cycles, EnumError> {
    let Walk {
        full,
        split_min_states,
    } = walk;
    let m = q.pow(digits as u32);
    // A small space is one job on the pool, walked plainly: splitting it would cost more than
    // walking it. Otherwise the DP walk, which is also the faster one on one worker
    // (interleaved lanes, no marks for long cycles).
    let out = if m < split_min_states {
        let mut one = pool.map(1, |_| match full {
            false => sequential::<S, false>(&step, m, progress),
            true => sequential::<S, true>(&step, m, progress),
        })?;
        one.pop()
            .ok_or_else(|| EnumError::Invariant("the pool returned no result".into()))??
    } else if full {
        parallel::<S, true>(step, q, digits, short, pool, progress)?
    } else {
        parallel::<S, false>(step, q, digits, short, pool, progress)?
    };
    let total: u64 = out.counts.iter().map(|(len, n)| len * n).sum();
    if total != m {
        return Err(EnumError::Invariant(format!(
            "cycle lengths sum to {total}, expected {m} states"
        )));
    }
    Ok(out)
}

/// Batched progress reporting and cancellation checks.
struct Tick<'a> {
    progress: &'a Progress,
    pending: u64,
}

impl<'a> Tick<'a> {
    fn new(progress: &'a Progress) -> Self {
        Tick {
            progress,
            pending: 0,
        }
    }
    #[inline]
    fn add(&mut self, n: u64) -> Result<(), EnumError> {
        self.pending += n;
        if self.pending >= PROGRESS_STEP {
            self.progress.add_done(std::mem::take(&mut self.pending));
            self.check()?;
        }
        Ok(())
    }
    fn check(&self) -> Result<(), EnumError> {
        if self.progress.is_cancelled() {
            return Err(EnumError::Cancelled);
        }
        Ok(())
    }
}

impl Drop for Tick<'_> {
    fn drop(&mut self) {
        self.progress.add_done(self.pending);
    }
}

fn parallel<S: Step, const FULL: bool>(
    step: S,
    q: u64,
    digits: usize,
    short: &dyn Fn() -> Vec<u64>,
    pool: &dyn WorkerPool,
    progress: &Progress,
) -> Result<Cycles, EnumError> {
    let plan = Plan::new(q, digits, pool.workers());
    let marks = OnceLock::new();
    if probe_short_cycles(&step, &plan) {
        let _ = marks.set(Marks::new(plan.m)?);
    }
    let sh = Shared {
        step,
        marks,
        plan,
        progress,
    };
    let blocks = run_arcs::<S, FULL>(&sh, pool)?;
    let (mut counts, mut listing, covered) = stitch::<FULL>(&blocks, &plan)?;
    drop(blocks);
    let residue = if covered < plan.m && sh.marks.get().is_none() {
        lowest_in::<S, FULL>(&sh, &short(), plan.m - covered)
    } else {
        None
    };
    if let Some(found) = residue {
        progress.add_done(plan.m - covered);
        for c in found {
            *counts.entry(c.len).or_insert(0) += 1;
            if FULL {
                try_push(&mut listing, c.states.into_vec())?;
            }
        }
        listing.sort_unstable_by_key(|c| c[0]);
    } else if covered < plan.m {
        if sh.marks.get().is_none() {
            // The probe missed the DP-free cycles: walk the arcs again, marking this time.
            let _ = sh.marks.set(Marks::new(plan.m)?);
            run_arcs::<S, false>(&sh, pool)?;
            progress.sub_done(covered);
        }
        let jobs = (plan.m - plan.m_dp).div_ceil(plan.states_per_job) as usize;
        let found = pool
            .map(jobs, |j| free_job::<S, FULL>(&sh, j as u64))?
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        for c in dedup(found.into_iter().flatten().collect(), progress)? {
            *counts.entry(c.len).or_insert(0) += 1;
            if FULL {
                try_push(&mut listing, c.states.into_vec())?;
            }
        }
        listing.sort_unstable_by_key(|c| c[0]);
    }
    Ok(Cycles {
        counts,
        listing: FULL.then_some(listing),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::Kernel;
    use crate::lfsr::Lfsr;
    use gf_core::Field;
    use worker_pool::{FreshPool, Sequential};

    fn kernel(q: u64, coeffs: &[u64]) -> Kernel {
        Kernel::new(&Lfsr::new(&Field::new(q).unwrap(), coeffs.to_vec()).unwrap()).unwrap()
    }

    fn taps(d: usize, ones: &[usize]) -> Vec<u64> {
        let mut c = vec![0; d];
        ones.iter().for_each(|&i| c[i] = 1);
        c
    }

    /// The DP walk (period-only: interleaved lanes; full: scalar) equals the plain walk.
    fn same_as_plain(q: u64, coeffs: &[u64]) {
        let k = kernel(q, coeffs);
        let d = coeffs.len();
        let p = Progress::new();
        let plain = sequential::<_, true>(&k, q.pow(d as u32), &p).unwrap();
        for pool in [
            &Sequential::new() as &dyn WorkerPool,
            &FreshPool::new(2),
            &FreshPool::new(3),
        ] {
            let full = parallel::<_, true>(k.clone(), q, d, &Vec::new, pool, &p).unwrap();
            assert_eq!(full.listing, plain.listing, "q={q} {coeffs:?}");
            let counts = parallel::<_, false>(k.clone(), q, d, &Vec::new, pool, &p).unwrap();
            if coeffs == taps(16, &[0, 4, 13, 15]) {
                assert_eq!(counts.counts, BTreeMap::from([(1, 1), (65535, 1)]));
            }
            assert_eq!(counts.counts, plain.counts, "q={q} {coeffs:?}");
        }
    }

    #[test]
    fn dp_walk_equals_plain_walk_on_2_to_the_16_states() {
        same_as_plain(2, &taps(16, &[0, 4, 13, 15])); // x^16+x^15+x^13+x^4+1, primitive
        same_as_plain(2, &taps(16, &[0, 4])); // (x^4+x+1)^4: many short cycles
        same_as_plain(2, &taps(16, &[0, 3])); // a 7-cycle beside two long ones
        same_as_plain(3, &[1, 2, 0, 1, 2, 2, 0, 1, 1, 0]);
        same_as_plain(4, &[2, 1, 0, 3, 1, 0, 0, 1]);
    }

    #[test]
    fn a_missed_short_cycle_is_found_after_marking_again() {
        // x^16+x^3+1 = (x^3+x^2+1)(degree 13): cycles {1, 7, 8191, 57337}. The 7-cycle holds
        // 7 of 65536 states: the probe misses it, stitching leaves it uncovered.
        let c = taps(16, &[0, 3]);
        let k = kernel(2, &c);
        let plan = Plan::new(2, 16, 2);
        assert!(!probe_short_cycles(&k, &plan));
        let p = Progress::new();
        let out = parallel::<_, false>(k, 2, 16, &Vec::new, &FreshPool::new(2), &p).unwrap();
        let want = BTreeMap::from([(1, 1), (7, 1), (8191, 1), (57337, 1)]);
        assert_eq!(out.counts, want);
        assert_eq!(
            p.done(),
            65536,
            "the second phase-1 pass is not counted twice"
        );
    }

    #[test]
    fn marks_prefetch_changes_nothing_and_set_is_exact_alone() {
        let m = Marks::new(200).unwrap();
        for k in (0..300).chain([u64::MAX]) {
            m.prefetch(k); // in range or not: a hint only
        }
        assert_eq!(m.free(0, 0, 64), !0);
        let mut d = Delayed::new(&m);
        for k in [70, 130, 199] {
            d.mark(k);
        }
        drop(d);
        assert_eq!(m.free(1, 64, 128), !(1u64 << 6));
        assert_eq!(m.free(2, 128, 192), !(1u64 << 2));
        assert_eq!(m.free(3, 192, 200), 0x7f);
        assert_eq!(m.free(0, 0, 64), !1, "empty slots mark state 0, a DP");
    }

    #[test]
    fn the_short_set_replaces_the_marking_pass_only_when_it_covers_the_rest() {
        let c = taps(16, &[0, 3]); // cycles {1, 7, 8191, 57337}
        let k = kernel(2, &c);
        let plan = Plan::new(2, 16, 2);
        let sh = Shared {
            step: k,
            marks: OnceLock::new(),
            plan,
            progress: &Progress::new(),
        };
        // The 8 states of period dividing 7 (the x^3+x^2+1 part), found by brute force.
        let short: Vec<u64> = (0..1u64 << 16)
            .filter(|&s| {
                let mut t = s;
                (0..7).for_each(|_| t = sh.step.next(t));
                t == s
            })
            .collect();
        assert_eq!(short.len(), 8);
        let found = lowest_in::<_, true>(&sh, &short, 7).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].len, found[0].states.len()), (7, 7));
        assert_eq!(found[0].min, *found[0].states.iter().min().unwrap());
        assert!(
            lowest_in::<_, false>(&sh, &short, 8).is_none(),
            "must cover exactly"
        );
        assert!(lowest_in::<_, false>(&sh, &[], 7).is_none());
    }

    #[test]
    fn cancellation_stops_every_path() {
        let k = kernel(2, &taps(16, &[0, 4, 13, 15]));
        let p = Progress::new();
        p.cancel();
        let r = sequential::<_, false>(&k, 1 << 16, &p);
        assert!(matches!(r, Err(EnumError::Cancelled)));
        let r = parallel::<_, false>(k, 2, 16, &Vec::new, &FreshPool::new(2), &p);
        assert!(matches!(r, Err(EnumError::Cancelled)));
    }
}
