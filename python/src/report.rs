//! The results as Python objects: [`Analysis`] (one LFSR), the census summary and the
//! polynomial report as dicts, in exactly the shape of the CLI's JSON report
//! (docs/json-schema.md), with every integer an exact Python `int`.

use std::fmt::Write as _;

use gf_core::order::{profile, Order};
use gf_core::Poly;
use lfsr_map::analysis::{self, MethodUsed};
use lfsr_map::census::Summary;
use num_bigint::BigUint;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::errors::LfsrMapError;

/// One irreducible factor of a characteristic polynomial.
#[pyclass(module = "lfsr_map", frozen, get_all, eq)]
#[derive(Clone, PartialEq, Eq)]
pub struct Factor {
    /// The monic irreducible factor, SageMath style (`"x^2 + x + 1"`).
    pub polynomial: String,
    /// Its multiplicity.
    pub multiplicity: u32,
    /// The order of the irreducible factor itself (not of its power); `None` for `x`.
    pub order: Option<BigUint>,
}

#[pymethods]
impl Factor {
    fn __repr__(&self) -> String {
        let order = self
            .order
            .as_ref()
            .map_or_else(|| "None".to_string(), BigUint::to_string);
        format!(
            "Factor(polynomial='{}', multiplicity={}, order={order})",
            self.polynomial, self.multiplicity
        )
    }
}

/// Everything lfsr-map knows about one LFSR (the result of `analyze`).
///
/// The attributes are the fields of the JSON report's analysis object; `to_dict()` gives
/// that object itself.
#[pyclass(module = "lfsr_map", frozen)]
pub struct Analysis {
    a: analysis::Analysis,
}

impl Analysis {
    /// Wraps a library analysis.
    pub fn new(a: analysis::Analysis) -> Self {
        Analysis { a }
    }

    /// The summary's view of it, for the census check.
    pub fn inner(&self) -> &analysis::Analysis {
        &self.a
    }
}

/// `index` as its `d` coordinates `[s0, ..., s_{d-1}]` (`index = sum s_j q^j`).
fn coords(mut index: u64, q: u64, d: usize) -> Vec<u64> {
    (0..d)
        .map(|_| {
            let c = index % q;
            index /= q;
            c
        })
        .collect()
}

/// `[{key1: a, key2: b}, ...]`.
fn pairs<'py, A, B>(
    py: Python<'py>,
    keys: (&str, &str),
    items: impl IntoIterator<Item = (A, B)>,
) -> PyResult<Bound<'py, PyList>>
where
    A: IntoPyObject<'py>,
    B: IntoPyObject<'py>,
{
    let list = PyList::empty(py);
    for (a, b) in items {
        let d = PyDict::new(py);
        d.set_item(keys.0, a)?;
        d.set_item(keys.1, b)?;
        list.append(d)?;
    }
    Ok(list)
}

#[pymethods]
impl Analysis {
    /// `[c0, ..., c_{d-1}]`, integer-encoded field elements.
    #[getter]
    fn coefficients(&self) -> Vec<u64> {
        self.a.coefficients.clone()
    }

    /// The degree d.
    #[getter]
    fn degree(&self) -> usize {
        self.a.degree
    }

    /// The field order q.
    #[getter]
    fn field(&self) -> u64 {
        self.a.field
    }

    /// `x^d - sum c_i x^i`, SageMath style.
    #[getter]
    fn characteristic_polynomial(&self) -> String {
        self.a.characteristic_polynomial.to_string()
    }

    /// The monic irreducible factors with multiplicities and orders, sorted by degree.
    #[getter]
    fn factors(&self) -> Vec<Factor> {
        self.a
            .factors
            .iter()
            .map(|f| Factor {
                polynomial: f.polynomial.to_string(),
                multiplicity: f.multiplicity,
                order: f.order.clone(),
            })
            .collect()
    }

    /// The order of the characteristic polynomial; `None` when x divides it.
    #[getter]
    fn polynomial_order(&self) -> Option<BigUint> {
        self.a.polynomial_order.clone()
    }

