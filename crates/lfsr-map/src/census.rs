//! The census: every LFSR of one degree over GF(q), summarized without visiting each one.
//!
//! A census of degree `d` covers the `(q - 1) q^(d-1)` LFSRs with `c0 != 0`, or all `q^d`
//! with singular ones included. Its rows are numbered `k = 0, 1, ...` with `c0` varying
//! fastest ([`Census::coefficients`]), and each row is what [`analyze`](crate::analyze) gives
//! for that LFSR.
//!
//! [`Census::summary`] does not analyze the LFSRs one by one. The cycle structure of an LFSR
//! depends only on the degrees, orders and multiplicities of the irreducible factors of its
//! characteristic polynomial, and the number of monic irreducibles of degree `m` and order
//! `e` is `phi(e) / m` (for every `e | q^m - 1` of multiplicative order `m`). So the summary
//! walks the *factorization types* (which classes, with which multiplicities), builds each
//! type's cycle structure once along the way, and counts how many polynomials have it. For
//! degree 32 over GF(2) that is about 3 million types for 2^31 LFSRs; the walk is split
//! across the pool's workers.
//!
//! ```
//! use gf_core::Field;
//! use lfsr_map::census::{Census, SummaryOptions};
//! use lfsr_map::progress::Progress;
//! use worker_pool::Sequential;
//!
//! let census = Census::new(&Field::new(2)?, 4, false)?;
//! assert_eq!(census.size(), 8);
//! assert_eq!(census.coefficients(0), Some(vec![1, 0, 0, 0])); // x^4 + 1 = (x + 1)^4
//! let s = census.summary(&SummaryOptions::default(), &Sequential::new(), &Progress::new())?;
//! // x^4 + x + 1 and x^4 + x^3 + 1 are primitive; x^4 + x^3 + x^2 + x + 1 is irreducible too.
//! assert_eq!((s.lfsrs, s.primitive, s.irreducible), (8, 2, 3));
//! assert_eq!(s.max_periods.get(&15), Some(&2));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod classes;
mod cycles;
mod engine;
mod summary;

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Mutex;

use gf_core::integer::IntFactorError;
use gf_core::Field;
use worker_pool::poison::lock;
use worker_pool::{PoolError, WorkerPool};

use crate::lfsr::{max_degree, Lfsr};
use crate::progress::Progress;
use classes::ClassError;
use engine::{Engine, Node, Sink};
pub use summary::{CycleStructureKey, FactorPattern, Summary};

/// The largest state space a census covers: `q^d <= 2^MAX_STATE_BITS` (degree 120 over
/// GF(2)), so that every count of the walk fits in a `u128`.
pub const MAX_STATE_BITS: u32 = 120;

