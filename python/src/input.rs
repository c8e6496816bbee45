//! Reading the arguments of the Python API: every check happens here, before any work, and
//! every problem becomes a `ValueError` or `TypeError` that names the argument or position.

use gf_core::{Field, Poly};
use lfsr_map::analysis::Method;
use lfsr_map::lfsr::{max_degree, Lfsr};
use num_bigint::{BigInt, Sign};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFrozenSet, PyInt, PySet, PyString};

use crate::errors::value_error;

/// The longest input echoed in a message (a polynomial string can be a megabyte).
const SHOWN: usize = 40;

/// `text`, cut to its first [`SHOWN`] characters.
pub fn shorten(text: &str) -> String {
    let n = text.chars().count();
    if n <= SHOWN {
        return text.to_string();
    }
    let head: String = text.chars().take(SHOWN).collect();
    format!("{head}... ({n} characters)")
}

/// The name of `obj`'s type, for messages.
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "object".to_string(), |n| n.to_string())
}

/// An integer argument: its value if it fits a `u64`, or why not.
pub enum Int {
    /// The value.
    Value(u64),
    /// Below zero.
    Negative(BigInt),
    /// Above `u64::MAX`.
    Huge(BigInt),
}

/// Reads `obj` as an integer: an `int` or anything with `__index__` (numpy integers), but
/// not a `bool`. A `TypeError` naming `what` for anything else.
pub fn int(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Int> {
    if obj.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "{what}: expected an int, got bool"
        )));
    }
    if let Ok(v) = obj.extract::<u64>() {
        return Ok(Int::Value(v));
    }
    let is_int = obj.is_instance_of::<PyInt>() || obj.hasattr("__index__").unwrap_or(false);
    if !is_int {
        return Err(PyTypeError::new_err(format!(
            "{what}: expected an int, got {}",
            type_name(obj)
        )));
    }
    let v: BigInt = obj.extract()?;
    Ok(if v.sign() == Sign::Minus {
        Int::Negative(v)
    } else {
        Int::Huge(v)
    })
}

/// An integer argument in `lo..=hi`, else a `ValueError` naming `what`.
pub fn int_in(obj: &Bound<'_, PyAny>, what: &str, lo: u64, hi: u64) -> PyResult<u64> {
    let range = if hi == u64::MAX {
        format!("of at least {lo}")
    } else {
        format!("from {lo} to {hi}")
    };
    let out_of_range = |v: String| value_error(format!("{what} = {v}: must be an integer {range}"));
    match int(obj, what)? {
        Int::Value(v) if (lo..=hi).contains(&v) => Ok(v),
        Int::Value(v) => Err(out_of_range(v.to_string())),
        Int::Negative(v) | Int::Huge(v) => Err(out_of_range(shorten(&v.to_string()))),
    }
}

/// GF(q) from the `q` argument.
pub fn field(q: &Bound<'_, PyAny>) -> PyResult<Field> {
    let bad = |v: String, why: String| value_error(format!("q = {v}: {why}"));
    match int(q, "q")? {
        Int::Value(v) => Field::new(v).map_err(|e| bad(v.to_string(), e.to_string())),
        Int::Negative(v) | Int::Huge(v) => Err(bad(
            shorten(&v.to_string()),
            "the field order must be a prime below 2^31 or a prime power up to 2^16".into(),
        )),
    }
}

/// The `method` argument.
pub fn method(m: &Bound<'_, PyAny>) -> PyResult<Method> {
    let s = m.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!(
            "method: expected 'auto', 'enumerate' or 'algebraic', got {}",
            type_name(m)
        ))
    })?;
    match s.to_cow()?.as_ref() {
        "auto" => Ok(Method::Auto),
        "enumerate" => Ok(Method::Enumerate),
        "algebraic" => Ok(Method::Algebraic),
        other => Err(value_error(format!(
            "method = '{}': expected 'auto', 'enumerate' or 'algebraic'",
            shorten(other)
        ))),
    }
}

