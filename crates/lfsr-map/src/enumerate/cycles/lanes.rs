//! Interleaved lanes: `LANES` independent walks advanced in lockstep.
//!
//! One LFSR step is a short chain of dependent instructions (~2 ns alone), so walking 8 arcs
//! (phase 1) or 8 DP-free cycles (phase 2) side by side keeps the core busy (~0.4 ns per step
//! over GF(2)) and overlaps the cache misses of the marks. Period-only mode; the full listing
//! walks one arc at a time.

use super::*;

/// Independent arcs walked in lockstep: one LFSR step is a chain of dependent instructions,
/// so interleaving `LANES` walks keeps the core busy (and overlaps the marks' cache misses).
pub(super) const LANES: usize = 8;

pub(super) fn arcs_interleaved<S: Step, const MARK: bool>(
    sh: &Shared<'_, S>,
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

/// Phase 2 with `LANES` walks in lockstep (period-only mode); stops when the scan runs dry,
/// leaving the last few states to the scalar loop. Two lanes may walk the same cycle when it
/// starts in this range twice before its marks land; [`dedup`] merges them.
pub(super) fn free_interleaved<S: Step>(
    sh: &Shared<'_, S>,
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
pub(super) fn finish_lanes<S: Step>(
    sh: &Shared<'_, S>,
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
