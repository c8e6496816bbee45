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