    /// The multiplicative order of the state-update matrix (always `polynomial_order`).
    #[getter]
    fn matrix_order(&self) -> Option<BigUint> {
        self.a.polynomial_order.clone()
    }

    /// The characteristic polynomial is primitive.
    #[getter]
    fn primitive(&self) -> bool {
        self.a.primitive
    }

    /// The characteristic polynomial is irreducible.
    #[getter]
    fn irreducible(&self) -> bool {
        self.a.irreducible
    }

    /// c0 = 0: some states are transient.
    #[getter]
    fn singular(&self) -> bool {
        self.a.singular
    }

    /// q^d, the number of states.
    #[getter]
    fn state_count(&self) -> BigUint {
        self.a.state_count.clone()
    }

    /// `[(period, count), ...]`: `count` cycles of length `period`, sorted by period.
    #[getter]
    fn cycles(&self) -> Vec<(BigUint, BigUint)> {
        self.a
            .cycles
            .iter()
            .map(|c| (c.period.clone(), c.count.clone()))
            .collect()
    }

    /// The number of cycles.
    #[getter]
    fn cycle_count(&self) -> BigUint {
        self.a.cycle_count.clone()
    }

    /// The longest cycle length.
    #[getter]
    fn max_period(&self) -> BigUint {
        self.a.max_period.clone()
    }

    /// The sum of all cycle lengths (the states on cycles).
    #[getter]
    fn periods_sum(&self) -> BigUint {
        self.a.periods_sum.clone()
    }

    /// The states on no cycle (`periods_sum + transient_states == state_count`).
    #[getter]
    fn transient_states(&self) -> BigUint {
        self.a.transient_states.clone()
    }

    /// The longest tail (the multiplicity of x in the characteristic polynomial).
    #[getter]
    fn max_tail(&self) -> u64 {
        self.a.max_tail
    }

    /// `[(tail, count), ...]`: transient states by tail length (empty when not singular).
    #[getter]
    fn tails(&self) -> Vec<(u64, BigUint)> {
        self.a
            .tails
            .iter()
            .map(|t| (t.tail, t.count.clone()))
            .collect()
    }

