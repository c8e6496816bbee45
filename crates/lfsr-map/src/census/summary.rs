//! [`Summary`]: the tallies of a census, and how one [`Analysis`] adds to them.

use std::collections::BTreeMap;
use std::fmt;

use num_bigint::BigUint;
use num_traits::ToPrimitive;

use crate::analysis::Analysis;

use super::CensusError;

/// The factorization pattern of a characteristic polynomial: the degree and multiplicity of
/// each monic irreducible factor (`x` included), sorted ascending by degree, then multiplicity.
///
/// Displayed with one item per irreducible factor, `degree` or `degree^multiplicity`:
/// `(x + 1)^2 (x^2 + x + 1)` has pattern `1^2 2`, `x (x + 1)` has `1 1`.
///
/// ```
/// use lfsr_map::census::FactorPattern;
/// assert_eq!(FactorPattern(vec![(1, 2), (2, 1)]).to_string(), "1^2 2");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FactorPattern(pub Vec<(u32, u32)>);

impl fmt::Display for FactorPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, &(degree, multiplicity)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            match multiplicity {
                1 => write!(f, "{degree}")?,
                e => write!(f, "{degree}^{e}")?,
            }
        }
        Ok(())
    }
}

impl std::borrow::Borrow<[(u32, u32)]> for FactorPattern {
    fn borrow(&self) -> &[(u32, u32)] {
        &self.0
    }
}

/// A whole cycle structure: `(period, number of cycles)` ascending by period.
pub type CycleStructureKey = Vec<(u128, u128)>;

/// The tallies of a census: how many LFSRs have each property, exactly.
///
/// Every tally sums to [`lfsrs`](Self::lfsrs). Counts are `u128`: a census has at most
/// `2^MAX_STATE_BITS` LFSRs ([`super::MAX_STATE_BITS`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The field order q.
    pub field: u64,
    /// The degree of every LFSR.
    pub degree: u32,
    /// Whether singular LFSRs (c0 = 0) are included.
    pub include_singular: bool,
    /// LFSRs counted.
    pub lfsrs: u128,
    /// With a primitive characteristic polynomial.
    pub primitive: u128,
    /// With an irreducible characteristic polynomial.
    pub irreducible: u128,
    /// Singular ones (c0 = 0).
    pub singular: u128,
    /// LFSRs by their longest cycle.
    pub max_periods: BTreeMap<u128, u128>,
    /// LFSRs by their number of cycles.
    pub cycle_counts: BTreeMap<u128, u128>,
    /// LFSRs by the factorization pattern of their characteristic polynomial.
    pub factor_patterns: BTreeMap<FactorPattern, u128>,
    /// LFSRs by their whole cycle structure, when asked for (it can be large).
    pub cycle_structures: Option<BTreeMap<CycleStructureKey, u128>>,
}

impl Summary {
    /// An empty summary, with the cycle-structure tally if `cycle_structures`.
    pub fn new(field: u64, degree: u32, include_singular: bool, cycle_structures: bool) -> Self {
        Summary {
            field,
            degree,
            include_singular,
            lfsrs: 0,
            primitive: 0,
            irreducible: 0,
            singular: 0,
            max_periods: BTreeMap::new(),
            cycle_counts: BTreeMap::new(),
            factor_patterns: BTreeMap::new(),
            cycle_structures: cycle_structures.then(BTreeMap::new),
        }
    }

    /// Counts one analysis (of this summary's field and degree).
    ///
    /// # Errors
    ///
    /// [`CensusError::Mismatch`] for an analysis of another field or degree, or with a count
    /// beyond `u128`.
    pub fn add(&mut self, a: &Analysis) -> Result<(), CensusError> {
        if a.field != self.field || a.degree != self.degree as usize {
            return Err(CensusError::Mismatch(format!(
                "an analysis over GF({}) of degree {} added to a census over GF({}) of degree {}",
                a.field, a.degree, self.field, self.degree
            )));
        }
        let small = |n: &BigUint| {
            n.to_u128()
                .ok_or_else(|| CensusError::Mismatch(format!("{n} does not fit in 128 bits")))
        };
        self.lfsrs += 1;
        self.primitive += u128::from(a.primitive);
        self.irreducible += u128::from(a.irreducible);
        self.singular += u128::from(a.singular);
        *self.max_periods.entry(small(&a.max_period)?).or_default() += 1;
        *self.cycle_counts.entry(small(&a.cycle_count)?).or_default() += 1;
        let mut pattern: Vec<(u32, u32)> = a
            .factors
            .iter()
            .map(|f| {
                let degree = f.polynomial.degree().and_then(|m| u32::try_from(m).ok());
                degree
                    .map(|m| (m, f.multiplicity))
                    .ok_or_else(|| CensusError::Mismatch("a factor of no degree".into()))
            })
            .collect::<Result<_, _>>()?;
        pattern.sort_unstable();
        *self
            .factor_patterns
            .entry(FactorPattern(pattern))
            .or_default() += 1;
        if let Some(tally) = self.cycle_structures.as_mut() {
            let key = a
                .cycles
                .iter()
                .map(|c| Ok((small(&c.period)?, small(&c.count)?)))
                .collect::<Result<_, CensusError>>()?;
            *tally.entry(key).or_default() += 1;
        }
        Ok(())
    }

