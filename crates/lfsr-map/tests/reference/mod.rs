//! The known answers the tests check, one copy of each, read from the data files in
//! `crates/lfsr-map/tests/data/`:
//!
//! - `reference-6.tsv`, `reference-6b.tsv`: the tables of sections 6 and 6b of the reference
//!   (`/work/shared/reference/lfsr-conventions.md`), one LFSR per line ([`section_6`],
//!   [`section_6b`], [`all`], [`find`]);
//! - `cycles-6.tsv`: the exact cycle listings of section 6 ([`exact_cycles`]);
//! - `A*.tsv`: OEIS sequences, `n` and `a(n)` per line ([`oeis`]);
//! - `named-gf2.tsv`: the named (non-)primitive polynomials of section 6b ([`named_gf2`]).
//!
//! Each file names in its header where its values come from and what independent computation
//! backs them; the document, OEIS or theory is the source, never the code under test: fix a
//! value only if its source says otherwise. The files are embedded with `include_str!` (paths
//! relative to this file), so no test depends on the working directory or reads anything
//! outside the repository at run time, and other test crates can include this module with
//! `#[path]`. A line that does not parse panics with its `file:line`, failing the test that
//! reads it.
//!
//! Conventions of the document kept here: coefficients `c0..c_{d-1}`; characteristic
//! polynomial `x^d - sum c_i x^i`, printed SageMath style; over GF(4) the integer 2 encodes the
//! root `a` of the Conway polynomial `a^2 + a + 1`; cycles as (period, number of cycles).
#![allow(dead_code)] // each test crate uses a different subset

use std::collections::BTreeMap;
use std::fmt::Display;
use std::str::FromStr;

// The data files (the parsing of their lines is at the end of this module).

/// A data file of `tests/data/`, embedded at compile time.
#[derive(Clone, Copy)]
struct DataFile {
    /// The path from the repository root, for error messages.
    path: &'static str,
    text: &'static str,
}

/// The [`DataFile`] `tests/data/$name`.
macro_rules! data_file {
    ($name:literal) => {
        DataFile {
            path: concat!("crates/lfsr-map/tests/data/", $name),
            text: include_str!(concat!("../data/", $name)),
        }
    };
}

/// One row of the reference tables.
pub struct Row {
    /// The field size.
    pub q: u64,
    /// `c0..c_{d-1}`.
    pub coeffs: Vec<u64>,
    /// The characteristic polynomial, SageMath style.
    pub char_poly: &'static str,
    /// Monic irreducible factors with multiplicities, in the library's order (x first, then by
    /// degree). A name ending in `...` gives only the leading term: the document names the
    /// degree but not the factor.
    pub factors: Vec<(&'static str, u32)>,
    /// (period, number of cycles), ascending.
    pub cycles: Vec<(u64, u64)>,
    /// (tail length, number of transient states), ascending; empty when `c0 != 0`.
    pub tails: Vec<(u64, u64)>,
}

impl Row {
    /// The degree d.
    pub fn degree(&self) -> u32 {
        self.coeffs.len() as u32
    }

    /// `{period: cycles}`.
    pub fn cycle_map(&self) -> BTreeMap<u64, u64> {
        self.cycles.iter().copied().collect()
    }

    /// `{tail: states}`.
    pub fn tail_map(&self) -> BTreeMap<u64, u64> {
        self.tails.iter().copied().collect()
    }

    /// The largest period.
    pub fn max_period(&self) -> u64 {
        self.cycles.iter().map(|&(p, _)| p).max().unwrap()
    }

    /// How many cycles.
    pub fn cycle_count(&self) -> u64 {
        self.cycles.iter().map(|&(_, n)| n).sum()
    }

    /// The multiplicity of x in the characteristic polynomial (0 when `c0 != 0`).
    pub fn x_multiplicity(&self) -> u32 {
        self.factors
            .iter()
            .find(|(g, _)| *g == "x")
            .map_or(0, |&(_, e)| e)
    }

    /// (degree, multiplicity) of every factor other than x, as listed.
    pub fn shape(&self) -> Vec<(usize, u32)> {
        self.factors
            .iter()
            .filter(|(g, _)| *g != "x")
            .map(|&(g, e)| {
                let degree = leading_degree(g).expect("checked when the table was read");
                (degree, e)
            })
            .collect()
    }

    /// How many states lie off the cycles (0 when `c0 != 0`).
    pub fn transient_states(&self) -> u64 {
        self.tails.iter().map(|&(_, n)| n).sum()
    }

    /// The longest tail (0 when `c0 != 0`).
    pub fn max_tail(&self) -> u64 {
        self.tails.iter().map(|&(t, _)| t).max().unwrap_or(0)
    }

