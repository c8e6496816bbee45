//! The depth-first walk over factorization types.
//!
//! A *type* chooses, for each order [`Class`], a multiset of multiplicities: how many distinct
//! irreducibles of that class divide the characteristic polynomial, and to which powers. All
//! polynomials of one type share their cycle structure, and there are
//! `prod over classes of N! / ((N - k)! prod_mu r_mu!)` of them (`N` the class size, `k` the
//! irreducibles chosen from it, `r_mu` how many of those have multiplicity `mu`).
//!
//! The walk takes the classes in order (degree descending) and, within a class, irreducibles
//! with non-increasing multiplicities, so each type is reached exactly once; the cycle
//! structure is built along the path, one combine per chosen irreducible, shared by every
//! type below. A table of which remaining degrees the later classes can still fill prunes
//! dead ends.

use super::classes::Class;
use super::cycles::{combine, Cycles};
use super::summary::{FactorPattern, Summary};

/// The walk's fixed data.
pub(crate) struct Engine {
    /// The classes, degree descending.
    pub classes: Vec<Class>,
    /// `first[r]`: the first class of degree at most `r`.
    first: Vec<usize>,
    /// `fillable[c][r]`: classes `c..` can make up degree `r` exactly.
    fillable: Vec<Vec<bool>>,
    /// `q^d - 1`, the order of a primitive polynomial.
    full_period: u128,
    /// The census degree.
    degree: u32,
    /// `costs[c][r]`: the estimated cost of a node open at class `c` with `r` left to fill
    /// (see [`Engine::cost`]).
    costs: Vec<Vec<f64>>,
}

/// A node of the walk: the classes from `class` on are still open, `remaining` degree is left
/// to fill, and the part chosen so far has `cycles` and stands for `weight` polynomials.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub class: usize,
    pub remaining: u32,
    pub cycles: Cycles,
    pub weight: u128,
    /// `(degree, multiplicity)` of every irreducible chosen, `x` included.
    pub path: Vec<(u32, u32)>,
    /// The multiplicity of `x`.
    pub x_multiplicity: u32,
}

/// What a walk accumulates, and how it reports back.
pub(crate) struct Sink<'a> {
    pub summary: Summary,
    /// Called with the number of polynomials counted since the last call, about every 4096
    /// types; returns `false` to stop the walk.
    pub tick: &'a mut dyn FnMut(u128) -> bool,
    pending: u128,
    since_tick: u32,
    pub stopped: bool,
    /// Scratch buffers, one per depth, so the walk allocates only while it deepens.
    scratch: Vec<Cycles>,
    pattern: Vec<(u32, u32)>,
}

impl<'a> Sink<'a> {
    pub fn new(summary: Summary, tick: &'a mut dyn FnMut(u128) -> bool) -> Self {
        Sink {
            summary,
            tick,
            pending: 0,
            since_tick: 0,
            stopped: false,
            scratch: Vec::new(),
            pattern: Vec::new(),
        }
    }

    /// Reports what is still pending (call once at the end).
    pub fn flush(&mut self) {
        if self.pending > 0 && !(self.tick)(std::mem::take(&mut self.pending)) {
            self.stopped = true;
        }
    }
}

impl Engine {
    /// The engine for degree `degree` over GF(q) with these classes (degree descending).
    pub fn new(q: u128, degree: u32, classes: Vec<Class>) -> Option<Engine> {
        let d = degree as usize;
        let mut first = vec![classes.len(); d + 1];
        for (r, slot) in first.iter_mut().enumerate() {
            *slot = classes
                .iter()
                .position(|c| c.degree as usize <= r)
                .unwrap_or(classes.len());
        }
        let mut fillable = vec![vec![false; d + 1]; classes.len() + 1];
        fillable[classes.len()][0] = true;
        for c in (0..classes.len()).rev() {
            let m = classes[c].degree as usize;
            for r in 0..=d {
                fillable[c][r] = fillable[c + 1][r]
                    || (m <= r && (m..=r).step_by(m).any(|used| fillable[c + 1][r - used]));
            }
        }
        let mut engine = Engine {
            classes,
            first,
            fillable,
            full_period: q.checked_pow(degree)? - 1,
            degree,
            costs: Vec::new(),
        };
        engine.costs = engine.cost_table();
        Some(engine)
    }

