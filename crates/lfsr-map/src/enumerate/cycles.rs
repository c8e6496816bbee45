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
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, OnceLock};

use worker_pool::{WorkerPool, WorkerPoolExt};

use super::EnumError;
use crate::kernel::Step;
use crate::progress::Progress;

/// Progress and cancellation granularity, in states.
pub(crate) const BATCH: u64 = 1 << 16;

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
        let progress = progress.clone();
        let mut one = pool.map(1, move |_| match full {
            false => sequential::<S, false>(&step, m, &progress),
            true => sequential::<S, true>(&step, m, &progress),
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

    /// Hints the CPU to fetch the word of state `k` (no effect on results).
    #[inline(always)]
    fn prefetch(&self, k: u64) {
        #[cfg(target_arch = "x86_64")]
        if let Some(w) = self.words.get((k >> 6) as usize) {
            // SAFETY: `_mm_prefetch` only needs SSE, which every x86_64 CPU has; a prefetch
            // never faults and does not change memory, and `w` is a live element anyway.
            unsafe {
                std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                    w.as_ptr() as *const i8
                )
            }
        }
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

/// Marks applied `DELAY` steps after their state was computed, with a prefetch at that time:
/// a mark is a read-modify-write of a random word, and beyond the caches the CPU would
/// otherwise wait for the line. State 0 fills the empty slots: it is a DP, never scanned.
const DELAY: usize = 64;

struct Delayed<'a> {
    marks: &'a Marks,
    ring: [u64; DELAY],
    pos: usize,
}

impl<'a> Delayed<'a> {
    fn new(marks: &'a Marks) -> Self {
        Delayed {
            marks,
            ring: [0; DELAY],
            pos: 0,
        }
    }
    #[inline(always)]
    fn mark(&mut self, k: u64) {
        self.marks.prefetch(k);
        let old = std::mem::replace(&mut self.ring[self.pos], k);
        self.pos = (self.pos + 1) % DELAY;
        self.marks.set(old);
    }
}

impl Drop for Delayed<'_> {
    fn drop(&mut self) {
        self.ring.iter().for_each(|&k| self.marks.set(k));
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
    /// Phase-1 marks, allocated only when DP-free cycles are expected or were found.
    marks: OnceLock<Marks>,
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
    /// Full mode: listed from `min` (empty otherwise; 16 bytes).
    states: Box<[u64]>,
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
    let sh = Arc::new(Shared {
        step,
        marks,
        plan,
        progress: progress.clone(),
    });
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
                listing.push(c.states.into_vec());
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
        let job_sh = Arc::clone(&sh);
        let found = pool
            .map(jobs, move |j| free_job::<S, FULL>(&job_sh, j as u64))?
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        for c in dedup(found.into_iter().flatten().collect(), progress)? {
            *counts.entry(c.len).or_insert(0) += 1;
            if FULL {
                listing.push(c.states.into_vec());
            }
        }
        listing.sort_unstable_by_key(|c| c[0]);
    }
    Ok(Cycles {
        counts,
        listing: FULL.then_some(listing),
    })
}

/// The cycles without DP among the states `short`, if they hold exactly the `uncovered`
/// states phase 1 missed (then no marking pass is needed). A state is recorded when the walk
/// from it returns before meeting a lower state: it is the lowest state of a cycle without DP
/// (every DP is lower than every other state). The walks stop at the first lower state.
/// The recorded cycles are distinct true cycles without DP whatever `short` holds, so if
/// their lengths add up to `uncovered` they are all of them.
fn lowest_in<S: Step, const FULL: bool>(
    sh: &Shared<S>,
    short: &[u64],
    uncovered: u64,
) -> Option<Vec<FreeCycle>> {
    let mut starts: Vec<u64> = short
        .iter()
        .copied()
        .filter(|&v| v >= sh.plan.m_dp)
        .collect();
    starts.sort_unstable();
    starts.dedup(); // distinct starts: no cycle is recorded twice
    let mut found = Vec::new();
    let mut total = 0;
    for v in starts {
        let (mut t, mut len) = (sh.step.next(v), 1);
        while t > v {
            t = sh.step.next(t);
            len += 1;
        }
        if t == v {
            let states = if FULL {
                std::iter::successors(Some(v), |&x| Some(sh.step.next(x)))
                    .take(len as usize)
                    .collect()
            } else {
                Box::default()
            };
            found.push(FreeCycle {
                min: v,
                len,
                states,
            });
            total += len;
        }
    }
    (total == uncovered).then_some(found)
}