/// Why a census could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CensusError {
    /// Degree 0.
    #[error("a census needs a degree of at least 1")]
    ZeroDegree,
    /// `q^d` beyond [`MAX_STATE_BITS`] bits, or a degree above [`max_degree`].
    #[error(
        "a census of degree {degree} over GF({q}) is too large: at most q^d <= 2^{MAX_STATE_BITS} \
         states"
    )]
    TooLarge {
        /// The field order.
        q: u64,
        /// The degree asked for.
        degree: u32,
    },
    /// Some `q^m - 1` (`m <= d`) could not be factored, so the orders are unknown.
    #[error(transparent)]
    Factor(#[from] IntFactorError),
    /// [`Progress::cancel`] was called.
    #[error("cancelled")]
    Cancelled,
    /// The worker pool failed.
    #[error(transparent)]
    Pool(#[from] PoolError),
    /// [`Summary::add`] was given an analysis that does not belong to the census.
    #[error("{0}")]
    Mismatch(String),
    /// A count came out wrong (the tallies must add up to the census size): a bug.
    #[error("internal invariant broken: {0}")]
    Invariant(String),
}

/// Sub-walks per part in [`Census::summary_part`] (at least [`MIN_PART_TASKS`] in all).
const PART_TASKS: usize = 8;
/// The fewest sub-walks a parted summary is cut into.
const MIN_PART_TASKS: usize = 64;

/// Cuts `start` into sub-walks: the most costly one is cut one level deeper until there are
/// `wanted` of them and none is estimated above twice its share (or the biggest has only
/// leaves below it). The types met on the way are counted into `top`. Deterministic.
fn cut(engine: &Engine, start: Vec<Node>, wanted: usize, top: &mut Sink) -> Vec<Node> {
    // A max-heap of (cost, first made first), over the sub-walks kept in `made`. Costs
    // are non-negative floats, whose bits order as the floats do.
    let mut made: Vec<Option<Node>> = Vec::new();
    let mut heap = BinaryHeap::new();
    let mut total = 0.0;
    let keep = |node: Node, made: &mut Vec<Option<Node>>, heap: &mut BinaryHeap<_>| {
        let c = engine.cost(&node);
        heap.push((c.to_bits(), Reverse(made.len())));
        made.push(Some(node));
        c
    };
    for node in start {
        total += keep(node, &mut made, &mut heap);
    }
    let most = wanted.saturating_mul(64);
    while wanted > 1 && heap.len() < most {
        let Some(&(bits, Reverse(at))) = heap.peek() else {
            break;
        };
        let biggest = f64::from_bits(bits);
        if heap.len() >= wanted && biggest * wanted as f64 <= 2.0 * total {
            break;
        }
        let Some(node) = made[at].take() else {
            break;
        };
        if node.remaining <= 1 {
            // the biggest has only leaves below it: cutting further gains nothing
            made[at] = Some(node);
            break;
        }
        heap.pop();
        total -= biggest;
        let limit = node.remaining - 1;
        let mut children = Vec::new();
        engine.split(node, limit, &mut children, top);
        for child in children {
            total += keep(child, &mut made, &mut heap);
        }
    }
    made.into_iter().flatten().collect()
}

/// Walks sub-walk `task` of `plan`, adding to `into`.
fn walk_into(
    engine: &Engine,
    task: &Node,
    into: &mut Summary,
    report: &(dyn Fn(u128) -> bool + Sync),
) {
    let mut tick = |n: u128| report(n);
    let summary = std::mem::replace(into, Summary::new(0, 0, false, false));
    let mut sink = Sink::new(summary, &mut tick);
    engine.walk(task, &mut sink);
    sink.flush();
    *into = sink.summary;
}

/// One of `count` parts of a census summary ([`Census::summary_part`]), `index` from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Part {
    /// Which part, `1..=count`.
    pub index: u32,
    /// How many parts.
    pub count: u32,
}

impl Part {
    /// Part `index` of `count`.
    ///
    /// # Errors
    ///
    /// [`CensusError::Mismatch`] unless `1 <= index <= count`.
    pub fn new(index: u32, count: u32) -> Result<Part, CensusError> {
        if index == 0 || index > count {
            return Err(CensusError::Mismatch(format!(
                "part {index} of {count}: the part must be 1 to {count}"
            )));
        }
        Ok(Part { index, count })
    }
}

/// How a summary run counts its progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// LFSRs, shifted right by `shift` bits.
    Lfsrs { shift: u32 },
    /// Sub-walks done.
    Walks,
}

/// A census cut into sub-walks.
struct Plan {
    engine: Engine,
    tasks: Vec<Node>,
    /// The estimated cost of each sub-walk.
    costs: Vec<f64>,
    /// The types met while cutting.
    top: Summary,
    empty: Summary,
}

impl Plan {
    /// The sub-walks, most costly first (ties in plan order).
    fn by_cost(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.tasks.len()).collect();
        order.sort_by(|&a, &b| self.costs[b].total_cmp(&self.costs[a]).then(a.cmp(&b)));
        order
    }

    /// The sub-walks of `part`: each, most costly first, goes to the part with the least
    /// estimated cost so far (ties to the lowest part).
    fn dealt(&self, part: Part) -> Vec<usize> {
        let mut load = vec![0f64; part.count as usize];
        let mut mine = Vec::new();
        for t in self.by_cost() {
            let mut least = 0;
            for (k, &l) in load.iter().enumerate() {
                if l < load[least] {
                    least = k;
                }
            }
            load[least] += self.costs[t];
            if least + 1 == part.index as usize {
                mine.push(t);
            }
        }
        mine
    }
}

/// What [`Census::summary`] tallies beyond the fixed counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SummaryOptions {
    /// Also tally whole cycle structures ([`Summary::cycle_structures`]), which can be many.
    pub cycle_structures: bool,
}

/// Every LFSR of one degree over one field.
#[derive(Debug, Clone)]
pub struct Census {
    field: Field,
    degree: u32,
    include_singular: bool,
    size: u128,
}

