//! The census: every LFSR of one degree, and a summary across them.

use std::collections::BTreeMap;
use std::io::{self, Write};

use lfsr_map::analysis::Analysis;

use super::report_json::ser_big;
use num_bigint::BigUint;
use serde::Serialize;

/// The most LFSRs one census may analyze.
pub const MAX_LFSRS: u64 = 1 << 20;

/// How many LFSRs of degree `d` over GF(q) the census covers (`None` if it overflows u64).
pub fn size(q: u64, d: u32, include_singular: bool) -> Option<u64> {
    let rest = q.checked_pow(d - 1)?;
    let c0_choices = if include_singular { q } else { q - 1 };
    rest.checked_mul(c0_choices)
}

/// Coefficient vector number `k` (0-based) of the census: `c0` varies fastest, and skips 0
/// unless singular LFSRs are included.
pub fn coefficients(k: u64, q: u64, d: u32, include_singular: bool) -> Vec<u64> {
    let c0_choices = if include_singular { q } else { q - 1 };
    let first = k % c0_choices + u64::from(!include_singular);
    let mut rest = k / c0_choices;
    let mut coeffs = Vec::with_capacity(d as usize);
    coeffs.push(first);
    for _ in 1..d {
        coeffs.push(rest % q);
        rest /= q;
    }
    coeffs
}

/// Counts across all analyses of a census.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The degree of every LFSR.
    pub degree: u32,
    /// Whether singular LFSRs (c0 = 0) were included.
    pub include_singular: bool,
    /// LFSRs analyzed.
    pub lfsrs: u64,
    /// With a primitive characteristic polynomial.
    pub primitive: u64,
    /// With an irreducible characteristic polynomial.
    pub irreducible: u64,
    /// Singular ones (c0 = 0).
    pub singular: u64,
    /// How many LFSRs have each max period, by max period (JSON: a list of
    /// `{max_period, count}`).
    #[serde(serialize_with = "ser_tally")]
    pub max_periods: BTreeMap<BigUint, u64>,
}

fn ser_tally<S: serde::Serializer>(
    tally: &BTreeMap<BigUint, u64>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(tally.iter().map(|(p, &count)| MaxPeriodCount {
        max_period: p.clone(),
        count,
    }))
}

/// `count` LFSRs whose longest cycle has length `max_period`.
#[derive(Debug, Clone, Serialize)]
struct MaxPeriodCount {
    #[serde(serialize_with = "ser_big")]
    max_period: BigUint,
    count: u64,
}

impl Summary {
    /// An empty summary.
    pub fn new(degree: u32, include_singular: bool) -> Self {
        Summary {
            degree,
            include_singular,
            lfsrs: 0,
            primitive: 0,
            irreducible: 0,
            singular: 0,
            max_periods: BTreeMap::new(),
        }
    }

    /// Counts one analysis.
    pub fn add(&mut self, a: &Analysis) {
        self.lfsrs += 1;
        self.primitive += u64::from(a.primitive);
        self.irreducible += u64::from(a.irreducible);
        self.singular += u64::from(a.singular);
        *self.max_periods.entry(a.max_period.clone()).or_insert(0) += 1;
    }

    /// The CSV form, after the rows of the analyses: comment lines holding a one-row CSV
    /// table (strip the leading `# ` to read it), with the max periods as
    /// `max_period:count` pairs.
    ///
    /// ```text
    /// # census summary
    /// # degree,include_singular,lfsrs,primitive,irreducible,singular,max_periods
    /// # 3,false,4,2,2,0,3:1 4:1 7:2
    /// ```
    pub fn write_csv(&self, w: &mut dyn Write) -> io::Result<()> {
        let tally: Vec<String> = self
            .max_periods
            .iter()
            .map(|(p, c)| format!("{p}:{c}"))
            .collect();
        writeln!(w, "# census summary")?;
        writeln!(
            w,
            "# degree,include_singular,lfsrs,primitive,irreducible,singular,max_periods"
        )?;
        writeln!(
            w,
            "# {},{},{},{},{},{},{}",
            self.degree,
            self.include_singular,
            self.lfsrs,
            self.primitive,
            self.irreducible,
            self.singular,
            tally.join(" ")
        )
    }

    /// The text form.
    pub fn write_text(&self, w: &mut dyn Write) -> io::Result<()> {
        let which = if self.include_singular {
            "all"
        } else {
            "c0 != 0"
        };
        writeln!(
            w,
            "\nCENSUS SUMMARY: degree {}, {} LFSRs ({which})",
            self.degree, self.lfsrs
        )?;
        writeln!(w, "  primitive:   {}", self.primitive)?;
        writeln!(w, "  irreducible: {}", self.irreducible)?;
        writeln!(w, "  singular:    {}", self.singular)?;
        writeln!(w, "\nMAX PERIOD DISTRIBUTION")?;
        let rows: Vec<[String; 2]> = self
            .max_periods
            .iter()
            .map(|(period, count)| [period.to_string(), count.to_string()])
            .collect();
        super::report_text::table(w, ["max period", "LFSRs"], &rows, [12, 8])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(size(2, 10, false), Some(512));
        assert_eq!(size(2, 10, true), Some(1024));
        assert_eq!(size(3, 2, false), Some(6));
        assert_eq!(size(2, 64, false), Some(1 << 63));
        assert_eq!(size(2, 64, true), None);
    }

    #[test]
    fn every_vector_once_c0_never_zero() {
        let (q, d) = (3, 3);
        let n = size(q, d, false).unwrap();
        let mut seen: Vec<Vec<u64>> = (0..n).map(|k| coefficients(k, q, d, false)).collect();
        assert!(seen
            .iter()
            .all(|c| c.len() == 3 && c[0] != 0 && c.iter().all(|&x| x < q)));
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len() as u64, n);
        let all = size(q, d, true).unwrap();
        let mut every: Vec<Vec<u64>> = (0..all).map(|k| coefficients(k, q, d, true)).collect();
        every.sort();
        every.dedup();
        assert_eq!(every.len(), 27);
    }
}
