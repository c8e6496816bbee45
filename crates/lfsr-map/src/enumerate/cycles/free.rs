//! Phase 2: the cycles without a distinguished point (short cycles phase 1 cannot see).
//!
//! First the cheap way: [`lowest_in`] walks the caller's small step-invariant set of states;
//! if the DP-free cycles found there hold exactly the uncovered states, phase 2 is done.
//! Otherwise jobs over disjoint ranges of `m_dp..m` walk from every unmarked state
//! ([`Scanner`]) until it returns (a DP-free cycle: its lowest state and length) or meets a
//! DP (a lost mark: dropped). Cycles found twice are merged by [`dedup`], which checks that
//! they agree.

use super::*;

/// A cycle without DP found in phase 2.
pub(super) struct FreeCycle {
    pub(super) min: u64,
    pub(super) len: u64,
    /// Full mode: listed from `min` (empty otherwise; 16 bytes).
    pub(super) states: Box<[u64]>,
}

/// The cycles without DP among the states `short`, if they hold exactly the `uncovered`
/// states phase 1 missed (then no marking pass is needed). A state is recorded when the walk
/// from it returns before meeting a lower state: it is the lowest state of a cycle without DP
/// (every DP is lower than every other state). The walks stop at the first lower state.
/// The recorded cycles are distinct true cycles without DP whatever `short` holds, so if
/// their lengths add up to `uncovered` they are all of them.
pub(super) fn lowest_in<S: Step, const FULL: bool>(
    sh: &Shared<'_, S>,
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

/// Phase 2: the DP-free cycles through unmarked states of job `j`'s range.
pub(super) fn free_job<S: Step, const FULL: bool>(
    sh: &Shared<'_, S>,
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
    let mut tick = Tick::new(sh.progress);
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
            if len % PROGRESS_STEP == 0 {
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
pub(super) struct Scanner<'a> {
    pub(super) marks: &'a Marks,
    pub(super) from: u64,
    pub(super) hi: u64,
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

/// Merges cycles found more than once (same lowest state), checking that they agree.
pub(super) fn dedup(
    mut found: Vec<FreeCycle>,
    progress: &Progress,
) -> Result<Vec<FreeCycle>, EnumError> {
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