impl Census {
    /// The census of degree `degree` over `field`, with the singular LFSRs if
    /// `include_singular`.
    ///
    /// # Errors
    ///
    /// [`CensusError::ZeroDegree`], or [`CensusError::TooLarge`] when `q^d` exceeds
    /// `2^MAX_STATE_BITS` or the degree exceeds what an [`Lfsr`] may have.
    pub fn new(field: &Field, degree: u32, include_singular: bool) -> Result<Census, CensusError> {
        if degree == 0 {
            return Err(CensusError::ZeroDegree);
        }
        let q = field.q();
        let too_large = CensusError::TooLarge { q, degree };
        let states = u128::from(q).checked_pow(degree).ok_or(too_large.clone())?;
        if states > 1 << MAX_STATE_BITS || degree as usize > max_degree(q) {
            return Err(too_large);
        }
        let size = if include_singular {
            states
        } else {
            states / u128::from(q) * u128::from(q - 1)
        };
        Ok(Census {
            field: field.clone(),
            degree,
            include_singular,
            size,
        })
    }

    /// The field.
    pub fn field(&self) -> &Field {
        &self.field
    }

    /// The degree of every LFSR.
    pub fn degree(&self) -> u32 {
        self.degree
    }

    /// Whether the singular LFSRs (c0 = 0) are included.
    pub fn include_singular(&self) -> bool {
        self.include_singular
    }

    /// How many LFSRs the census covers.
    pub fn size(&self) -> u128 {
        self.size
    }

    /// The coefficients `[c0, ..., c_{d-1}]` of row `k` (0-based): `c0` varies fastest and
    /// skips 0 unless singular LFSRs are included, then `c1`, and so on. `None` for
    /// `k >= size`.
    pub fn coefficients(&self, k: u128) -> Option<Vec<u64>> {
        if k >= self.size {
            return None;
        }
        let q = u128::from(self.field.q());
        let c0_choices = q - u128::from(!self.include_singular);
        let mut coeffs = Vec::with_capacity(self.degree as usize);
        // every digit is below q, a u64
        let digit = |v: u128| v as u64;
        coeffs.push(digit(k % c0_choices) + u64::from(!self.include_singular));
        let mut rest = k / c0_choices;
        for _ in 1..self.degree {
            coeffs.push(digit(rest % q));
            rest /= q;
        }
        Some(coeffs)
    }

    /// The LFSR of row `k`, `None` for `k >= size`.
    pub fn lfsr(&self, k: u128) -> Option<Lfsr> {
        let coeffs = self.coefficients(k)?;
        Lfsr::new(&self.field, coeffs).ok()
    }

    /// The summary of the whole census, counted over factorization types (see the
    /// [module docs](self)), split across `pool`'s workers.
    ///
    /// `progress` counts LFSRs (scaled down by a power of two when the census has more than
    /// 2^63 of them, so that the counters fit) and cancels the walk.
    ///
    /// # Errors
    ///
    /// [`CensusError::Factor`] if some `q^m - 1` cannot be factored, [`CensusError::Cancelled`],
    /// [`CensusError::Pool`], or [`CensusError::Invariant`] if the counts do not add up.
    pub fn summary(
        &self,
        opts: &SummaryOptions,
        pool: &dyn WorkerPool,
        progress: &Progress,
    ) -> Result<Summary, CensusError> {
        if progress.is_cancelled() {
            return Err(CensusError::Cancelled);
        }
        // Enough sub-walks for the workers to balance, biggest first.
        let wanted = if pool.workers() > 1 {
            4 * pool.workers()
        } else {
            1
        };
        let plan = self.plan(opts, wanted)?;
        // Progress in LFSRs, shifted right so that the total fits the u64 counters.
        let shift = (128 - self.size.leading_zeros()).saturating_sub(63);
        progress.set_total((self.size >> shift) as u64);
        let tasks: Vec<Node> = plan
            .by_cost()
            .into_iter()
            .map(|t| plan.tasks[t].clone())
            .collect();
        let start = plan.top.clone();
        let summary = self.run(&plan, &tasks, start, pool, progress, Unit::Lfsrs { shift })?;
        self.check(&summary)?;
        Ok(summary)
    }