    /// `"enumerate"` (every state visited, checked against the algebra) or `"algebraic"`.
    #[getter]
    fn method(&self) -> &'static str {
        method_name(self.a.method)
    }

    /// With `full=True`: every cycle as the list of its state indices
    /// (`k = sum s_j q^j`), in clock order from its lowest state; cycles numbered 1, 2, ...
    /// in list order (the zero state first). `None` otherwise.
    #[getter]
    fn sequences(&self) -> Option<Vec<Vec<u64>>> {
        self.a
            .sequences
            .as_ref()
            .map(|seqs| seqs.iter().map(|s| s.states.clone()).collect())
    }

    /// With `full=True` for a singular LFSR: `[(state, sequence, tail), ...]`, every
    /// transient state index with the number of the cycle it falls into and its distance to
    /// it. `None` otherwise.
    #[getter]
    fn transients(&self) -> Option<Vec<(u64, u64, u64)>> {
        self.a
            .transients
            .as_ref()
            .filter(|_| self.a.singular)
            .map(|ts| ts.iter().map(|t| (t.state, t.sequence, t.tail)).collect())
    }

    /// The analysis object of the CLI's JSON report (`lfsr-map analyze ... --format json`,
    /// one element of `analyses`), with the same keys in the same order; states in
    /// `sequences`/`transients` are coordinate lists `[s0, ..., s_{d-1}]`.
    ///
    /// The report's `index` (the 1-based position in its input) is no property of the
    /// analysis: it is left out, unless `index` is given, then it comes first as in the
    /// report.
    #[pyo3(signature = (index=None))]
    fn to_dict<'py>(&self, py: Python<'py>, index: Option<u64>) -> PyResult<Bound<'py, PyDict>> {
        let a = &self.a;
        let d = PyDict::new(py);
        if let Some(index) = index {
            d.set_item("index", index)?;
        }
        d.set_item("coefficients", &a.coefficients)?;
        d.set_item("degree", a.degree)?;
        d.set_item("field", a.field)?;
        d.set_item(
            "characteristic_polynomial",
            a.characteristic_polynomial.to_string(),
        )?;
        let factors = PyList::empty(py);
        for f in &a.factors {
            factors.append(factor_dict(py, &f.polynomial, f.multiplicity, &f.order)?)?;
        }
        d.set_item("factors", factors)?;
        d.set_item("polynomial_order", &a.polynomial_order)?;
        d.set_item("matrix_order", &a.polynomial_order)?;
        d.set_item("primitive", a.primitive)?;
        d.set_item("irreducible", a.irreducible)?;
        d.set_item("singular", a.singular)?;
        d.set_item("state_count", &a.state_count)?;
        let cycles = a.cycles.iter().map(|c| (&c.period, &c.count));
        d.set_item("cycles", pairs(py, ("period", "count"), cycles)?)?;
        d.set_item("cycle_count", &a.cycle_count)?;
        d.set_item("max_period", &a.max_period)?;
        d.set_item("periods_sum", &a.periods_sum)?;
        d.set_item("transient_states", &a.transient_states)?;
        d.set_item("max_tail", a.max_tail)?;
        let tails = a.tails.iter().map(|t| (t.tail, &t.count));
        d.set_item("tails", pairs(py, ("tail", "count"), tails)?)?;
        d.set_item("method", method_name(a.method))?;
        let (q, deg) = (a.field, a.degree);
        if let Some(seqs) = &a.sequences {
            let list = PyList::empty(py);
            for s in seqs {
                let e = PyDict::new(py);
                e.set_item("number", s.number)?;
                e.set_item("period", s.period)?;
                let states = PyList::empty(py);
                for &k in &s.states {
                    states.append(coords(k, q, deg))?;
                }
                e.set_item("states", states)?;
                list.append(e)?;
            }
            d.set_item("sequences", list)?;
        }
        if let Some(ts) = a.transients.as_ref().filter(|_| a.singular) {
            let list = PyList::empty(py);
            for t in ts {
                let e = PyDict::new(py);
                e.set_item("state", coords(t.state, q, deg))?;
                e.set_item("sequence", t.sequence)?;
                e.set_item("tail", t.tail)?;
                list.append(e)?;
            }
            d.set_item("transients", list)?;
        }
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let a = &self.a;
        let mut s = format!(
            "Analysis(coefficients={:?}, q={}, characteristic_polynomial='{}', primitive={}, \
             max_period={}, cycles=",
            a.coefficients,
            a.field,
            a.characteristic_polynomial,
            if a.primitive { "True" } else { "False" },
            a.max_period
        );
        let shown: Vec<String> = a
            .cycles
            .iter()
            .take(8)
            .map(|c| format!("({}, {})", c.period, c.count))
            .collect();
        let more = if a.cycles.len() > 8 { ", ..." } else { "" };
        let _ = write!(
            s,
            "[{}{more}], method='{}')",
            shown.join(", "),
            method_name(a.method)
        );
        s
    }
}

fn method_name(m: MethodUsed) -> &'static str {
    match m {
        MethodUsed::Enumerate => "enumerate",
        MethodUsed::Algebraic => "algebraic",
    }
}

/// `{polynomial, multiplicity, order}`.
fn factor_dict<'py>(
    py: Python<'py>,
    polynomial: &Poly,
    multiplicity: u32,
    order: &Option<BigUint>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("polynomial", polynomial.to_string())?;
    d.set_item("multiplicity", multiplicity)?;
    d.set_item("order", order)?;
    Ok(d)
}

