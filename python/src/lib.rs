//! `lfsr_map._lfsr_map`: the Python extension module of the `lfsr_map` package (PyO3).
//!
//! The package's `__init__.py` re-exports everything here; the API is documented in the
//! docstrings, the stubs (`lfsr_map/_lfsr_map.pyi`) and the workspace README (section
//! Python). This crate is glue only: every result comes from the library crates
//! (`lfsr-map`, `gf-core`, the pool crates), the CLI's report shapes are rebuilt as Python
//! dicts (`report.rs`), arguments are checked before any work (`input.rs`), and the work
//! runs without the GIL, cancellable by Ctrl-C (`run.rs`), on the pool the caller chose
//! (`pools.rs`).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod errors;
mod input;
mod pools;
mod report;
mod run;
mod toolkit;

use gf_core::Field;
use lfsr_map::analysis::{analyze as analyze_one, Method, Options};
use lfsr_map::batch::{analyze_batch, BatchError};
use lfsr_map::census::{Census, Summary, SummaryOptions};
use lfsr_map::lfsr::Lfsr;
use lfsr_map::progress::Progress;
use num_bigint::BigUint;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use errors::{analysis_error, census_error, pool_error, value_error, LfsrMapError};
use pools::{IdleTimeoutPoolPy, ScopedPoolPy, SequentialPool, WorkerPool};
use report::{Analysis, Factor, PolyReport};

/// Enumerations of fewer states than this run on the calling thread (they take at most a
/// few milliseconds, less than a thread start matters); larger ones run in the background,
/// cancellable by Ctrl-C. It is the library's split threshold: below it, one job anyway.
const INLINE_STATES: u64 = lfsr_map::enumerate::SPLIT_MIN_STATES;

/// The most LFSRs `analyze_many` takes, and the most rows `census(summary=False)` makes.
const MAX_BATCH: u64 = 1 << 24;

/// GF(q) from an optional `q` (default 2).
fn field_arg(q: Option<&Bound<'_, PyAny>>) -> PyResult<Field> {
    match q {
        Some(q) => input::field(q),
        None => Field::new(2).map_err(|e| value_error(e.to_string())),
    }
}

/// The analysis options from the keyword arguments.
fn options(
    method: Option<&Bound<'_, PyAny>>,
    full: Option<&Bound<'_, PyAny>>,
    memory_limit: Option<&Bound<'_, PyAny>>,
) -> PyResult<Options> {
    let mut opts = Options::default();
    if let Some(m) = method {
        opts.method = input::method(m)?;
    }
    if let Some(f) = full {
        opts.full = input::flag(f, "full")?;
    }
    if let Some(m) = memory_limit {
        opts.memory_limit = input::int_in(m, "memory_limit", 0, u64::MAX)?;
    }
    if opts.full && opts.method == Method::Algebraic {
        return Err(value_error(
            "full=True lists every state, which needs an enumeration: use method='auto' or \
             'enumerate' (method='algebraic' never visits a state)",
        ));
    }
    Ok(opts)
}

/// Whether analyzing `lfsr` with `opts` is long enough to run in the background.
fn runs_long(lfsr: &Lfsr, opts: &Options) -> bool {
    let enumerates = opts.full || opts.method == Method::Enumerate;
    enumerates && lfsr.state_count() >= BigUint::from(INLINE_STATES)
}