    /// Part `part` of the summary: the census's walk cut into sub-walks the same way for
    /// every pool and machine, and dealt to `part.count` parts balanced by their estimated
    /// cost (the number of factorization types below each, largest first, each to the part
    /// with the least so far). [`Census::merge`] of all parts is [`Census::summary`].
    ///
    /// `progress` counts the part's sub-walks.
    ///
    /// ```
    /// use gf_core::Field;
    /// use lfsr_map::census::{Census, Part, SummaryOptions};
    /// use lfsr_map::progress::Progress;
    /// use worker_pool::Sequential;
    ///
    /// let census = Census::new(&Field::new(3)?, 6, true)?;
    /// let opts = SummaryOptions::default();
    /// let pool = Sequential::new();
    /// let parts = (1..=3)
    ///     .map(|k| census.summary_part(&opts, Part::new(k, 3)?, &pool, &Progress::new()))
    ///     .collect::<Result<Vec<_>, _>>()?;
    /// let whole = census.summary(&opts, &pool, &Progress::new())?;
    /// assert_eq!(census.merge(parts)?, whole);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Census::summary`] (the sums are checked only by [`Census::merge`]).
    pub fn summary_part(
        &self,
        opts: &SummaryOptions,
        part: Part,
        pool: &dyn WorkerPool,
        progress: &Progress,
    ) -> Result<Summary, CensusError> {
        if progress.is_cancelled() {
            return Err(CensusError::Cancelled);
        }
        let wanted = (PART_TASKS * part.count as usize).max(MIN_PART_TASKS);
        let plan = self.plan(opts, wanted)?;
        let mine: Vec<Node> = plan
            .dealt(part)
            .into_iter()
            .map(|t| plan.tasks[t].clone())
            .collect();
        // The part's own sub-walks, cut again for this pool's workers (the sum is the same
        // however they are cut); the types met cutting them belong to this part.
        let start = if part.index == 1 {
            plan.top.clone()
        } else {
            plan.empty.clone()
        };
        let mut ignore = |_: u128| true;
        let mut top = Sink::new(start, &mut ignore);
        let local = cut(&plan.engine, mine, 4 * pool.workers(), &mut top);
        progress.set_total(local.len() as u64);
        let start = top.summary;
        self.run(&plan, &local, start, pool, progress, Unit::Walks)
    }

    /// The summary of the whole census from the summaries of all its parts (in any order).
    ///
    /// # Errors
    ///
    /// [`CensusError::Mismatch`] for a summary of another census, and
    /// [`CensusError::Invariant`] when the counts do not add up to the census (a part missing
    /// or counted twice).
    pub fn merge(&self, parts: impl IntoIterator<Item = Summary>) -> Result<Summary, CensusError> {
        let q = self.field.q();
        let mut merged: Option<Summary> = None;
        for part in parts {
            if (part.field, part.degree, part.include_singular)
                != (q, self.degree, self.include_singular)
            {
                return Err(CensusError::Mismatch(format!(
                    "a part of the census of degree {} over GF({}) (include_singular {}) merged \
                     into the census of degree {} over GF({q}) (include_singular {})",
                    part.degree,
                    part.field,
                    part.include_singular,
                    self.degree,
                    self.include_singular
                )));
            }
            match merged.as_mut() {
                None => merged = Some(part),
                Some(m) => m.merge(part),
            }
        }
        let merged =
            merged.unwrap_or_else(|| Summary::new(q, self.degree, self.include_singular, false));
        self.check(&merged)?;
        Ok(merged)
    }

    /// The classes, the engine and the sub-walks of this census, cut until there are at
    /// least `wanted` sub-walks and none is estimated above twice its share (or nothing more
    /// to cut). Deterministic: it depends only on
    /// the census, `opts` and `wanted`.
    fn plan(&self, opts: &SummaryOptions, wanted: usize) -> Result<Plan, CensusError> {
        let (p, n, q) = (self.field.p(), self.field.n(), self.field.q());
        let classes = classes::classes(p, n, self.degree).map_err(|e| match e {
            ClassError::Factor(e) => CensusError::Factor(e),
            ClassError::Overflow(what) => CensusError::Invariant(format!("{what} overflowed")),
        })?;
        let engine = Engine::new(u128::from(q), self.degree, classes)
            .ok_or_else(|| CensusError::Invariant("q^d overflowed".into()))?;
        let empty = Summary::new(q, self.degree, self.include_singular, opts.cycle_structures);

        // The roots: x^e0 times a polynomial coprime to x of degree d - e0.
        let x_powers = if self.include_singular {
            0..=self.degree
        } else {
            0..=0
        };
        let roots: Vec<Node> = x_powers
            .map(|e0| Node {
                class: 0,
                remaining: self.degree - e0,
                cycles: vec![(1, 1)],
                weight: 1,
                path: if e0 > 0 { vec![(1, e0)] } else { Vec::new() },
                x_multiplicity: e0,
            })
            .collect();
        let mut ignore = |_: u128| true;
        let mut top = Sink::new(empty.clone(), &mut ignore);
        let roots = roots
            .into_iter()
            .filter(|r| engine.can_fill(0, r.remaining))
            .collect();
        let tasks = cut(&engine, roots, wanted, &mut top);
        let costs: Vec<f64> = tasks.iter().map(|n| engine.cost(n)).collect();
        let top = top.summary;
        Ok(Plan {
            engine,
            tasks,
            costs,
            top,
            empty,
        })
    }

