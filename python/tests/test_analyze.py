"""analyze / analyze_many against a brute-force simulation, and the API's shape."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lfsr_map
from conftest import brute_force, index_to_state

# (q, largest degree) with q^d small enough to simulate in Python.
FIELDS = [(2, 10), (3, 6), (4, 5), (5, 4), (7, 3), (8, 3), (9, 3)]


@st.composite
def lfsrs(draw, fields=FIELDS):
    q, dmax = draw(st.sampled_from(fields))
    d = draw(st.integers(1, dmax))
    coeffs = draw(st.lists(st.integers(0, q - 1), min_size=d, max_size=d))
    return q, coeffs


SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(lfsrs())
def test_cycle_structure_equals_brute_force(case):
    q, coeffs = case
    truth = brute_force(coeffs, q)
    for method in ("auto", "enumerate"):
        a = lfsr_map.analyze(coeffs, q, method=method)
        assert a.cycles == truth["cycles"], (q, coeffs, method)
        assert a.tails == truth["tails"]
        assert a.transient_states == sum(c for _, c in truth["tails"])
        assert a.max_tail == max((t for t, _ in truth["tails"]), default=0)
        assert a.state_count == q ** len(coeffs)
        assert a.periods_sum + a.transient_states == a.state_count
        assert a.cycle_count == sum(c for _, c in truth["cycles"])
        assert a.max_period == max(p for p, _ in truth["cycles"])
        assert a.singular == (coeffs[0] == 0)
        assert a.method == ("enumerate" if method == "enumerate" else "algebraic")


@SETTINGS
@given(lfsrs())
def test_full_listing_equals_brute_force(case):
    q, coeffs = case
    truth = brute_force(coeffs, q)
    a = lfsr_map.analyze(coeffs, q, full=True)
    assert a.method == "enumerate"
    assert a.sequences == truth["sequences"], (q, coeffs)
    if a.singular:
        assert a.transients == truth["transients"]
    else:
        assert a.transients is None
    d = a.to_dict()
    for seq, states in zip(d["sequences"], truth["sequences"]):
        assert seq["states"] == [index_to_state(k, q, len(coeffs)) for k in states]


@settings(max_examples=25, deadline=None)
@given(st.lists(lfsrs(fields=[(2, 10), (3, 5), (4, 4)]), min_size=1, max_size=40))
def test_analyze_many_equals_analyze_in_input_order(cases):
    by_field = {}
    for q, coeffs in cases:
        by_field.setdefault(q, []).append(coeffs)
    for q, rows in by_field.items():
        for full in (False, True):
            many = lfsr_map.analyze_many(rows, q, full=full)
            assert [a.coefficients for a in many] == rows
            one = [lfsr_map.analyze(r, q, full=full).to_dict() for r in rows]
            assert [a.to_dict() for a in many] == one


def test_polynomial_string_is_the_characteristic_polynomial():
    a = lfsr_map.analyze("x^4 + x + 1")
    assert a.coefficients == [1, 1, 0, 0]
    assert a.characteristic_polynomial == "x^4 + x + 1"
    assert (a.primitive, a.irreducible, a.polynomial_order) == (True, True, 15)
    # c_i = -f_i: over GF(3), x^2 + x + 2 has c = [-2, -1] = [1, 2].
    b = lfsr_map.analyze("x^2 + x + 2", q=3)
    assert b.coefficients == [1, 2]
    assert b.characteristic_polynomial == "x^2 + x + 2"
    assert b.to_dict() == lfsr_map.analyze([1, 2], 3).to_dict()
    # extension fields: elements as integers or in a
    c = lfsr_map.analyze("x^2 + x + a", q=4)
    assert c.coefficients == [2, 1] and c.primitive
    assert lfsr_map.analyze(["a", 1], q=4).to_dict() == c.to_dict()


def test_big_integers_are_exact_python_ints():
    c = [0] * 127
    c[0] = c[1] = 1  # x^127 + x + 1
    a = lfsr_map.analyze(c)
    assert a.primitive
    assert a.state_count == 2**127
    assert a.max_period == 2**127 - 1
    assert type(a.max_period) is int
    assert a.cycles == [(1, 1), (2**127 - 1, 1)]
    # beyond u128: degree 200
    b = lfsr_map.analyze("x^200 + x^5 + x^3 + x^2 + 1")
    assert b.state_count == 2**200
    assert b.periods_sum == 2**200
    d = b.to_dict()
    assert d["state_count"] == 2**200 and type(d["state_count"]) is int
    assert sum(p * c for p, c in b.cycles) == 2**200


def test_singular_lfsr_attributes():
    a = lfsr_map.analyze([0, 0, 1, 1], full=True)  # x^4 + x^3 + x^2 = x^2 (x^2 + x + 1)
    assert a.singular and a.polynomial_order is None and a.matrix_order is None
    assert a.max_tail == 2
    assert a.tails == [(1, 4), (2, 8)]


def test_factors_are_objects_with_attributes():
    a = lfsr_map.analyze([0, 0, 1, 1])
    f = a.factors
    assert [(x.polynomial, x.multiplicity, x.order) for x in f] == [
        ("x", 2, None),
        ("x^2 + x + 1", 1, 3),
    ]
    assert "Factor(polynomial='x'" in repr(f[0])


def test_to_dict_index_and_key_order():
    a = lfsr_map.analyze([1, 1])
    keys = list(a.to_dict().keys())
    assert keys[0] == "coefficients" and "index" not in keys
    with_index = a.to_dict(index=7)
    assert list(with_index.keys()) == ["index"] + keys
    assert with_index["index"] == 7
    assert "sequences" not in keys
    assert "sequences" in lfsr_map.analyze([1, 1], full=True).to_dict()


def test_repr():
    r = repr(lfsr_map.analyze("x^4 + x + 1"))
    assert r.startswith("Analysis(coefficients=[1, 1, 0, 0], q=2")
    assert "primitive=True" in r


def test_iterables_of_coefficients():
    want = lfsr_map.analyze([1, 0, 1]).to_dict()
    assert lfsr_map.analyze((1, 0, 1)).to_dict() == want
    assert lfsr_map.analyze(iter([1, 0, 1])).to_dict() == want
    assert lfsr_map.analyze(x for x in [1, 0, 1]).to_dict() == want
    np = pytest.importorskip("numpy")
    assert lfsr_map.analyze(np.array([1, 0, 1], dtype=np.int64)).to_dict() == want
