//! The LFSR toolkit around the state map: output sequences, Berlekamp-Massey and the search
//! for irreducible and primitive polynomials (`sequence`, `berlekamp_massey`, `find`), each
//! the CLI command of the same name (`lfsr-map sequence`, `synth`, `find`) with its JSON
//! object as a dict.

use gf_core::find::{FindError, Property, Search};
use gf_core::{Field, Poly};
use lfsr_map::lfsr::max_degree;
use lfsr_map::progress::Progress;
use lfsr_map::sequence::{default_state, Form, Output};
use lfsr_map::synth::synthesize;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::errors::{value_error, LfsrMapError};
use crate::{field_arg, input, run};

/// The most elements `sequence` returns (a list of 10^8 ints is 800 MB; the CLI streams any
/// length).
const MAX_SEQUENCE: u64 = 100_000_000;

/// The longest sequence `berlekamp_massey` takes: as the CLI's `synth` (quadratic: seconds).
const MAX_SYNTH_GF2: usize = 1 << 20;
const MAX_SYNTH: usize = 1 << 16;

/// Sequences shorter than this are generated on the calling thread.
const INLINE_ELEMENTS: u64 = 1 << 20;

/// The `form` argument.
fn form(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Form> {
    let Some(obj) = obj else {
        return Ok(Form::Fibonacci);
    };
    let s = obj
        .cast::<PyString>()
        .map_err(|_| PyTypeError::new_err("form: expected 'fibonacci' or 'galois'".to_string()))?;
    match s.to_cow()?.as_ref() {
        "fibonacci" => Ok(Form::Fibonacci),
        "galois" => Ok(Form::Galois),
        other => Err(value_error(format!(
            "form = '{}': expected 'fibonacci' or 'galois'",
            input::shorten(other)
        ))),
    }
}

/// Elements of GF(q) from a Python iterable of ints `0 <= v < q`, or from a string of digits
/// (q <= 10, whitespace ignored); at most `limit`; `what` names the argument in messages.
fn elements(
    obj: &Bound<'_, PyAny>,
    field: &Field,
    what: &str,
    limit: usize,
    why: &str,
) -> PyResult<Vec<u64>> {
    let q = field.q();
    if let Ok(s) = obj.cast::<PyString>() {
        // A string of digits, as the CLI's `synth` reads ("0001111010110010"), q <= 10.
        let text = s.to_cow()?;
        let mut out = Vec::new();
        for (i, ch) in text.chars().filter(|c| !c.is_whitespace()).enumerate() {
            let v = ch.to_digit(10).map(u64::from).filter(|&v| v < q && q <= 10);
            match v {
                Some(v) if out.len() < limit => out.push(v),
                Some(_) => {
                    return Err(value_error(format!(
                        "{what}: more than {limit} elements{why}"
                    )))
                }
                None => {
                    return Err(value_error(format!(
                        "{what}[{i}] = '{ch}': not a digit of an element of GF({q}) (a \
                         string holds one digit from 0 to {} per element, for q <= 10)",
                        q.min(10) - 1
                    )))
                }
            }
        }
        return Ok(out);
    }
    let items = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what}: expected a sequence of field elements (ints 0 <= v < {q}) or a string of \
             digits, got {}",
            obj.get_type()
                .name()
                .map_or_else(|_| "object".to_string(), |n| n.to_string())
        ))
    })?;
    let mut out = Vec::new();
    for (i, item) in items.enumerate() {
        if i == limit {
            return Err(value_error(format!(
                "{what}: more than {limit} elements{why}"
            )));
        }
        let v = input::int_in(&item?, &format!("{what}[{i}]"), 0, q - 1)?;
        out.push(v);
    }
    Ok(out)
}