/// Whether some of 64 sample states lie on cycles without DP (or with DPs more than 64 arcs
/// apart); only then does phase 1 pay for marking. A miss is caught after stitching.
fn probe_short_cycles<S: Step>(step: &S, plan: &Plan) -> bool {
    if plan.m_dp == plan.m {
        return false;
    }
    let span = plan.m - plan.m_dp;
    let cap = 64 * (plan.m / plan.m_dp);
    (0..64u64).any(|i| {
        let s = plan.m_dp + i.wrapping_mul(0x9E37_79B9_7F4A_7C15) % span;
        let (mut t, mut n) = (step.next(s), 1);
        while t >= plan.m_dp && t != s && n < cap {
            t = step.next(t);
            n += 1;
        }
        t >= plan.m_dp
    })
}

/// Phase 1 over all DPs, with or without marking as `sh.marks` says.
fn run_arcs<S: Step, const FULL: bool>(
    sh: &Arc<Shared<S>>,
    pool: &dyn WorkerPool,
) -> Result<Vec<ArcBlock>, EnumError> {
    let jobs = sh.plan.m_dp.div_ceil(sh.plan.dp_per_job) as usize;
    let job_sh = Arc::clone(sh);
    pool.map(jobs, move |j| match job_sh.marks.get() {
        Some(marks) => arcs_job::<S, FULL, true>(&job_sh, marks, j as u64),
        None => arcs_job::<S, FULL, false>(&job_sh, &Marks { words: Vec::new() }, j as u64),
    })?
    .into_iter()
    .collect()
}

/// Phase 1: the arcs starting at the DPs of job `j`.
fn arcs_job<S: Step, const FULL: bool, const MARK: bool>(
    sh: &Shared<S>,
    marks: &Marks,
    j: u64,
) -> Result<ArcBlock, EnumError> {
    let Plan {
        m_dp, dp_per_job, ..
    } = sh.plan;
    let mut tick = Tick::new(&sh.progress);
    tick.check()?;
    let dps = j * dp_per_job..((j + 1) * dp_per_job).min(m_dp);
    let n = (dps.end - dps.start) as usize;
    let mut block = ArcBlock {
        next: vec![0; n],
        len: vec![0; n],
        states: Vec::new(),
    };
    if FULL {
        for (i, p) in dps.enumerate() {
            (block.next[i], block.len[i]) =
                walk_arc::<S, FULL, MARK>(sh, marks, p, &mut block.states, &mut tick)?;
        }
    } else {
        arcs_interleaved::<S, MARK>(sh, marks, dps, &mut block, &mut tick)?;
    }
    Ok(block)
}

/// Walks the arc from DP `p`; returns (next DP, arc length).
#[inline(always)]
fn walk_arc<S: Step, const FULL: bool, const MARK: bool>(
    sh: &Shared<S>,
    marks: &Marks,
    p: u64,
    states: &mut Vec<u64>,
    tick: &mut Tick,
) -> Result<(u64, u64), EnumError> {
    if FULL {
        states.push(p);
    }
    finish_arc::<S, FULL, MARK>(sh, marks, sh.step.next(p), 1, states, tick)
}

