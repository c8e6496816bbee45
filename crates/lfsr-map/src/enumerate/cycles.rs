//! The cycle engine: every cycle of a bijective step on the indices `0..m`.
//!
//! # Sequential walk
//! One bitset; scan for the lowest unmarked index, walk its cycle marking every state, repeat.
//! The scan meets each cycle first at its lowest state, so cycles come out in numbering order,
//! each listed from its lowest state.
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
//! Cycles without a DP (short ones) are found in phase 2, only if phase 1 left states uncovered:
//! phase 1 marked every state it walked in a shared bitset, and jobs over disjoint ranges of
//! `m_dp..m` walk from every unmarked state until they return to it (a DP-free cycle: record its
//! lowest state and length) or reach a DP (a state whose mark was lost, see below: drop the walk).
//! Marks are hints, written with a relaxed load and store (plain moves, no lock): a concurrent
//! store to the same word may drop a bit, which costs a redundant walk but never a wrong answer,
//! because every DP-free cycle is recorded at least once (a marked state was marked by a walk
//! that completes and records) and duplicates are merged by their lowest state, after checking
//! that they agree on the length.
//!
//! Finally the engine checks that the cycle lengths sum to `m`.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;

use worker_pool::{WorkerPool, WorkerPoolExt};

use super::EnumError;
use crate::kernel::Step;
use crate::progress::Progress;

/// Progress and cancellation granularity, in states.
pub(crate) const BATCH: u64 = 1 << 16;

/// The cycles of a bijection on `0..m`.
pub(crate) struct Cycles {
    /// `{length: count}`.
    pub counts: BTreeMap<u64, u64>,
    /// Full mode: every cycle listed from its lowest state, cycles ordered by lowest state.
    pub listing: Option<Vec<Vec<u64>>>,
}

/// Finds every cycle of `step` on `0..m`, where `m = q^digits`.
pub(crate) fn cycles<S: Step>(
    step: S,
    q: u64,
    digits: usize,
    full: bool,
    pool: &dyn WorkerPool,
    progress: &Progress,
) -> Result<Cycles, EnumError> {
    let m = q.pow(digits as u32);
    let out = match (pool.workers() > 1, full) {
        (false, false) => sequential::<S, false>(&step, m, progress)?,
        (false, true) => sequential::<S, true>(&step, m, progress)?,
        (true, false) => parallel::<S, false>(step, q, digits, pool, progress)?,
        (true, true) => parallel::<S, true>(step, q, digits, pool, progress)?,
    };
    let total: u64 = out.counts.iter().map(|(len, n)| len * n).sum();
    if total != m {
        return Err(EnumError::Invariant(format!(
            "cycle lengths sum to {total}, expected {m} states"
        )));
    }
    Ok(out)
}

/// One bit per state. Marks are set with a relaxed load and store (see the module docs).
pub(crate) struct Marks {
    words: Vec<AtomicU64>,
}

impl Marks {
    pub(crate) fn new(m: u64) -> Result<Marks, EnumError> {
        let n = m.div_ceil(64) as usize;
        let mut words = Vec::new();
        words
            .try_reserve_exact(n)
            .map_err(|_| super::out_of_memory(m))?;
        words.extend((0..n).map(|_| AtomicU64::new(0)));
        Ok(Marks { words })
    }

    #[inline(always)]
    fn set(&self, k: u64) {
        let w = &self.words[(k >> 6) as usize];
        w.store(w.load(Relaxed) | 1 << (k & 63), Relaxed);
    }