    /// The estimated cost of walking `node`: the number of factorization types below it,
    /// counted without the limit on irreducibles per class (so an overestimate).
    pub fn cost(&self, node: &Node) -> f64 {
        self.costs[node.class.min(self.costs.len() - 1)][node.remaining as usize]
    }

    /// The table behind [`Engine::cost`], by a count over classes and remaining degree.
    fn cost_table(&self) -> Vec<Vec<f64>> {
        let d = self.degree as usize;
        // partitions of s: the multiplicity patterns of one class with total s
        let mut partitions = vec![0f64; d + 1];
        partitions[0] = 1.0;
        for part in 1..=d {
            for s in part..=d {
                partitions[s] += partitions[s - part];
            }
        }
        let n = self.classes.len();
        let mut types = vec![vec![0f64; d + 1]; n + 1];
        types[n][0] = 1.0;
        for c in (0..n).rev() {
            let m = self.classes[c].degree as usize;
            for r in 0..=d {
                types[c][r] = (0..=r / m)
                    .map(|s| partitions[s] * types[c + 1][r - m * s])
                    .sum();
            }
        }
        types
    }

    /// Whether the classes from `class` on can fill `remaining`.
    pub fn can_fill(&self, class: usize, remaining: u32) -> bool {
        self.fillable[class.min(self.classes.len())][remaining as usize]
    }

    /// Walks every type below `node`.
    pub fn walk(&self, node: &Node, sink: &mut Sink) {
        let depth = 0;
        self.open(
            node.class,
            node.remaining,
            &node.cycles,
            node.weight,
            &mut node.path.clone(),
            node.x_multiplicity,
            depth,
            sink,
        );
    }

    /// Splits the walk below `node` into sub-nodes (and counts the types met on the way), so
    /// that no sub-node has more than `limit` degree left to fill.
    pub fn split(&self, node: Node, limit: u32, out: &mut Vec<Node>, sink: &mut Sink) {
        if node.remaining == 0 {
            self.leaf(
                &node.cycles,
                node.weight,
                &node.path,
                node.x_multiplicity,
                sink,
            );
            return;
        }
        if node.remaining <= limit {
            out.push(node);
            return;
        }
        let start = node.class.max(self.first[node.remaining as usize]);
        for c in start..self.classes.len() {
            if !self.fillable[c][node.remaining as usize] {
                break;
            }
            self.split_take(&node, c, 0, u32::MAX, 0, limit, out, sink);
        }
    }

    /// `split`'s side of [`Self::take`]: one more irreducible of class `c`.
    #[allow(clippy::too_many_arguments)]
    fn split_take(
        &self,
        node: &Node,
        c: usize,
        taken: u128,
        last: u32,
        run: u128,
        limit: u32,
        out: &mut Vec<Node>,
        sink: &mut Sink,
    ) {
        let class = &self.classes[c];
        if taken >= class.count {
            return;
        }
        let most = (node.remaining / class.degree).min(last);
        for mu in (1..=most).rev() {
            let remaining = node.remaining - mu * class.degree;
            let run = if mu == last { run + 1 } else { 1 };
            let weight = node.weight * (class.count - taken) / run;
            let mut cycles = Vec::new();
            combine(&node.cycles, &class.powers[mu as usize - 1], &mut cycles);
            let mut path = node.path.clone();
            path.push((class.degree, mu));
            let child = Node {
                class: c + 1,
                remaining,
                cycles,
                weight,
                path,
                x_multiplicity: node.x_multiplicity,
            };
            if self.fillable[c][remaining as usize] {
                // more of this class (and, through `split`, the classes after it)
                let more = Node {
                    class: c,
                    ..child.clone()
                };
                self.split_take(&more, c, taken + 1, mu, run, limit, out, sink);
            }
            if self.fillable[c + 1][remaining as usize] {
                self.split(child, limit, out, sink);
            }
        }
    }

