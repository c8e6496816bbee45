//! The plain walk: one bitset, scan for the lowest unmarked state, walk its cycle marking every
//! state, repeat. The scan meets each cycle first at its lowest state, so cycles come out in
//! numbering order, each listed from its lowest state. Used for spaces below the split
//! threshold, as one job.

use super::*;

pub(super) fn sequential<S: Step, const FULL: bool>(
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
                try_push(&mut listing, states)?;
            }
        }
    }
    Ok(Cycles {
        counts,
        listing: FULL.then_some(listing),
    })
}

/// Walks the whole cycle of `start`, marking (and in full mode listing) its states.
pub(super) fn walk_cycle<S: Step, const FULL: bool>(
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
                try_push(states, t)?;
            }
            t = step.next(t);
            n += 1;
            if t == start || n == PROGRESS_STEP {
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