/// The CLI's JSON `census` object for `s`.
pub fn summary_dict<'py>(py: Python<'py>, s: &Summary) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("degree", s.degree)?;
    d.set_item("include_singular", s.include_singular)?;
    d.set_item("lfsrs", s.lfsrs)?;
    d.set_item("primitive", s.primitive)?;
    d.set_item("irreducible", s.irreducible)?;
    d.set_item("singular", s.singular)?;
    let max_periods = s.max_periods.iter().map(|(&p, &c)| (p, c));
    d.set_item(
        "max_periods",
        pairs(py, ("max_period", "count"), max_periods)?,
    )?;
    let cycle_counts = s.cycle_counts.iter().map(|(&n, &c)| (n, c));
    d.set_item(
        "cycle_counts",
        pairs(py, ("cycles", "count"), cycle_counts)?,
    )?;
    let patterns = PyList::empty(py);
    for (pattern, &count) in &s.factor_patterns {
        let e = PyDict::new(py);
        e.set_item("pattern", pattern.to_string())?;
        let shapes = pattern.0.iter().map(|&(deg, mult)| (deg, mult));
        e.set_item("factors", pairs(py, ("degree", "multiplicity"), shapes)?)?;
        e.set_item("count", count)?;
        patterns.append(e)?;
    }
    d.set_item("factor_patterns", patterns)?;
    if let Some(tally) = &s.cycle_structures {
        let list = PyList::empty(py);
        for (cycles, &count) in tally {
            let e = PyDict::new(py);
            let cycles = cycles.iter().map(|&(p, c)| (p, c));
            e.set_item("cycles", pairs(py, ("period", "count"), cycles)?)?;
            e.set_item("count", count)?;
            list.append(e)?;
        }
        d.set_item("cycle_structures", list)?;
    }
    Ok(d)
}

/// What `poly` reports about one polynomial, computed without the GIL.
pub struct PolyReport {
    polynomial: String,
    degree: usize,
    unit: u64,
    /// `(factor, multiplicity, order)`; the order `Err(reason)` when unknown, `Ok(None)`
    /// for `x`.
    factors: Vec<(String, u32, Result<Option<BigUint>, String>)>,
    /// `Ok(None)`: infinite (x divides it); `Err(reason)`: unknown.
    order: Result<Option<BigUint>, String>,
    irreducible: bool,
    /// `None` when it depends on an unknown order.
    primitive: Option<bool>,
}

impl PolyReport {
    /// The report on `f` (degree >= 1), from gf-core's `profile` (the CLI's `poly` reads the
    /// same): an order that needs an unfactored `q^m - 1` is its reason; `Err` for any other
    /// failure.
    pub fn new(f: &Poly) -> Result<PolyReport, String> {
        let p = profile(f).map_err(|e| format!("{f}: {e}"))?;
        let finite = |o: Order| match o {
            Order::Finite(n) => Some(n),
            Order::Infinite => None,
        };
        let factors = p
            .factors
            .into_iter()
            .map(|g| {
                let order = g.order.map(finite).map_err(|e| e.to_string());
                (g.factor.to_string(), g.multiplicity, order)
            })
            .collect();
        Ok(PolyReport {
            polynomial: f.to_string(),
            degree: f.degree().unwrap_or(0),
            unit: p.unit,
            factors,
            order: p.order.map(finite).map_err(|e| e.to_string()),
            irreducible: p.irreducible,
            primitive: p.primitive.ok(),
        })
    }

    /// The CLI's JSON `polynomial` object (`lfsr-map poly ... --format json`).
    pub fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("polynomial", &self.polynomial)?;
        d.set_item("degree", self.degree)?;
        d.set_item("unit", self.unit)?;
        let factors = PyList::empty(py);
        for (g, multiplicity, order) in &self.factors {
            let e = PyDict::new(py);
            e.set_item("polynomial", g)?;
            e.set_item("multiplicity", multiplicity)?;
            set_order(&e, order)?;
            factors.append(e)?;
        }
        d.set_item("factors", factors)?;
        set_order(&d, &self.order)?;
        d.set_item("irreducible", self.irreducible)?;
        d.set_item("primitive", self.primitive)?;
        Ok(d)
    }
}

/// `order` (null when infinite or unknown) and, when unknown, `order_unknown`.
fn set_order(d: &Bound<'_, PyDict>, order: &Result<Option<BigUint>, String>) -> PyResult<()> {
    match order {
        Ok(o) => d.set_item("order", o),
        Err(why) => {
            d.set_item("order", None::<u64>)?;
            d.set_item("order_unknown", why)
        }
    }
}

/// An `LfsrMapError` for a failure of `poly`.
pub fn poly_error(message: String) -> PyErr {
    LfsrMapError::new_err(format!("poly: {message}"))
}