    /// The classes from `class` on are open: pick the next class to take irreducibles from.
    #[allow(clippy::too_many_arguments)]
    fn open(
        &self,
        class: usize,
        remaining: u32,
        cycles: &Cycles,
        weight: u128,
        path: &mut Vec<(u32, u32)>,
        x_multiplicity: u32,
        depth: usize,
        sink: &mut Sink,
    ) {
        if remaining == 0 {
            self.leaf(cycles, weight, path, x_multiplicity, sink);
            return;
        }
        let start = class.max(self.first[remaining as usize]);
        for c in start..self.classes.len() {
            if sink.stopped || !self.fillable[c][remaining as usize] {
                break;
            }
            self.take(
                c,
                0,
                u32::MAX,
                0,
                remaining,
                cycles,
                weight,
                path,
                x_multiplicity,
                depth,
                sink,
            );
        }
    }

    /// Takes one more irreducible of class `c` (`taken` of them so far, the last with
    /// multiplicity `last`, the last `run` of them all with it), then either more of `c` or
    /// moves on to the classes after it.
    #[allow(clippy::too_many_arguments)]
    fn take(
        &self,
        c: usize,
        taken: u128,
        last: u32,
        run: u128,
        remaining: u32,
        cycles: &Cycles,
        weight: u128,
        path: &mut Vec<(u32, u32)>,
        x_multiplicity: u32,
        depth: usize,
        sink: &mut Sink,
    ) {
        let class = &self.classes[c];
        if taken >= class.count {
            return;
        }
        if sink.scratch.len() <= depth {
            sink.scratch.resize_with(depth + 1, Vec::new);
        }
        let most = (remaining / class.degree).min(last);
        for mu in (1..=most).rev() {
            if sink.stopped {
                return;
            }
            let left = remaining - mu * class.degree;
            let run = if mu == last { run + 1 } else { 1 };
            // N (N - 1) ... (N - k + 1) / prod r_mu!, one factor at a time: an integer at
            // every step (it counts choices of disjoint sets of irreducibles).
            let weight = weight * (class.count - taken) / run;
            let mut next = std::mem::take(&mut sink.scratch[depth]);
            combine(cycles, &class.powers[mu as usize - 1], &mut next);
            path.push((class.degree, mu));
            if self.fillable[c + 1][left as usize] {
                self.open(
                    c + 1,
                    left,
                    &next,
                    weight,
                    path,
                    x_multiplicity,
                    depth + 1,
                    sink,
                );
            }
            if left > 0 && self.fillable[c][left as usize] {
                self.take(
                    c,
                    taken + 1,
                    mu,
                    run,
                    left,
                    &next,
                    weight,
                    path,
                    x_multiplicity,
                    depth + 1,
                    sink,
                );
            }
            path.pop();
            sink.scratch[depth] = next;
        }
    }

    /// One whole type: `weight` polynomials with these cycles.
    fn leaf(
        &self,
        cycles: &Cycles,
        weight: u128,
        path: &[(u32, u32)],
        x_multiplicity: u32,
        sink: &mut Sink,
    ) {
        let s = &mut sink.summary;
        let max_period = cycles.last().map_or(1, |&(period, _)| period);
        let irreducible = path.len() == 1 && path[0] == (self.degree, 1);
        s.lfsrs += weight;
        if irreducible {
            s.irreducible += weight;
            if x_multiplicity == 0 && max_period == self.full_period {
                s.primitive += weight;
            }
        }
        if x_multiplicity > 0 {
            s.singular += weight;
        }
        *s.max_periods.entry(max_period).or_default() += weight;
        let count: u128 = cycles.iter().map(|&(_, count)| count).sum();
        *s.cycle_counts.entry(count).or_default() += weight;
        sink.pattern.clear();
        sink.pattern.extend_from_slice(path);
        sink.pattern.sort_unstable();
        match s.factor_patterns.get_mut(sink.pattern.as_slice()) {
            Some(n) => *n += weight,
            None => {
                s.factor_patterns
                    .insert(FactorPattern(sink.pattern.clone()), weight);
            }
        }
        if let Some(tally) = s.cycle_structures.as_mut() {
            match tally.get_mut(cycles.as_slice()) {
                Some(n) => *n += weight,
                None => {
                    tally.insert(cycles.clone(), weight);
                }
            }
        }
        sink.pending += weight;
        sink.since_tick += 1;
        if sink.since_tick >= 4096 {
            sink.since_tick = 0;
            if !(sink.tick)(std::mem::take(&mut sink.pending)) {
                sink.stopped = true;
            }
        }
    }
}