/// Analyzes one LFSR: factorization, orders, the whole cycle structure, primitivity.
///
/// `lfsr` is the coefficient sequence `[c0, ..., c_{d-1}]` (ints `0 <= c < q`, SageMath's
/// encoding over GF(p^n), or element strings such as `"a + 1"`), or the characteristic
/// polynomial `x^d - sum c_i x^i` as a string (monic, degree >= 1), so `c_i = -f_i`.
///
/// `method`: `"auto"` (the algebra, enumerating only for `full=True`), `"enumerate"`
/// (visit every state, checked against the algebra) or `"algebraic"` (never visit a
/// state). `full=True` lists every cycle's states (`Analysis.sequences`). An enumeration
/// needing more than `memory_limit` bytes is refused (`ValueError`). `pool`: see
/// `get_worker_pool`, `IdleTimeoutPool`, `ScopedPool`, `SequentialPool` (default: the
/// module-level pool). The GIL is released; Ctrl-C raises `KeyboardInterrupt` and stops
/// an enumeration.
///
/// ```text
/// >>> a = lfsr_map.analyze([1, 1, 0, 1])          # x^4 + x^3 + x + 1
/// >>> a.cycles, a.polynomial_order, a.primitive
/// ([(1, 2), (2, 1), (3, 2), (6, 1)], 6, False)
/// >>> lfsr_map.analyze("x^127 + x + 1").max_period == 2**127 - 1
/// True
/// >>> lfsr_map.analyze("x^2 + x + a", q=4, full=True).sequences[1][:3]
/// [1, 8, 10]
/// ```
#[pyfunction]
#[pyo3(
    signature = (lfsr, q=None, *, method=None, full=None, memory_limit=None, pool=None),
    text_signature = "(lfsr, q=2, *, method='auto', full=False, memory_limit=4294967296, pool=None)"
)]
fn analyze(
    py: Python<'_>,
    lfsr: &Bound<'_, PyAny>,
    q: Option<&Bound<'_, PyAny>>,
    method: Option<&Bound<'_, PyAny>>,
    full: Option<&Bound<'_, PyAny>>,
    memory_limit: Option<&Bound<'_, PyAny>>,
    pool: Option<&Bound<'_, PyAny>>,
) -> PyResult<Analysis> {
    let field = field_arg(q)?;
    let opts = options(method, full, memory_limit)?;
    let lfsr = input::lfsr(lfsr, &field, "lfsr")?;
    let pool = pools::resolve(pool)?;
    let progress = Progress::new();
    let work = || analyze_one(&lfsr, &opts, pool.get(), &progress);
    let outcome = if runs_long(&lfsr, &opts) {
        run::cancellable(py, &progress, work)?
    } else {
        run::inline(py, work)
    };
    outcome
        .map(Analysis::new)
        .map_err(|e| analysis_error("lfsr", &e))
}

/// Reads every LFSR of `lfsrs` (each named `lfsrs[i]` in messages).
fn read_lfsrs(lfsrs: &Bound<'_, PyAny>, field: &Field) -> PyResult<Vec<Lfsr>> {
    if lfsrs.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "lfsrs: expected an iterable of LFSRs (coefficient sequences or polynomial \
             strings), got one str; use analyze() for one LFSR, or pass [text]",
        ));
    }
    let items = lfsrs.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "lfsrs: expected an iterable of LFSRs, got {}",
            lfsrs
                .get_type()
                .name()
                .map_or_else(|_| "object".to_string(), |n| n.to_string())
        ))
    })?;
    let mut out = Vec::new();
    for (i, item) in items.enumerate() {
        if i as u64 == MAX_BATCH {
            return Err(value_error(format!(
                "lfsrs: more than {MAX_BATCH} LFSRs in one call; split the input"
            )));
        }
        out.push(input::lfsr(&item?, field, &format!("lfsrs[{i}]"))?);
    }
    Ok(out)
}

/// The Python error for a failed batch over `lfsrs`.
fn batch_error(e: BatchError<PyErr>, what: &str) -> PyErr {
    match e {
        BatchError::Source { error, .. } | BatchError::Consumer { error, .. } => error,
        BatchError::Analysis { index, error } => {
            analysis_error(&format!("{what}[{index}]"), &error)
        }
        BatchError::Cancelled => LfsrMapError::new_err(format!("{what}: cancelled")),
        BatchError::Pool(e) => pool_error(what, &e),
    }
}