/// Continues an arc that has `len` states and is at `t`; returns (next DP, arc length).
#[inline(always)]
fn finish_arc<S: Step, const FULL: bool, const MARK: bool>(
    sh: &Shared<S>,
    marks: &Marks,
    mut t: u64,
    mut len: u64,
    states: &mut Vec<u64>,
    tick: &mut Tick,
) -> Result<(u64, u64), EnumError> {
    while t >= sh.plan.m_dp {
        if MARK {
            marks.set(t);
        }
        if FULL {
            states.push(t);
        }
        len += 1;
        t = sh.step.next(t);
        if len % BATCH == 0 {
            tick.check()?;
        }
    }
    tick.add(len)?;
    Ok((t, len))
}

/// Independent arcs walked in lockstep: one LFSR step is a chain of dependent instructions,
/// so interleaving `LANES` walks keeps the core busy (and overlaps the marks' cache misses).
const LANES: usize = 8;

fn arcs_interleaved<S: Step, const MARK: bool>(
    sh: &Shared<S>,
    marks: &Marks,
    dps: std::ops::Range<u64>,
    block: &mut ArcBlock,
    tick: &mut Tick,
) -> Result<(), EnumError> {
    let (m_dp, base) = (sh.plan.m_dp, dps.start);
    let mut feed = dps;
    let mut start = [0u64; LANES];
    let mut t = [0u64; LANES];
    let mut len = [0u64; LANES];
    let mut live = [false; LANES];
    if feed.end - feed.start >= LANES as u64 {
        for l in 0..LANES {
            let p = feed.next().unwrap_or_default();
            (start[l], t[l], len[l], live[l]) = (p, sh.step.next(p), 1, true);
        }
    }
    let mut rounds = 0u32;
    let mut delayed = MARK.then(|| Delayed::new(marks));
    // Every lane is live in this loop; it ends when the feed runs dry.
    while live[0] {
        let mut finished = false;
        for l in 0..LANES {
            let x = t[l];
            if x >= m_dp {
                if let Some(d) = delayed.as_mut() {
                    d.mark(x);
                }
                t[l] = sh.step.next(x);
                len[l] += 1;
            } else {
                finished = true;
            }
        }
        if finished {
            let mut dry = false;
            for l in 0..LANES {
                if t[l] < m_dp && !dry {
                    let i = (start[l] - base) as usize;
                    (block.next[i], block.len[i]) = (t[l], len[l]);
                    tick.add(len[l])?;
                    match feed.next() {
                        Some(p) => (start[l], t[l], len[l]) = (p, sh.step.next(p), 1),
                        None => (live[l], dry) = (false, true),
                    }
                }
            }
            if dry {
                break;
            }
        }
        rounds = rounds.wrapping_add(1);
        if rounds % (1 << 14) == 0 {
            tick.check()?;
        }
    }
    // Finish the lanes still in flight, then (short ranges) every DP one by one.
    for l in (0..LANES).filter(|&l| live[l]) {
        let i = (start[l] - base) as usize;
        (block.next[i], block.len[i]) =
            finish_arc::<S, false, MARK>(sh, marks, t[l], len[l], &mut Vec::new(), tick)?;
    }
    for p in feed {
        let i = (p - base) as usize;
        (block.next[i], block.len[i]) =
            walk_arc::<S, false, MARK>(sh, marks, p, &mut Vec::new(), tick)?;
    }
    Ok(())
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
    let marks = sh
        .marks
        .get()
        .ok_or_else(|| EnumError::Invariant("phase 2 without marks".into()))?;
    let mut tick = Tick::new(&sh.progress);
    tick.check()?;
    let lo = m_dp + j * states_per_job;
    let mut scan = Scanner {
        marks,
        from: lo,
        hi: (lo + states_per_job).min(m),
    };
    let mut found = Vec::new();
    if !FULL {
        free_interleaved(sh, &mut scan, &mut found, &mut tick)?;
    }
    let mut states = Vec::new();
    for s in scan {
        states.clear();
        let (mut t, mut min, mut len) = (s, s, 0u64);
        loop {
            marks.set(t);
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
                states: if FULL {
                    states[..].into()
                } else {
                    Box::default()
                },
            });
            tick.add(len)?;
        }
    }
    Ok(found)
}