/// The first `length` outputs of an LFSR, as `lfsr-map sequence` gives them: `lfsr` is a
/// coefficient list `[c0, ..., c_{d-1}]` or the characteristic polynomial as a string;
/// `state` the initial state (`d` elements; default: the impulse response `0, ..., 0, 1`);
/// `form` `'fibonacci'` (output `s0`, the `analyze` LFSR, SageMath's `lfsr_sequence`) or
/// `'galois'` (galois' `GLFSR`: multiplication by x mod f, output `g_{d-1}`). Over GF(2) the
/// bits come 64 at a time (gigabits per second).
///
/// ```text
/// >>> lfsr_map.sequence("x^4 + x^3 + 1", 15)
/// [0, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1]
/// >>> lfsr_map.sequence([1, 0, 0, 1], 15, form="galois", state=[1, 0, 0, 0])
/// [0, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1]
/// ```
#[pyfunction]
#[pyo3(
    signature = (lfsr, length, q=None, *, state=None, form=None),
    text_signature = "(lfsr, length, q=2, *, state=None, form='fibonacci')"
)]
pub fn sequence(
    py: Python<'_>,
    lfsr: &Bound<'_, PyAny>,
    length: &Bound<'_, PyAny>,
    q: Option<&Bound<'_, PyAny>>,
    state: Option<&Bound<'_, PyAny>>,
    form: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<u64>> {
    let field = field_arg(q)?;
    let lfsr = input::lfsr(lfsr, &field, "lfsr")?;
    let n = input::int_in(length, "length", 0, MAX_SEQUENCE)?;
    let form = self::form(form)?;
    let d = lfsr.degree();
    let state = match state {
        Some(s) => {
            let s = elements(s, &field, "state", d + 1, "")?;
            if s.len() != d {
                return Err(value_error(format!(
                    "state: {} elements, the LFSR has degree {d}",
                    s.len()
                )));
            }
            s
        }
        None => default_state(d, form),
    };
    let mut output = Output::from_parts(&field, lfsr.coefficients(), form, &state)
        .map_err(|e| value_error(format!("state: {e}")))?;
    let mut out = vec![0u64; n as usize];
    if n < INLINE_ELEMENTS {
        output.fill(&mut out);
    } else {
        let progress = Progress::new();
        run::cancellable(py, &progress, || {
            for chunk in out.chunks_mut(1 << 16) {
                if progress.is_cancelled() {
                    break;
                }
                output.fill(chunk);
            }
        })?;
    }
    Ok(out)
}

/// Berlekamp-Massey: the shortest LFSR that generates `sequence` (ints `0 <= v < q`, or a
/// string of digits for q <= 10), as `lfsr-map synth --format json` reports it: a dict with
/// `length`, `linear_complexity`, `minimal_polynomial` (the characteristic polynomial of the
/// LFSR), `connection_polynomial` (its reciprocal), `coefficients` (the LFSR row for
/// `analyze`; `None` for the all-zero sequence), `initial_state`, `unique` (length >= 2 L) and
/// `singular`; with `profile=True` also `profile`, the linear complexity of every prefix.
///
/// ```text
/// >>> r = lfsr_map.berlekamp_massey([0, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1])
/// >>> r["linear_complexity"], r["minimal_polynomial"], r["coefficients"]
/// (4, 'x^4 + x^3 + 1', [1, 0, 0, 1])
/// >>> lfsr_map.berlekamp_massey("0001", profile=True)["profile"]
/// [0, 0, 0, 4]
/// ```
#[pyfunction]
#[pyo3(
    signature = (sequence, q=None, *, profile=None),
    text_signature = "(sequence, q=2, *, profile=False)"
)]
pub fn berlekamp_massey<'py>(
    py: Python<'py>,
    sequence: &Bound<'py, PyAny>,
    q: Option<&Bound<'py, PyAny>>,
    profile: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let field = field_arg(q)?;
    let with_profile = match profile {
        Some(p) => input::flag(p, "profile")?,
        None => false,
    };
    let limit = if field.q() == 2 {
        MAX_SYNTH_GF2
    } else {
        MAX_SYNTH
    };
    let seq = elements(
        sequence,
        &field,
        "sequence",
        limit,
        " (Berlekamp-Massey takes quadratic time)",
    )?;
    if seq.is_empty() {
        return Err(value_error("sequence: no elements"));
    }
    let syn = run::inline(py, || synthesize(&field, &seq))
        .map_err(|e| value_error(format!("sequence: {e}")))?;
    let l = syn.linear_complexity();
    let d = PyDict::new(py);
    d.set_item("length", syn.len())?;
    d.set_item("linear_complexity", l)?;
    d.set_item("minimal_polynomial", syn.minimal_polynomial().to_string())?;
    d.set_item(
        "connection_polynomial",
        syn.connection_polynomial().to_string(),
    )?;
    d.set_item("coefficients", (l > 0).then(|| syn.coefficients()))?;
    d.set_item("initial_state", syn.initial_state())?;
    d.set_item("unique", syn.is_unique())?;
    d.set_item("singular", syn.is_singular())?;
    if with_profile {
        d.set_item("profile", syn.profile())?;
    }
    Ok(d)
}