    /// Walks the sub-walks `which` of `plan` (and the types met while cutting it, if
    /// `with_top`) on `pool`.
    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        plan: &Plan,
        tasks: &[Node],
        start: Summary,
        pool: &dyn WorkerPool,
        progress: &Progress,
        unit: Unit,
    ) -> Result<Summary, CensusError> {
        let reported = Mutex::new(0u128);
        let report = |n: u128| -> bool {
            if let Unit::Lfsrs { shift } = unit {
                let mut sum = lock(&reported);
                let before = *sum >> shift;
                *sum += n;
                progress.add_done(((*sum >> shift) - before) as u64);
            }
            !progress.is_cancelled()
        };
        report(start.lfsrs);
        // One running summary per thread that can work at once (the workers and the caller),
        // each sub-walk adding to whichever is free: merging a partial summary costs about as
        // much as a small census, so there are at most `workers + 1` merges, not one per
        // sub-walk.
        let slots: Vec<Mutex<Summary>> = (0..=pool.workers())
            .map(|_| Mutex::new(plan.empty.clone()))
            .collect();
        pool.execute(tasks.len(), &|t| {
            if progress.is_cancelled() {
                return;
            }
            // a free slot; with more threads than slots (a pool that broke its worker
            // count), wait for one
            let mut slot = slots
                .iter()
                .find_map(|s| s.try_lock().ok())
                .unwrap_or_else(|| lock(&slots[t % slots.len()]));
            walk_into(&plan.engine, &tasks[t], &mut slot, &report);
            if unit == Unit::Walks {
                progress.add_done(1);
            }
        })?;
        if progress.is_cancelled() {
            return Err(CensusError::Cancelled);
        }
        let mut total = start;
        for slot in slots {
            let part = slot
                .into_inner()
                .map_err(|_| CensusError::Invariant("a census worker panicked".into()))?;
            total.merge(part);
        }
        Ok(total)
    }

    /// The counts must add up: every tally sums to the census size, and so do the polynomials
    /// of every type.
    fn check(&self, s: &Summary) -> Result<(), CensusError> {
        let sums = [
            ("LFSRs", s.lfsrs),
            ("max periods", s.max_periods.values().sum()),
            ("cycle counts", s.cycle_counts.values().sum()),
            ("factor patterns", s.factor_patterns.values().sum()),
            (
                "cycle structures",
                s.cycle_structures
                    .as_ref()
                    .map_or(s.lfsrs, |t| t.values().sum()),
            ),
        ];
        for (what, sum) in sums {
            if sum != self.size {
                return Err(CensusError::Invariant(format!(
                    "the {what} of the census of degree {} over GF({}) add up to {sum}, not {}",
                    self.degree,
                    self.field.q(),
                    self.size
                )));
            }
        }
        let singular = if self.include_singular {
            self.size / u128::from(self.field.q())
        } else {
            0
        };
        if s.singular != singular {
            return Err(CensusError::Invariant(format!(
                "{} singular LFSRs counted, not {singular}",
                s.singular
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_rows() {
        let gf3 = Field::new(3).unwrap();
        let c = Census::new(&gf3, 3, false).unwrap();
        assert_eq!(c.size(), 18);
        let mut rows: Vec<Vec<u64>> = (0..18).filter_map(|k| c.coefficients(k)).collect();
        assert_eq!(rows[0], [1, 0, 0]);
        assert_eq!(rows[1], [2, 0, 0]);
        assert_eq!(rows[2], [1, 1, 0]);
        assert!(rows.iter().all(|r| r[0] != 0 && r.iter().all(|&x| x < 3)));
        rows.sort();
        rows.dedup();
        assert_eq!(rows.len(), 18);
        assert_eq!(c.coefficients(18), None);
        let all = Census::new(&gf3, 3, true).unwrap();
        assert_eq!(all.size(), 27);
        assert_eq!(all.coefficients(0), Some(vec![0, 0, 0]));
        let gf2 = Field::new(2).unwrap();
        assert_eq!(Census::new(&gf2, 64, false).unwrap().size(), 1 << 63);
        assert_eq!(
            Census::new(&gf2, 121, false).unwrap_err(),
            CensusError::TooLarge { q: 2, degree: 121 }
        );
        assert_eq!(
            Census::new(&gf2, 0, true).unwrap_err(),
            CensusError::ZeroDegree
        );
    }
}