/// The unmarked states of `from..hi` in increasing order, re-reading the marks as it goes
/// (states marked by walks in flight are skipped).
struct Scanner<'a> {
    marks: &'a Marks,
    from: u64,
    hi: u64,
}

impl Iterator for Scanner<'_> {
    type Item = u64;
    fn next(&mut self) -> Option<u64> {
        while self.from < self.hi {
            let w = (self.from >> 6) as usize;
            let free = self.marks.free(w, self.from, self.hi);
            if free != 0 {
                let s = ((w as u64) << 6) | free.trailing_zeros() as u64;
                self.from = s + 1;
                return Some(s);
            }
            self.from = ((w as u64) + 1) << 6;
        }
        None
    }
}

/// Phase 2 with `LANES` walks in lockstep (period-only mode); stops when the scan runs dry,
/// leaving the last few states to the scalar loop. Two lanes may walk the same cycle when it
/// starts in this range twice before its marks land; [`dedup`] merges them.
fn free_interleaved<S: Step>(
    sh: &Shared<S>,
    scan: &mut Scanner,
    found: &mut Vec<FreeCycle>,
    tick: &mut Tick,
) -> Result<(), EnumError> {
    let m_dp = sh.plan.m_dp;
    let marks = scan.marks;
    let mut start = [0u64; LANES];
    let mut t = [0u64; LANES];
    let mut min = [0u64; LANES];
    let mut len = [0u64; LANES];
    let begin = |s: u64| {
        marks.set(s);
        (s, sh.step.next(s), s, 1)
    };
    let mut active = [true; LANES];
    for l in 0..LANES {
        match scan.next() {
            Some(s) => (start[l], t[l], min[l], len[l]) = begin(s),
            None => {
                active[l..].fill(false);
                return finish_lanes(sh, &active, [&start, &t, &min, &len], found);
            }
        }
    }
    let mut rounds = 0u32;
    let mut delayed = Delayed::new(marks);
    loop {
        let mut finished = false;
        for l in 0..LANES {
            let x = t[l];
            if x != start[l] && x >= m_dp {
                delayed.mark(x);
                min[l] = min[l].min(x);
                len[l] += 1;
                t[l] = sh.step.next(x);
            } else {
                finished = true;
            }
        }
        if finished {
            for l in 0..LANES {
                if t[l] == start[l] || t[l] < m_dp {
                    if t[l] == start[l] {
                        found.push(FreeCycle {
                            min: min[l],
                            len: len[l],
                            states: Box::default(),
                        });
                        tick.add(len[l])?;
                    }
                    match scan.next() {
                        Some(s) => (start[l], t[l], min[l], len[l]) = begin(s),
                        None => {
                            active[l] = false;
                            return finish_lanes(sh, &active, [&start, &t, &min, &len], found);
                        }
                    }
                }
            }
        }
        rounds = rounds.wrapping_add(1);
        if rounds % (1 << 14) == 0 {
            tick.check()?;
        }
    }
}

/// Walks the `active` lanes (`[start, t, min, len]`) to their end, one by one, recording
/// the cycles they close.
fn finish_lanes<S: Step>(
    sh: &Shared<S>,
    active: &[bool; LANES],
    [start, t, min, len]: [&[u64; LANES]; 4],
    found: &mut Vec<FreeCycle>,
) -> Result<(), EnumError> {
    let m_dp = sh.plan.m_dp;
    let marks = sh
        .marks
        .get()
        .ok_or_else(|| EnumError::Invariant("phase 2 without marks".into()))?;
    for l in (0..LANES).filter(|&l| active[l]) {
        let (mut x, mut lo, mut n) = (t[l], min[l], len[l]);
        while x != start[l] && x >= m_dp {
            marks.set(x);
            lo = lo.min(x);
            n += 1;
            x = sh.step.next(x);
        }
        if x == start[l] {
            found.push(FreeCycle {
                min: lo,
                len: n,
                states: Box::default(),
            });
            sh.progress.add_done(n);
        }
    }
    Ok(())
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
            progress: Progress::new(),
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