/// Irreducible or primitive polynomials of degree `degree` over GF(q), as `lfsr-map find
/// --format json` lists them: dicts with `polynomial`, `coefficients` (the LFSR row for
/// `analyze`) and `weight` (the number of nonzero terms). In galois' order (least first:
/// the integer `q^d + sum f_i q^i`), so `find(d, q)[0]` is galois' `primitive_poly(q, d)`;
/// `weight=3` or `5` asks for trinomials or pentanomials (lowest weight first, as hardware
/// wants them); `count` how many (`None`: all, in order); `seed` a uniformly random choice
/// from that seed instead (`lfsr-map find --random --seed S`), reproducible. Fewer than
/// `count` are returned when fewer exist; a weight that cannot occur (an even one over
/// GF(2), trinomials excluded by Swan's theorem) raises `ValueError` with the reason.
///
/// ```text
/// >>> [p["polynomial"] for p in lfsr_map.find(4, count=None)]
/// ['x^4 + x + 1', 'x^4 + x^3 + 1']
/// >>> lfsr_map.find(32, primitive=True)[0]["polynomial"]
/// 'x^32 + x^7 + x^5 + x^3 + x^2 + x + 1'
/// >>> lfsr_map.find(127, weight=3)[0]["polynomial"]
/// 'x^127 + x + 1'
/// ```
#[pyfunction]
#[pyo3(
    signature = (degree, q=None, *, primitive=None, weight=None, count=Some(1), seed=None),
    text_signature = "(degree, q=2, *, primitive=True, weight=None, count=1, seed=None)"
)]
#[allow(clippy::too_many_arguments)]
pub fn find<'py>(
    py: Python<'py>,
    degree: &Bound<'py, PyAny>,
    q: Option<&Bound<'py, PyAny>>,
    primitive: Option<&Bound<'py, PyAny>>,
    weight: Option<&Bound<'py, PyAny>>,
    count: Option<u64>,
    seed: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let field = field_arg(q)?;
    let limit = max_degree(field.q());
    let d = input::int_in(degree, "degree", 1, limit as u64)? as usize;
    let property = match primitive {
        Some(p) if !input::flag(p, "primitive")? => Property::Irreducible,
        _ => Property::Primitive,
    };
    if count == Some(0) {
        return Err(value_error(
            "count = 0: ask for at least one polynomial (count=None: all)",
        ));
    }
    let seed = seed
        .map(|s| input::int_in(s, "seed", 0, u64::MAX))
        .transpose()?;
    if seed.is_some() && count.is_none() {
        return Err(value_error(
            "count=None (all) with a seed: a random search gives a number of polynomials; \
             ask for count=N",
        ));
    }
    let mut search =
        Search::new(&field, d, property).map_err(|e| value_error(format!("degree: {e}")))?;
    if let Some(w) = weight {
        let w = input::int_in(w, "weight", 1, d as u64 + 1)? as usize;
        search = search
            .weight(w)
            .map_err(|e| value_error(format!("weight = {w}: {e}")))?;
    }
    search.ready().map_err(|e| {
        LfsrMapError::new_err(format!(
            "find: {e} (the factorization of q^d - 1 is needed; primitive=False needs none)"
        ))
    })?;
    let progress = Progress::new();
    let found = run::cancellable(py, &progress, || {
        let mut found: Vec<Poly> = Vec::new();
        let mut step = |s: &mut dyn FnMut() -> Option<Result<Option<Poly>, FindError>>| {
            while count.is_none_or(|n| (found.len() as u64) < n) && !progress.is_cancelled() {
                match s() {
                    None => break,
                    Some(Ok(Some(f))) => found.push(f),
                    Some(Ok(None)) => {}
                    Some(Err(e)) => return Err(e),
                }
            }
            Ok(())
        };
        let done = match seed {
            Some(seed) => {
                let mut r = search.random(seed);
                step(&mut || r.step())
            }
            None => {
                let mut a = search.ascending();
                step(&mut || a.step())
            }
        };
        done.map(|()| found)
    })?
    .map_err(|e| match e {
        FindError::GaveUp { .. } => value_error(format!("seed: {e}")),
        e => LfsrMapError::new_err(format!("find: {e}")),
    })?;
    let list = PyList::empty(py);
    for f in found {
        let e = PyDict::new(py);
        let fd = f.degree().unwrap_or(0);
        let row: Vec<u64> = f.coeffs()[..fd].iter().map(|&c| field.neg(c)).collect();
        e.set_item("polynomial", f.to_string())?;
        e.set_item("coefficients", row)?;
        e.set_item("weight", f.coeffs().iter().filter(|&&c| c != 0).count())?;
        list.append(e)?;
    }
    Ok(list)
}