    /// Adds the counts of `other` (a summary of another part of the same census).
    pub fn merge(&mut self, other: Summary) {
        self.lfsrs += other.lfsrs;
        self.primitive += other.primitive;
        self.irreducible += other.irreducible;
        self.singular += other.singular;
        add_tally(&mut self.max_periods, other.max_periods);
        add_tally(&mut self.cycle_counts, other.cycle_counts);
        add_tally(&mut self.factor_patterns, other.factor_patterns);
        if let (Some(mine), Some(theirs)) = (self.cycle_structures.as_mut(), other.cycle_structures)
        {
            add_tally(mine, theirs);
        }
    }
}

fn add_tally<K: Ord>(into: &mut BTreeMap<K, u128>, from: BTreeMap<K, u128>) {
    if into.is_empty() {
        *into = from;
        return;
    }
    for (k, v) in from {
        *into.entry(k).or_default() += v;
    }
}

/// The first line of [`Summary::encode`].
const ENCODING: &str = "lfsr-map census summary 1";

impl Summary {
    /// The summary as text that [`Summary::decode`] reads back exactly: how the parts of a
    /// sharded census travel (a part file, a Dask task's result). One item per line,
    /// integers in decimal at any size.
    ///
    /// ```
    /// use lfsr_map::census::Summary;
    /// let mut s = Summary::new(2, 3, false, false);
    /// s.lfsrs = 4;
    /// s.max_periods.insert(7, 2);
    /// assert_eq!(Summary::decode(&s.encode()), Ok(s));
    /// ```
    pub fn encode(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        // writing to a String cannot fail
        let _ = writeln!(out, "{ENCODING}");
        let _ = writeln!(
            out,
            "census {} {} {} {}",
            self.field,
            self.degree,
            self.include_singular,
            self.cycle_structures.is_some()
        );
        let _ = writeln!(
            out,
            "counts {} {} {} {}",
            self.lfsrs, self.primitive, self.irreducible, self.singular
        );
        for (p, c) in &self.max_periods {
            let _ = writeln!(out, "max_period {p} {c}");
        }
        for (n, c) in &self.cycle_counts {
            let _ = writeln!(out, "cycle_count {n} {c}");
        }
        for (pattern, c) in &self.factor_patterns {
            let items: Vec<String> = pattern.0.iter().map(|(m, e)| format!("{m}^{e}")).collect();
            let _ = writeln!(out, "pattern {} {c}", items.join("*"));
        }
        for (cycles, c) in self.cycle_structures.iter().flatten() {
            let items: Vec<String> = cycles.iter().map(|(p, n)| format!("{n}x{p}")).collect();
            let _ = writeln!(out, "structure {} {c}", items.join("+"));
        }
        out
    }

    /// Reads what [`Summary::encode`] wrote.
    ///
    /// # Errors
    ///
    /// [`CensusError::Mismatch`] naming the line that is not part of an encoded summary.
    pub fn decode(text: &str) -> Result<Summary, CensusError> {
        let bad = |n: usize, line: &str| {
            CensusError::Mismatch(format!(
                "line {n} of an encoded census summary: {:?}",
                line.chars().take(60).collect::<String>()
            ))
        };
        let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
        match lines.next() {
            Some((_, l)) if l == ENCODING => {}
            Some((n, l)) => return Err(bad(n, l)),
            None => return Err(bad(1, "")),
        }
        let (n, head) = lines.next().ok_or_else(|| bad(2, ""))?;
        let h: Vec<&str> = head.split(' ').collect();
        let mut s = match h.as_slice() {
            ["census", q, d, all, structures] => Summary::new(
                q.parse().map_err(|_| bad(n, head))?,
                d.parse().map_err(|_| bad(n, head))?,
                all.parse().map_err(|_| bad(n, head))?,
                structures.parse().map_err(|_| bad(n, head))?,
            ),
            _ => return Err(bad(n, head)),
        };
        let (n, counts) = lines.next().ok_or_else(|| bad(3, ""))?;
        let c: Vec<&str> = counts.split(' ').collect();
        let num = |t: &str| t.parse::<u128>().map_err(|_| bad(n, counts));
        match c.as_slice() {
            ["counts", a, b, d, e] => {
                (s.lfsrs, s.primitive, s.irreducible, s.singular) =
                    (num(a)?, num(b)?, num(d)?, num(e)?);
            }
            _ => return Err(bad(n, counts)),
        }
        for (n, line) in lines {
            let fail = || bad(n, line);
            let parts: Vec<&str> = line.split(' ').collect();
            let [kind, key, count] = parts.as_slice() else {
                return Err(fail());
            };
            let count: u128 = count.parse().map_err(|_| fail())?;
            let int = |t: &str| t.parse::<u128>().map_err(|_| fail());
            match *kind {
                "max_period" => {
                    s.max_periods.insert(int(key)?, count);
                }
                "cycle_count" => {
                    s.cycle_counts.insert(int(key)?, count);
                }
                "pattern" => {
                    let pattern = key
                        .split('*')
                        .map(|f| {
                            let (m, e) = f.split_once('^')?;
                            Some((m.parse().ok()?, e.parse().ok()?))
                        })
                        .collect::<Option<Vec<(u32, u32)>>>()
                        .ok_or_else(fail)?;
                    s.factor_patterns.insert(FactorPattern(pattern), count);
                }
                "structure" => {
                    let cycles = key
                        .split('+')
                        .map(|item| {
                            let (n, p) = item.split_once('x')?;
                            Some((p.parse().ok()?, n.parse().ok()?))
                        })
                        .collect::<Option<Vec<(u128, u128)>>>()
                        .ok_or_else(fail)?;
                    s.cycle_structures
                        .as_mut()
                        .ok_or_else(fail)?
                        .insert(cycles, count);
                }
                _ => return Err(fail()),
            }
        }
        Ok(s)
    }
}