/// Analyzes many LFSRs side by side on the pool (lfsr-map's batch engine) and returns the
/// analyses as a list, in input order. `lfsrs` is an iterable of what `analyze` takes (all
/// over GF(q)); the options are `analyze`'s. Every input is checked before any work; a bad
/// one raises naming its position (`lfsrs[3][1] = 5: not an element of GF(2)`).
///
/// ```text
/// >>> [a.primitive for a in lfsr_map.analyze_many([[1, 1], "x^3 + x + 1", [1, 1, 0, 1]])]
/// [True, True, False]
/// ```
#[pyfunction]
#[pyo3(
    signature = (lfsrs, q=None, *, method=None, full=None, memory_limit=None, pool=None),
    text_signature = "(lfsrs, q=2, *, method='auto', full=False, memory_limit=4294967296, pool=None)"
)]
fn analyze_many<'py>(
    py: Python<'py>,
    lfsrs: &Bound<'py, PyAny>,
    q: Option<&Bound<'py, PyAny>>,
    method: Option<&Bound<'py, PyAny>>,
    full: Option<&Bound<'py, PyAny>>,
    memory_limit: Option<&Bound<'py, PyAny>>,
    pool: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let field = field_arg(q)?;
    let opts = options(method, full, memory_limit)?;
    let lfsrs = read_lfsrs(lfsrs, &field)?;
    let pool = pools::resolve(pool)?;
    let progress = Progress::new();
    let analyses = run::cancellable(py, &progress, || {
        let mut out = Vec::with_capacity(lfsrs.len());
        analyze_batch(
            lfsrs.len() as u64,
            |k| Ok::<_, PyErr>(lfsrs[k as usize].clone()),
            |_, _| opts.clone(),
            pool.get(),
            &progress,
            |_, a| {
                out.push(a);
                Ok(())
            },
        )
        .map(|()| out)
    })?
    .map_err(|e| batch_error(e, "lfsrs"))?;
    PyList::new(py, analyses.into_iter().map(Analysis::new))
}

/// The census of every LFSR of one degree over GF(q) (`c0 != 0`, or all with
/// `include_singular=True`), counted over factorization types without analyzing each LFSR:
/// a dict equal to the CLI's JSON `census` object (`lfsr-map census --summary --format
/// json`): degree, include_singular, lfsrs, primitive, irreducible, singular, max_periods,
/// cycle_counts, factor_patterns, and with `cycle_structures=True` cycle_structures.
///
/// With `summary=False` every LFSR is also analyzed alone (at most 2^24 of them), in the
/// census order (`c0` fastest), under the extra key `"analyses"` (a list of `Analysis`),
/// and their tally is checked against the summary.
///
/// ```text
/// >>> s = lfsr_map.census(4)
/// >>> s["lfsrs"], s["primitive"], s["max_periods"][-1]
/// (8, 2, {'max_period': 15, 'count': 2})
/// ```
#[pyfunction]
#[pyo3(
    signature = (degree, q=None, *, summary=None, include_singular=None, cycle_structures=None, pool=None),
    text_signature = "(degree, q=2, *, summary=True, include_singular=False, cycle_structures=False, pool=None)"
)]
fn census<'py>(
    py: Python<'py>,
    degree: &Bound<'py, PyAny>,
    q: Option<&Bound<'py, PyAny>>,
    summary: Option<&Bound<'py, PyAny>>,
    include_singular: Option<&Bound<'py, PyAny>>,
    cycle_structures: Option<&Bound<'py, PyAny>>,
    pool: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let field = field_arg(q)?;
    let flag = |v: Option<&Bound<'py, PyAny>>, what, default| match v {
        Some(v) => input::flag(v, what),
        None => Ok(default),
    };
    let summary_only = flag(summary, "summary", true)?;
    let all = flag(include_singular, "include_singular", false)?;
    let opts = SummaryOptions {
        cycle_structures: flag(cycle_structures, "cycle_structures", false)?,
    };
    let degree = input::int_in(degree, "degree", 1, u64::from(u32::MAX))?;
    let degree = u32::try_from(degree).map_err(|e| value_error(format!("degree: {e}")))?;
    let census = Census::new(&field, degree, all).map_err(|e| census_error(&e))?;
    let rows = if summary_only {
        0
    } else {
        u64::try_from(census.size())
            .ok()
            .filter(|&n| n <= MAX_BATCH)
            .ok_or_else(|| {
                value_error(format!(
                    "census: degree {degree} over GF({}) has {} LFSRs, too many to analyze one \
                     by one (at most {MAX_BATCH}); use summary=True",
                    field.q(),
                    census.size()
                ))
            })?
    };
    let pool = pools::resolve(pool)?;
    let progress = Progress::new();
    let (s, analyses) = run::cancellable(py, &progress, || {
        let s = census
            .summary(&opts, pool.get(), &progress)
            .map_err(|e| census_error(&e))?;
        if summary_only {
            return Ok((s, Vec::new()));
        }
        census_rows(&census, rows, &s, pool.get(), &progress).map(|rows| (s, rows))
    })??;
    let d = report::summary_dict(py, &s)?;
    if !summary_only {
        d.set_item(
            "analyses",
            PyList::new(py, analyses.into_iter().map(Analysis::new))?,
        )?;
    }
    Ok(d)
}