    /// The unmarked states of word `w` within `lo..hi`.
    #[inline]
    fn free(&self, w: usize, lo: u64, hi: u64) -> u64 {
        let base = (w as u64) << 6;
        if lo >= base + 64 {
            return 0;
        }
        let below_hi = if hi >= base + 64 {
            !0
        } else {
            (1u64 << (hi - base)) - 1
        };
        let from_lo = if lo <= base { !0 } else { !0 << (lo - base) };
        !self.words[w].load(Relaxed) & below_hi & from_lo
    }
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
        if self.pending >= BATCH {
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

fn sequential<S: Step, const FULL: bool>(
    step: &S,
    m: u64,
    progress: &Progress,
) -> Result<Cycles, EnumError> {
    let marks = Marks::new(m)?;
    let mut tick = Tick::new(progress);
    let mut counts = BTreeMap::new();
    let mut listing = Vec::new();
    for w in 0..marks.words.len() {
        loop {
            let free = marks.free(w, 0, m);
            if free == 0 {
                break;
            }
            let start = ((w as u64) << 6) | free.trailing_zeros() as u64;
            let mut states = Vec::new();
            let len = walk_cycle::<S, FULL>(step, start, &marks, &mut states, &mut tick)?;
            *counts.entry(len).or_insert(0) += 1;
            if FULL {
                listing.push(states);
            }
        }
    }
    Ok(Cycles {
        counts,
        listing: FULL.then_some(listing),
    })
}

/// Walks the whole cycle of `start`, marking (and in full mode listing) its states.
fn walk_cycle<S: Step, const FULL: bool>(
    step: &S,
    start: u64,
    marks: &Marks,
    states: &mut Vec<u64>,
    tick: &mut Tick,
) -> Result<u64, EnumError> {
    let mut t = start;
    let mut len = 0;
    loop {
        let mut n = 0;
        loop {
            marks.set(t);
            if FULL {
                states.push(t);
            }
            t = step.next(t);
            n += 1;
            if t == start || n == BATCH {
                break;
            }
        }
        len += n;
        tick.add(n)?;
        if t == start {
            return Ok(len);
        }
    }
}

/// How the parallel walk splits the work.
#[derive(Clone, Copy, Debug)]
struct Plan {
    m: u64,
    /// DPs are `0..m_dp`.
    m_dp: u64,
    dp_per_job: u64,
    states_per_job: u64,
}

impl Plan {
    fn new(q: u64, digits: usize, workers: usize) -> Plan {
        let m = q.pow(digits as u32);
        // Arcs of about min(1024, sqrt(m)) states: few DPs to stitch, few DP-free cycles.
        let target = 1024.min(1u64 << (64 - m.leading_zeros()).div_ceil(2));
        let mut arc = 1;
        let mut s = 0;
        while s < digits && arc * q <= target {
            arc *= q;
            s += 1;
        }
        let states_per_job = (m / (16 * workers as u64)).clamp(64, 1 << 18);
        Plan {
            m,
            m_dp: m / arc,
            dp_per_job: (states_per_job / arc).max(1),
            states_per_job,
        }
    }
}

struct Shared<S> {
    step: S,
    marks: Marks,
    plan: Plan,
    progress: Progress,
}

/// Phase-1 output of one job: the arcs of DPs `j * dp_per_job ..`.
struct ArcBlock {
    next: Vec<u64>,
    len: Vec<u64>,
    /// Full mode: the arcs' states, concatenated.
    states: Vec<u64>,
}

/// A cycle without DP found in phase 2.
struct FreeCycle {
    min: u64,
    len: u64,
    /// Full mode: listed from `min`.
    states: Vec<u64>,
}

fn parallel<S: Step, const FULL: bool>(
    step: S,
    q: u64,
    digits: usize,
    pool: &dyn WorkerPool,
    progress: &Progress,
) -> Result<Cycles, EnumError> {
    let plan = Plan::new(q, digits, pool.workers());
    let sh = Arc::new(Shared {
        step,
        marks: Marks::new(plan.m)?,
        plan,
        progress: progress.clone(),
    });
    let jobs = plan.m_dp.div_ceil(plan.dp_per_job) as usize;
    let job_sh = Arc::clone(&sh);
    let blocks = pool
        .map(jobs, move |j| arcs_job::<S, FULL>(&job_sh, j as u64))?
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    let (mut counts, mut listing, covered) = stitch::<FULL>(&blocks, &plan)?;
    drop(blocks);
    if covered < plan.m {
        let jobs = (plan.m - plan.m_dp).div_ceil(plan.states_per_job) as usize;
        let job_sh = Arc::clone(&sh);
        let found = pool
            .map(jobs, move |j| free_job::<S, FULL>(&job_sh, j as u64))?
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        for c in dedup(found.into_iter().flatten().collect(), progress)? {
            *counts.entry(c.len).or_insert(0) += 1;
            if FULL {
                listing.push(c.states);
            }
        }
        listing.sort_unstable_by_key(|c| c[0]);
    }
    Ok(Cycles {
        counts,
        listing: FULL.then_some(listing),
    })
}

/// Phase 1: the arcs starting at the DPs of job `j`.
fn arcs_job<S: Step, const FULL: bool>(sh: &Shared<S>, j: u64) -> Result<ArcBlock, EnumError> {
    let Plan {
        m_dp, dp_per_job, ..
    } = sh.plan;
    let mut tick = Tick::new(&sh.progress);
    tick.check()?;
    let dps = j * dp_per_job..((j + 1) * dp_per_job).min(m_dp);
    let mut block = ArcBlock {
        next: Vec::with_capacity(dps.end as usize - dps.start as usize),
        len: Vec::with_capacity(dps.end as usize - dps.start as usize),
        states: Vec::new(),
    };
    for p in dps {
        if FULL {
            block.states.push(p);
        }
        let mut len = 1;
        let mut t = sh.step.next(p);
        while t >= m_dp {
            sh.marks.set(t);
            if FULL {
                block.states.push(t);
            }
            len += 1;
            t = sh.step.next(t);
            if len % BATCH == 0 {
                tick.check()?;
            }
        }
        block.next.push(t);
        block.len.push(len);
        tick.add(len)?;
    }
    Ok(block)
}

type Stitched = (BTreeMap<u64, u64>, Vec<Vec<u64>>, u64);

/// Joins the arcs into cycles; returns the counts, the listing (full mode) and the number of
/// states covered.
fn stitch<const FULL: bool>(blocks: &[ArcBlock], plan: &Plan) -> Result<Stitched, EnumError> {
    let per = plan.dp_per_job as usize;
    let at = |p: u64| (&blocks[p as usize / per], p as usize % per);
    let offsets: Vec<Vec<usize>> = if FULL {
        blocks
            .iter()
            .map(|b| {
                b.len
                    .iter()
                    .scan(0usize, |o, &l| {
                        let start = *o;
                        *o += l as usize;
                        Some(start)
                    })
                    .collect()
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut seen = vec![false; plan.m_dp as usize];
    let (mut counts, mut listing, mut covered) = (BTreeMap::new(), Vec::new(), 0);
    for p in 0..plan.m_dp {
        if seen[p as usize] {
            continue;
        }
        let (mut c, mut total, mut states) = (p, 0, Vec::new());
        loop {
            seen[c as usize] = true;
            let (b, i) = at(c);
            total += b.len[i];
            if FULL {
                let o = offsets[c as usize / per][i];
                states.extend_from_slice(&b.states[o..o + b.len[i] as usize]);
            }
            c = b.next[i];
            if c == p {
                break;
            }
            if seen[c as usize] {
                return Err(EnumError::Invariant(format!(
                    "arc chain from {p} merges into another cycle at {c}"
                )));
            }
        }
        covered += total;
        *counts.entry(total).or_insert(0) += 1;
        if FULL {
            listing.push(states);
        }
    }
    Ok((counts, listing, covered))
}

/// Phase 2: the DP-free cycles through unmarked states of job `j`'s range.
fn free_job<S: Step, const FULL: bool>(
    sh: &Shared<S>,
    j: u64,
) -> Result<Vec<FreeCycle>, EnumError> {
    let Plan {
        m,
        m_dp,
        states_per_job,
        ..
    } = sh.plan;
    let mut tick = Tick::new(&sh.progress);
    tick.check()?;
    let lo = m_dp + j * states_per_job;
    let hi = (lo + states_per_job).min(m);
    let mut found = Vec::new();
    let mut states = Vec::new();
    for w in (lo >> 6) as usize..=((hi - 1) >> 6) as usize {
        let mut from = lo;
        loop {
            let free = sh.marks.free(w, from, hi);
            if free == 0 {
                break;
            }
            let s = ((w as u64) << 6) | free.trailing_zeros() as u64;
            from = s + 1;
            states.clear();
            let (mut t, mut min, mut len) = (s, s, 0u64);
            loop {
                sh.marks.set(t);
                if FULL {
                    states.push(t);
                }
                min = min.min(t);
                len += 1;
                t = sh.step.next(t);
                if t == s || t < m_dp {
                    break;
                }
                if len % BATCH == 0 {
                    tick.check()?;
                }
            }
            if t == s {
                if FULL {
                    let at = states.iter().position(|&x| x == min).unwrap_or(0);
                    states.rotate_left(at);
                }
                found.push(FreeCycle {
                    min,
                    len,
                    states: if FULL { states.clone() } else { Vec::new() },
                });
                tick.add(len)?;
            }
        }
    }
    Ok(found)
}

/// Merges cycles found more than once (same lowest state), checking that they agree.
fn dedup(mut found: Vec<FreeCycle>, progress: &Progress) -> Result<Vec<FreeCycle>, EnumError> {
    found.sort_unstable_by_key(|c| c.min);
    let mut out: Vec<FreeCycle> = Vec::with_capacity(found.len());
    for c in found {
        match out.last() {
            Some(prev) if prev.min == c.min => {
                if prev.len != c.len || prev.states != c.states {
                    return Err(EnumError::Invariant(format!(
                        "cycle through {} found with lengths {} and {}",
                        c.min, prev.len, c.len
                    )));
                }
                progress.sub_done(c.len);
            }
            _ => out.push(c),
        }
    }
    Ok(out)
}
