//! The marks: one bit per state, telling phase 2 which states phase 1 already walked.
//!
//! Marks are hints, set with a relaxed load and store (no read-modify-write): a concurrent
//! store to the same word may drop a bit, which costs a redundant walk, never a wrong answer
//! (see the [engine docs](super)). [`Delayed`] applies each mark `DELAY` steps after a
//! prefetch of its word, so a bitset far beyond the caches does not stall the walk.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use super::*;

/// One bit per state. Marks are set with a relaxed load and store (see the module docs).
pub(crate) struct Marks {
    pub(super) words: Vec<AtomicU64>,
}

impl Marks {
    pub(crate) fn new(m: u64) -> Result<Marks, EnumError> {
        let n = m.div_ceil(64) as usize;
        let mut words = Vec::new();
        words
            .try_reserve_exact(n)
            .map_err(|_| crate::enumerate::out_of_memory::<AtomicU64>(n as u64))?;
        words.extend((0..n).map(|_| AtomicU64::new(0)));
        Ok(Marks { words })
    }

    #[inline(always)]
    pub(super) fn set(&self, k: u64) {
        let w = &self.words[(k >> 6) as usize];
        w.store(w.load(Relaxed) | 1 << (k & 63), Relaxed);
    }

    /// Hints the CPU to fetch the word of state `k` (no effect on results). The crate's one
    /// `unsafe`: the mark pass of a 2^32-state walk is memory-bound without it.
    #[inline(always)]
    #[allow(unsafe_code)]
    pub(super) fn prefetch(&self, k: u64) {
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
    pub(super) fn free(&self, w: usize, lo: u64, hi: u64) -> u64 {
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
pub(super) const DELAY: usize = 64;

pub(super) struct Delayed<'a> {
    pub(super) marks: &'a Marks,
    pub(super) ring: [u64; DELAY],
    pub(super) pos: usize,
}

impl<'a> Delayed<'a> {
    pub(super) fn new(marks: &'a Marks) -> Self {
        Delayed {
            marks,
            ring: [0; DELAY],
            pos: 0,
        }
    }
    #[inline(always)]
    pub(super) fn mark(&mut self, k: u64) {
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