/// Every LFSR of the census analyzed alone, in census order; their tally must equal the
/// summary counted over factorization types (as the CLI checks).
fn census_rows(
    census: &Census,
    rows: u64,
    expected: &Summary,
    pool: &dyn worker_pool::WorkerPool,
    progress: &Progress,
) -> PyResult<Vec<lfsr_map::Analysis>> {
    let mut tally = Summary::new(
        census.field().q(),
        census.degree(),
        census.include_singular(),
        expected.cycle_structures.is_some(),
    );
    let mut out = Vec::with_capacity(rows as usize);
    let source = |k: u64| {
        census
            .lfsr(u128::from(k))
            .ok_or_else(|| LfsrMapError::new_err(format!("census row {k} is out of range")))
    };
    analyze_batch(
        rows,
        source,
        |_, _| Options::default(),
        pool,
        progress,
        |_, a| {
            tally
                .add(&a)
                .map_err(|e| LfsrMapError::new_err(format!("census: {e}")))?;
            out.push(a);
            Ok(())
        },
    )
    .map_err(|e| batch_error(e, "census row"))?;
    if &tally != expected {
        return Err(LfsrMapError::new_err(format!(
            "internal invariant broken: the census rows add up to {} LFSRs, {} primitive, but \
             the count over factorization types gives {}, {}",
            tally.lfsrs, tally.primitive, expected.lfsrs, expected.primitive
        )));
    }
    Ok(out)
}

/// Factorization, orders, irreducibility and primitivity of one polynomial over GF(q): a
/// dict equal to the CLI's JSON `polynomial` object (`lfsr-map poly TEXT --format json`).
/// An order that needs an unfactorable `q^m - 1` is `None` with an `order_unknown` reason.
///
/// ```text
/// >>> r = lfsr_map.poly("x^4 + x^3 + x + 1")
/// >>> [(f["polynomial"], f["multiplicity"], f["order"]) for f in r["factors"]], r["order"]
/// ([('x + 1', 2, 1), ('x^2 + x + 1', 1, 3)], 6)
/// ```
#[pyfunction]
#[pyo3(signature = (text, q=None), text_signature = "(text, q=2)")]
fn poly<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    q: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let field = field_arg(q)?;
    let text = text.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!(
            "text: expected a polynomial string such as 'x^4 + x + 1', got {}",
            text.get_type()
                .name()
                .map_or_else(|_| "object".to_string(), |n| n.to_string())
        ))
    })?;
    let f = input::parse_polynomial(&text.to_cow()?, &field, "text")?;
    let report = run::inline(py, || PolyReport::new(&f)).map_err(report::poly_error)?;
    report.to_dict(py)
}

/// Part `part` of `parts` (from 1) of a census summary, as the encoded text that
/// `census_merge` reads: the same cut for every machine, so the parts can run anywhere
/// (`lfsr_map.distributed.census` sends them to Dask workers).
///
/// ```text
/// >>> parts = [lfsr_map.census_part(10, part=k, parts=3) for k in (1, 2, 3)]
/// >>> lfsr_map.census_merge(10, 2, parts) == lfsr_map.census(10)
/// True
/// ```
#[pyfunction]
#[pyo3(
    signature = (degree, q=None, *, part, parts, include_singular=None, cycle_structures=None, pool=None),
    text_signature = "(degree, q=2, *, part, parts, include_singular=False, cycle_structures=False, pool=None)"
)]
#[allow(clippy::too_many_arguments)]
fn census_part<'py>(
    py: Python<'py>,
    degree: &Bound<'py, PyAny>,
    q: Option<&Bound<'py, PyAny>>,
    part: &Bound<'py, PyAny>,
    parts: &Bound<'py, PyAny>,
    include_singular: Option<&Bound<'py, PyAny>>,
    cycle_structures: Option<&Bound<'py, PyAny>>,
    pool: Option<&Bound<'py, PyAny>>,
) -> PyResult<String> {
    let (census, opts) = census_args(degree, q, include_singular, cycle_structures)?;
    let count = input::int_in(parts, "parts", 1, 1 << 20)?;
    let index = input::int_in(part, "part", 1, count)?;
    let part = lfsr_map::census::Part::new(index as u32, count as u32)
        .map_err(|e| value_error(format!("part: {e}")))?;
    let pool = pools::resolve(pool)?;
    let progress = Progress::new();
    let s = run::cancellable(py, &progress, || {
        census
            .summary_part(&opts, part, pool.get(), &progress)
            .map_err(|e| census_error(&e))
    })??;
    Ok(s.encode())
}

