//! Phase 1 of the parallel walk: the arcs between distinguished points (DPs).
//!
//! The states below `m_dp` are DPs; [`Plan`] splits them into jobs, and each job walks the arc
//! from each of its DPs up to (not including) the next DP, returning an [`ArcBlock`] (next DP,
//! arc length, and in full mode the arc's states). Arcs partition the states of the cycles
//! through DPs exactly, whatever the schedule. A probe decides up front whether phase 1 must
//! also mark its states for phase 2 ([`super::free`]).

use super::*;

/// How the parallel walk splits the work.
#[derive(Clone, Copy, Debug)]
pub(super) struct Plan {
    pub(super) m: u64,
    /// DPs are `0..m_dp`.
    pub(super) m_dp: u64,
    pub(super) dp_per_job: u64,
    pub(super) states_per_job: u64,
}

impl Plan {
    pub(super) fn new(q: u64, digits: usize, workers: usize) -> Plan {
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

/// What every job of the parallel walk reads: borrowed by the jobs for the length of each
/// pool call (`execute` returns only when they are done).
pub(super) struct Shared<'p, S> {
    pub(super) step: S,
    /// Phase-1 marks, allocated only when DP-free cycles are expected or were found.
    pub(super) marks: OnceLock<Marks>,
    pub(super) plan: Plan,
    pub(super) progress: &'p Progress,
}

/// Phase-1 output of one job: the arcs of DPs `j * dp_per_job ..`.
pub(super) struct ArcBlock {
    pub(super) next: Vec<u64>,
    pub(super) len: Vec<u64>,
    /// Full mode: the arcs' states, concatenated.
    pub(super) states: Vec<u64>,
}

/// Whether some of 64 sample states lie on cycles without DP (or with DPs more than 64 arcs
/// apart); only then does phase 1 pay for marking. A miss is caught after stitching.
pub(super) fn probe_short_cycles<S: Step>(step: &S, plan: &Plan) -> bool {
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
pub(super) fn run_arcs<S: Step, const FULL: bool>(
    sh: &Shared<'_, S>,
    pool: &dyn WorkerPool,
) -> Result<Vec<ArcBlock>, EnumError> {
    let jobs = sh.plan.m_dp.div_ceil(sh.plan.dp_per_job) as usize;
    let no_marks = Marks { words: Vec::new() };
    pool.map(jobs, |j| match sh.marks.get() {
        Some(marks) => arcs_job::<S, FULL, true>(sh, marks, j as u64),
        None => arcs_job::<S, FULL, false>(sh, &no_marks, j as u64),
    })?
    .into_iter()
    .collect()
}

/// Phase 1: the arcs starting at the DPs of job `j`.
pub(super) fn arcs_job<S: Step, const FULL: bool, const MARK: bool>(
    sh: &Shared<'_, S>,
    marks: &Marks,
    j: u64,
) -> Result<ArcBlock, EnumError> {
    let Plan {
        m_dp, dp_per_job, ..
    } = sh.plan;
    let mut tick = Tick::new(sh.progress);
    tick.check()?;
    let dps = j * dp_per_job..((j + 1) * dp_per_job).min(m_dp);
    let n = (dps.end - dps.start) as usize;
    let mut block = ArcBlock {
        next: try_filled(n, 0)?,
        len: try_filled(n, 0)?,
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
pub(super) fn walk_arc<S: Step, const FULL: bool, const MARK: bool>(
    sh: &Shared<'_, S>,
    marks: &Marks,
    p: u64,
    states: &mut Vec<u64>,
    tick: &mut Tick,
) -> Result<(u64, u64), EnumError> {
    if FULL {
        try_push(states, p)?;
    }
    finish_arc::<S, FULL, MARK>(sh, marks, sh.step.next(p), 1, states, tick)
}

/// Continues an arc that has `len` states and is at `t`; returns (next DP, arc length).
#[inline(always)]
pub(super) fn finish_arc<S: Step, const FULL: bool, const MARK: bool>(
    sh: &Shared<'_, S>,
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
            try_push(states, t)?;
        }
        len += 1;
        t = sh.step.next(t);
        if len % PROGRESS_STEP == 0 {
            tick.check()?;
        }
    }
    tick.add(len)?;
    Ok((t, len))
}