/// A `bool` argument (`True`/`False` only: `full=1` is a `TypeError`, not a listing).
pub fn flag(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<bool> {
    obj.cast::<PyBool>().map(|b| b.is_true()).map_err(|_| {
        PyTypeError::new_err(format!("{what}: expected a bool, got {}", type_name(obj)))
    })
}

/// The LFSR given as `obj` over `field`; `what` names it in messages (`lfsr`, `lfsrs[3]`).
///
/// A `str` is the characteristic polynomial `x^d - sum c_i x^i` (monic, degree >= 1), so
/// `c_i = -f_i`; anything else must be an ordered iterable of coefficients `[c0, ..., c_{d-1}]`,
/// each an int `0 <= c < q` (or, over GF(p^n), a string such as `"a + 1"`).
pub fn lfsr(obj: &Bound<'_, PyAny>, field: &Field, what: &str) -> PyResult<Lfsr> {
    if let Ok(s) = obj.cast::<PyString>() {
        return from_polynomial(&s.to_cow()?, field, what);
    }
    let unordered = obj.is_instance_of::<PySet>()
        || obj.is_instance_of::<PyFrozenSet>()
        || obj.is_instance_of::<PyDict>();
    let kind = if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        Some("bytes are not coefficients")
    } else if unordered {
        Some("its order is not defined")
    } else {
        None
    };
    if let Some(why) = kind {
        return Err(PyTypeError::new_err(format!(
            "{what}: expected a sequence of coefficients [c0, ..., c_(d-1)] or a polynomial \
             string such as 'x^4 + x + 1', got {} ({why})",
            type_name(obj)
        )));
    }
    let items = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what}: expected a sequence of coefficients [c0, ..., c_(d-1)] or a polynomial \
             string such as 'x^4 + x + 1', got {}",
            type_name(obj)
        ))
    })?;
    let q = field.q();
    let limit = max_degree(q);
    let mut coeffs = Vec::new();
    for (i, item) in items.enumerate() {
        if i == limit {
            return Err(value_error(format!(
                "{what}: more than {limit} coefficients: the degree limit for GF({q}) is \
                 {limit} (factoring beyond it can take minutes and gigabytes)"
            )));
        }
        coeffs.push(coefficient(&item?, field, &format!("{what}[{i}]"))?);
    }
    if coeffs.is_empty() {
        return Err(value_error(format!(
            "{what}: no coefficients: an LFSR needs at least one (degree >= 1)"
        )));
    }
    Lfsr::new(field, coeffs).map_err(|e| value_error(format!("{what}: {e}")))
}

/// One coefficient: an int below q, or a field element as text.
fn coefficient(item: &Bound<'_, PyAny>, field: &Field, what: &str) -> PyResult<u64> {
    let q = field.q();
    if let Ok(s) = item.cast::<PyString>() {
        let text = &s.to_cow()?;
        return field
            .parse_element(text)
            .map_err(|e| value_error(format!("{what} = '{}': {e}", shorten(text))));
    }
    let not_in_field = |v: String| {
        value_error(format!(
            "{what} = {v}: not an element of GF({q}) (coefficients are integers 0 <= c < {q}, \
             SageMath's encoding over GF(p^n))"
        ))
    };
    match int(item, what)? {
        Int::Value(v) if v < q => Ok(v),
        Int::Value(v) => Err(not_in_field(v.to_string())),
        Int::Negative(v) | Int::Huge(v) => Err(not_in_field(shorten(&v.to_string()))),
    }
}

/// The LFSR whose characteristic polynomial is the text `s`.
fn from_polynomial(s: &str, field: &Field, what: &str) -> PyResult<Lfsr> {
    let f = parse_polynomial(s, field, what)?;
    if !f.is_monic() {
        return Err(value_error(format!(
            "{what}: '{}' has leading coefficient {}: the characteristic polynomial of an LFSR \
             is monic (x^d - sum c_i x^i)",
            shorten(s),
            field.format_element(f.leading())
        )));
    }
    let d = f.coeffs().len() - 1;
    let coeffs = f.coeffs()[..d].iter().map(|&c| field.neg(c)).collect();
    Lfsr::new(field, coeffs).map_err(|e| value_error(format!("{what}: {e}")))
}

/// The polynomial `s` over `field`, of degree 1 to the field's limit.
pub fn parse_polynomial(s: &str, field: &Field, what: &str) -> PyResult<Poly> {
    let shown = shorten(s);
    let f = Poly::parse(field, s).map_err(|e| {
        value_error(format!(
            "{what}: cannot read the polynomial '{shown}' over GF({}): {e}",
            field.q()
        ))
    })?;
    let limit = max_degree(field.q());
    match f.degree() {
        Some(d) if d > limit => Err(value_error(format!(
            "{what}: degree {d} is above the limit of {limit} for GF({}) (factoring beyond it \
             can take minutes and gigabytes)",
            field.q()
        ))),
        Some(d) if d >= 1 => Ok(f),
        _ => Err(value_error(format!(
            "{what}: '{shown}' is the constant {f}: give a polynomial of degree at least 1"
        ))),
    }
}