    /// The characteristic polynomial is its own only factor.
    pub fn irreducible(&self) -> bool {
        self.factors.len() == 1 && self.factors[0].1 == 1
    }

    /// Irreducible, and its only nonzero cycle has length q^d - 1.
    pub fn primitive(&self) -> bool {
        let full = self.q.pow(self.degree()) - 1;
        self.irreducible() && self.cycles == [(1, 1), (full, 1)]
    }
}

/// The degree of a polynomial from its leading term (`x^13 + ...` -> 13, `x + a` -> 1,
/// `1` -> 0); `None` if the leading term is not a power of x or a constant.
fn leading_degree(poly: &str) -> Option<usize> {
    let lead = poly.split(' ').next()?;
    match lead {
        "x" => Some(1),
        _ => match lead.strip_prefix("x^") {
            Some(e) => e.parse().ok(),
            None => lead.parse::<u64>().ok().map(|_| 0),
        },
    }
}

/// `head` padded with zeros to length `len`.
pub fn zeros_after(head: &[u64], len: usize) -> Vec<u64> {
    let mut v = head.to_vec();
    v.resize(len, 0);
    v
}

/// Section 6: the table, then its two singular examples.
pub fn section_6() -> Vec<Row> {
    read_rows(data_file!("reference-6.tsv"))
}

/// Section 6b.
pub fn section_6b() -> Vec<Row> {
    read_rows(data_file!("reference-6b.tsv"))
}

/// Sections 6 and 6b, in the document's order.
pub fn all() -> Vec<Row> {
    let mut rows = section_6();
    rows.extend(section_6b());
    rows
}

/// The row with these coefficients over GF(q).
pub fn find(q: u64, coeffs: &[u64]) -> Row {
    all()
        .into_iter()
        .find(|r| r.q == q && r.coeffs == coeffs)
        .unwrap_or_else(|| panic!("no reference row for q = {q}, {coeffs:?}"))
}

/// The exact cycles of the LFSR with these coefficients over GF(q), as section 6 lists them:
/// sequence 1, 2, ... in order, each a list of states `(s0, ..., s_{d-1})` in clock order
/// from its lowest-index state. Panics if the document lists no cycles for it.
pub fn exact_cycles(q: u64, coeffs: &[u64]) -> Vec<Vec<Vec<u64>>> {
    let mut cycles: Vec<Vec<Vec<u64>>> = Vec::new();
    for line in data_file!("cycles-6.tsv").lines(4) {
        if line.number::<u64>(0, "q") != q || line.numbers(1, "coefficients") != coeffs {
            continue;
        }
        let sequence: usize = line.number(2, "sequence");
        if sequence != cycles.len() + 1 {
            line.fail(format_args!(
                "sequence {sequence}, expected {}",
                cycles.len() + 1
            ));
        }
        let states = line.field(3).split(' ').map(|s| {
            let state = s
                .strip_prefix('(')
                .and_then(|s| s.strip_suffix(')'))
                .unwrap_or_else(|| line.fail(format_args!("state `{s}` is not (s0,...)")));
            let state = line.parse_list(state, "state");
            if state.len() != coeffs.len() || state.iter().any(|&s| s >= q) {
                line.fail(format_args!("state {s} is not in GF({q})^{}", coeffs.len()));
            }
            state
        });
        cycles.push(states.collect());
    }
    if cycles.is_empty() {
        panic!("no exact cycles listed for q = {q}, {coeffs:?}");
    }
    cycles
}

/// The index `k = sum_j s_j q^j` of the state `(s0, ..., s_{d-1})` (section 2: coordinate 0
/// varies fastest).
pub fn state_index(q: u64, state: &[u64]) -> u64 {
    state.iter().rev().fold(0, |k, &s| k * q + s)
}

/// The terms `(n, a(n))` of the OEIS sequence with this A-number that `tests/data/` holds,
/// in order; see the file's header for which terms those are.
pub fn oeis(a_number: &str) -> Vec<(u64, u64)> {
    let file = match a_number {
        "A001037" => data_file!("A001037.tsv"),
        "A011260" => data_file!("A011260.tsv"),
        "A027385" => data_file!("A027385.tsv"),
        "A046932" => data_file!("A046932.tsv"),
        "A073639" => data_file!("A073639.tsv"),
        _ => panic!("no data file for OEIS {a_number} in tests/data/"),
    };
    let mut terms: Vec<(u64, u64)> = Vec::new();
    for line in file.lines(2) {
        let n: u64 = line.number(0, "n");
        if let Some(&(last, _)) = terms.last() {
            if n != last + 1 {
                line.fail(format_args!(
                    "n = {n} after n = {last}: terms must be consecutive"
                ));
            }
        }
        terms.push((n, line.number(1, "a(n)")));
    }
    terms
}

/// A polynomial over GF(2) named in section 6b.
pub struct NamedPoly {
    /// The polynomial, SageMath style.
    pub poly: &'static str,
    /// The exponents of its terms, descending (the first is the degree).
    pub exponents: Vec<u32>,
    /// Primitive, per the document.
    pub primitive: bool,
    /// Where it comes from (`CRC-32 (IEEE 802.3)`, ...).
    pub name: &'static str,
}

impl NamedPoly {
    /// The degree.
    pub fn degree(&self) -> u32 {
        self.exponents[0]
    }
}

/// The named primitive polynomials of section 6b, then its non-primitive one.
pub fn named_gf2() -> Vec<NamedPoly> {
    let lines = data_file!("named-gf2.tsv").lines(3);
    lines
        .iter()
        .map(|line| {
            let poly = line.field(0);
            let exponents: Vec<u32> = poly
                .split(" + ")
                .map(|term| match term {
                    "1" => 0,
                    "x" => 1,
                    _ => match term.strip_prefix("x^").map(str::parse) {
                        Some(Ok(e)) if e > 1 => e,
                        _ => line.fail(format_args!("term `{term}` is not 1, x or x^e")),
                    },
                })
                .collect();
            if exponents.windows(2).any(|w| w[0] <= w[1]) {
                line.fail("the exponents must descend");
            }
            let primitive = match line.field(1) {
                "primitive" => true,
                "not primitive" => false,
                other => line.fail(format_args!("`{other}`: primitive or not primitive?")),
            };
            NamedPoly {
                poly,
                exponents,
                primitive,
                name: line.field(2),
            }
        })
        .collect()
}

// Parsing.

/// A data line of a [`DataFile`]: where it is and its tab-separated fields.
struct Line {
    path: &'static str,
    number: usize,
    fields: Vec<&'static str>,
}

impl DataFile {
    /// The data lines (neither blank nor `#` comments), each checked to have `columns` fields.
    fn lines(self, columns: usize) -> Vec<Line> {
        let lines = self.text.lines().zip(1..);
        lines
            .filter(|(text, _)| !text.trim().is_empty() && !text.starts_with('#'))
            .map(|(text, number)| {
                let line = Line {
                    path: self.path,
                    number,
                    fields: text.split('\t').collect(),
                };
                if line.fields.len() != columns {
                    let n = line.fields.len();
                    line.fail(format_args!("{n} tab-separated fields, expected {columns}"));
                }
                line
            })
            .collect()
    }
}

impl Line {
    /// Panics with `file:line: message`.
    fn fail(&self, message: impl Display) -> ! {
        panic!("{}:{}: {message}", self.path, self.number)
    }

