//! Stitching: the arcs of phase 1 joined into cycles.
//!
//! Following the `next` links from every DP in increasing order finds each DP cycle once, at its
//! lowest DP, which is its lowest state (every DP is below every other state), so the
//! concatenated arcs list the cycle from it. States not covered are left to phase 2.

use super::*;

pub(super) type Stitched = (BTreeMap<u64, u64>, Vec<Vec<u64>>, u64);

/// Joins the arcs into cycles; returns the counts, the listing (full mode) and the number of
/// states covered.
pub(super) fn stitch<const FULL: bool>(
    blocks: &[ArcBlock],
    plan: &Plan,
) -> Result<Stitched, EnumError> {
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
    let mut seen = try_filled(plan.m_dp as usize, false)?;
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
                try_extend(&mut states, &b.states[o..o + b.len[i] as usize])?;
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
            try_push(&mut listing, states)?;
        }
    }
    Ok((counts, listing, covered))
}