/// The census summary from all the parts `census_part` made (in any order): the same dict
/// as `census(degree, q, ...)`. A part missing, given twice, or of another census raises
/// `ValueError`.
#[pyfunction]
#[pyo3(
    signature = (degree, q, parts, *, include_singular=None, cycle_structures=None),
    text_signature = "(degree, q, parts, *, include_singular=False, cycle_structures=False)"
)]
fn census_merge<'py>(
    py: Python<'py>,
    degree: &Bound<'py, PyAny>,
    q: &Bound<'py, PyAny>,
    parts: Vec<String>,
    include_singular: Option<&Bound<'py, PyAny>>,
    cycle_structures: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let (census, opts) = census_args(degree, Some(q), include_singular, cycle_structures)?;
    let decoded = parts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let s = Summary::decode(text).map_err(|e| value_error(format!("parts[{i}]: {e}")))?;
            if s.cycle_structures.is_some() != opts.cycle_structures {
                return Err(value_error(format!(
                    "parts[{i}]: made with cycle_structures={}",
                    s.cycle_structures.is_some()
                )));
            }
            Ok(s)
        })
        .collect::<PyResult<Vec<_>>>()?;
    let merged = census
        .merge(decoded)
        .map_err(|e| value_error(format!("the parts do not make up the census: {e}")))?;
    report::summary_dict(py, &merged)
}

/// The census and summary options of `census_part` and `census_merge`.
fn census_args(
    degree: &Bound<'_, PyAny>,
    q: Option<&Bound<'_, PyAny>>,
    include_singular: Option<&Bound<'_, PyAny>>,
    cycle_structures: Option<&Bound<'_, PyAny>>,
) -> PyResult<(Census, SummaryOptions)> {
    let field = field_arg(q)?;
    let flag = |v: Option<&Bound<'_, PyAny>>, what| match v {
        Some(v) => input::flag(v, what),
        None => Ok(false),
    };
    let all = flag(include_singular, "include_singular")?;
    let opts = SummaryOptions {
        cycle_structures: flag(cycle_structures, "cycle_structures")?,
    };
    let degree = input::int_in(degree, "degree", 1, u64::from(u32::MAX))?;
    let degree = u32::try_from(degree).map_err(|e| value_error(format!("degree: {e}")))?;
    let census = Census::new(&field, degree, all).map_err(|e| census_error(&e))?;
    Ok((census, opts))
}

/// The extension module.
#[pymodule]
fn _lfsr_map(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("MAX_WORKERS", pools::MAX_WORKERS)?;
    m.add("LfsrMapError", py.get_type::<LfsrMapError>())?;
    m.add("PoolClosedError", py.get_type::<errors::PoolClosedError>())?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_many, m)?)?;
    m.add_function(wrap_pyfunction!(census, m)?)?;
    m.add_function(wrap_pyfunction!(poly, m)?)?;
    m.add_function(wrap_pyfunction!(toolkit::sequence, m)?)?;
    m.add_function(wrap_pyfunction!(toolkit::berlekamp_massey, m)?)?;
    m.add_function(wrap_pyfunction!(toolkit::find, m)?)?;
    m.add_function(wrap_pyfunction!(census_part, m)?)?;
    m.add_function(wrap_pyfunction!(census_merge, m)?)?;
    m.add_function(wrap_pyfunction!(pools::get_worker_pool, m)?)?;
    m.add_function(wrap_pyfunction!(pools::shutdown_worker_pool, m)?)?;
    m.add_class::<Analysis>()?;
    m.add_class::<Factor>()?;
    m.add_class::<WorkerPool>()?;
    m.add_class::<IdleTimeoutPoolPy>()?;
    m.add_class::<ScopedPoolPy>()?;
    m.add_class::<SequentialPool>()?;
    Ok(())
}