    /// Field `i` (the number of fields was checked when the line was read).
    fn field(&self, i: usize) -> &'static str {
        self.fields[i]
    }

    fn parse<T: FromStr>(&self, text: &str, what: &str) -> T {
        text.parse()
            .unwrap_or_else(|_| self.fail(format_args!("{what}: `{text}` is not a number")))
    }

    /// Field `i` as a number.
    fn number<T: FromStr>(&self, i: usize, what: &str) -> T {
        self.parse(self.field(i), what)
    }

    /// `1,0,1` as numbers.
    fn parse_list(&self, text: &str, what: &str) -> Vec<u64> {
        text.split(',').map(|n| self.parse(n, what)).collect()
    }

    /// Field `i` as a comma-separated list of numbers.
    fn numbers(&self, i: usize, what: &str) -> Vec<u64> {
        self.parse_list(self.field(i), what)
    }

    /// Field `i` as `{key:count, ...}` with ascending keys; `-` is empty when `dash` allows.
    fn counts(&self, i: usize, what: &str, dash: bool) -> Vec<(u64, u64)> {
        let text = self.field(i);
        if dash && text == "-" {
            return vec![];
        }
        let inner = text
            .strip_prefix('{')
            .and_then(|t| t.strip_suffix('}'))
            .unwrap_or_else(|| self.fail(format_args!("{what}: `{text}` is not {{k:n, ...}}")));
        let pairs: Vec<(u64, u64)> = inner
            .split(", ")
            .map(|kv| match kv.split_once(':') {
                Some((k, n)) => (self.parse(k, what), self.parse(n, what)),
                None => self.fail(format_args!("{what}: `{kv}` is not k:n")),
            })
            .collect();
        if pairs.windows(2).any(|w| w[0].0 >= w[1].0) {
            self.fail(format_args!("{what}: `{text}` is not ascending"));
        }
        pairs
    }

    /// Field `i` as `(g)^e * (h) * ...`, or `irreducible`: `char_poly` is its only factor.
    /// The degrees times the multiplicities must add up to `degree`.
    fn factors(
        &self,
        i: usize,
        char_poly: &'static str,
        degree: usize,
    ) -> Vec<(&'static str, u32)> {
        let text = self.field(i);
        let factors: Vec<(&'static str, u32)> = if text == "irreducible" {
            vec![(char_poly, 1)]
        } else {
            text.split(" * ")
                .map(|f| {
                    let (g, e) = f
                        .strip_prefix('(')
                        .and_then(|f| f.rsplit_once(')'))
                        .unwrap_or_else(|| self.fail(format_args!("factor `{f}` is not (g)^e")));
                    let e = match e.strip_prefix('^') {
                        Some(e) => self.parse(e, "multiplicity"),
                        None if e.is_empty() => 1,
                        None => self.fail(format_args!("factor `{f}` is not (g)^e")),
                    };
                    (g, e)
                })
                .collect()
        };
        let mut sum = 0;
        for &(g, e) in &factors {
            match leading_degree(g) {
                Some(m) if m > 0 => sum += m * e as usize,
                _ => self.fail(format_args!("factor `{g}`: no leading term x or x^m")),
            }
        }
        if sum != degree {
            self.fail(format_args!("the factors have degree {sum}, not {degree}"));
        }
        factors
    }
}

/// The rows of a reference table: `q`, coefficients, characteristic polynomial, factors,
/// cycles, tails (the format is in the files' headers).
fn read_rows(file: DataFile) -> Vec<Row> {
    file.lines(6)
        .iter()
        .map(|line| {
            let q: u64 = line.number(0, "q");
            let coeffs = line.numbers(1, "coefficients");
            if let Some(c) = coeffs.iter().find(|&&c| c >= q) {
                line.fail(format_args!("coefficient {c} is not in GF({q})"));
            }
            let char_poly = line.field(2);
            Row {
                q,
                factors: line.factors(3, char_poly, coeffs.len()),
                coeffs,
                char_poly,
                cycles: line.counts(4, "cycles", false),
                tails: line.counts(5, "tails", true),
            }
        })
        .collect()
}

/// The parser's own contract: a bad line fails with its file and line number.
#[cfg(test)]
mod tests {
    use super::*;

    /// The panic message of `read_rows` on a one-line file `bad.tsv`.
    fn error(line: &'static str) -> String {
        let file = DataFile {
            path: "bad.tsv",
            text: line,
        };
        let Err(panic) = std::panic::catch_unwind(|| read_rows(file)) else {
            panic!("{line:?} was read without error");
        };
        panic.downcast_ref::<String>().unwrap().clone()
    }

    #[test]
    fn bad_lines_are_named_by_file_and_line() {
        let good = "# q\tcoefficients\n2\t1,1\tx^2 + x + 1\tirreducible\t{1:1, 3:1}\t-";
        assert_eq!(
            read_rows(DataFile {
                path: "good.tsv",
                text: good
            })
            .len(),
            1
        );
        let bad = [
            (
                "\n\n2\t1,1\tx^2 + x + 1\tirreducible\t{1:1, 3:1}",
                "bad.tsv:3: 5 tab-separated",
            ),
            (
                "2\t1,2\tx^2 + 1\tirreducible\t{1:1}\t-",
                "bad.tsv:1: coefficient 2 is not in GF(2)",
            ),
            (
                "2\t1,1\tx^2 + x + 1\t(x + 1)\t{1:1}\t-",
                "bad.tsv:1: the factors have degree 1",
            ),
            (
                "2\t1,1\tx^2 + x + 1\t(x + 1)^z\t{1:1}\t-",
                "bad.tsv:1: multiplicity: `z`",
            ),
            (
                "2\t1,1\tx^2 + x + 1\tirreducible\t{3:1, 1:1}\t-",
                "bad.tsv:1: cycles: `{3:1, 1:1}`",
            ),
            (
                "2\t1,1\tx^2 + x + 1\tirreducible\t1:1\t-",
                "bad.tsv:1: cycles: `1:1` is not",
            ),
            (
                "2\t1,1\tx^2 + x + 1\tirreducible\t{1:1}\t{}",
                "bad.tsv:1: tails: ``",
            ),
        ];
        for (text, want) in bad {
            let got = error(text);
            assert!(got.starts_with(want), "{text:?}: {got}");
        }
    }
}
