"""Factorization, irreducibility, primitivity and orders against galois."""

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lfsr_map
from conftest import field_tables

galois = pytest.importorskip("galois")

# Prime fields and GF(p^n) (galois's default modulus is the Conway polynomial). galois
# compiles its kernels per field (seconds each), so the list is short.
FIELDS = [2, 3, 7, 251, 4, 9, 16]


def canonical(q, coeffs_high_to_low):
    """lfsr-map's text of the polynomial with these integer coefficients (high to low)."""
    d = len(coeffs_high_to_low) - 1
    text = " + ".join(f"{int(c)}*x^{d - i}" for i, c in enumerate(coeffs_high_to_low))
    return lfsr_map.poly(text, q)["polynomial"]


def galois_factors(f, q):
    factors, mults = f.factors()
    return sorted(
        ((canonical(q, g.coeffs.tolist()), int(m)) for g, m in zip(factors, mults)),
    )


def order_of_irreducible(g, q):
    """The least e with x^e = 1 mod g (g irreducible, not x), from the factors of q^m - 1."""
    m = g.degree
    x = galois.Poly([1, 0], field=g.field)
    one = galois.Poly([1], field=g.field)
    e = q**m - 1
    if e == 1:
        return 1
    primes, _ = galois.factors(e)
    for p in primes:
        while e % p == 0 and pow(x, e // p, g) == one:
            e //= p
    return e


def order_brute_force(q, high):
    """The least e >= 1 with x^e = 1 mod f (f monic, coefficients high to low), by stepping
    x^e in pure Python with the field's tables; None if x divides f."""
    if high[-1] == 0:
        return None
    add, mul = field_tables(q)
    neg = [next(b for b in range(q) if add[a][b] == 0) for a in range(q)]
    d = len(high) - 1
    low = list(reversed(high))[:d]  # f_0 .. f_{d-1}
    r = [0] * d  # x^e mod f, low to high
    if d == 1:
        r[0] = neg[low[0]]  # x = -f_0 mod (x + f_0)
    else:
        r[1] = 1
    one = [1] + [0] * (d - 1)
    e = 1
    while r != one:
        top = r[-1]  # multiply by x: shift up, reduce x^d = -sum f_i x^i
        r = [0] + r[:-1]
        if top:
            r = [add[r[i]][mul[top][neg[low[i]]]] for i in range(d)]
        e += 1
    return e


@st.composite
def monic(draw, max_degree=12, fields=FIELDS):
    q = draw(st.sampled_from(fields))
    d = draw(st.integers(1, max_degree if q < 100 else 4))
    lower = draw(st.lists(st.integers(0, q - 1), min_size=d, max_size=d))
    return q, [1] + lower  # high to low


SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def test_field_encoding_is_galois_conway():
    # galois's GF(p^n) elements and lfsr-map's integers are the same (Conway modulus).
    for q in (4, 8, 9, 16, 25):
        gf = galois.GF(q)
        p = gf.characteristic
        # In both, the integer p encodes the generator a, a root of the modulus.
        a = gf(p)
        value = gf(0)
        for c in gf.irreducible_poly.coeffs.tolist():
            value = value * a + gf(int(c))
        assert value == 0
        # and x - a divides the modulus (read as a polynomial over GF(q)) in lfsr-map too
        modulus = canonical(q, gf.irreducible_poly.coeffs.tolist())
        factors = [g["polynomial"] for g in lfsr_map.poly(modulus, q)["factors"]]
        assert canonical(q, [1, int(-a)]) in factors


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(monic(max_degree=8))
def test_factorization_irreducibility_primitivity(case):
    q, high = case
    gf = galois.GF(q)
    f = galois.Poly(high, field=gf)
    text = canonical(q, high)
    report = lfsr_map.poly(text, q)
    got = sorted((g["polynomial"], g["multiplicity"]) for g in report["factors"])
    assert got == galois_factors(f, q), text
    assert report["irreducible"] == f.is_irreducible(), text
    assert report["primitive"] == f.is_primitive(), text
    # the same through an LFSR with this characteristic polynomial
    a = lfsr_map.analyze(text, q)
    assert a.characteristic_polynomial == text
    assert sorted((g.polynomial, g.multiplicity) for g in a.factors) == got
    assert (a.irreducible, a.primitive) == (report["irreducible"], report["primitive"])


@SETTINGS
@given(monic(max_degree=20))
def test_orders_of_factors(case):
    q, high = case
    gf = galois.GF(q)
    f = galois.Poly(high, field=gf)
    report = lfsr_map.poly(canonical(q, high), q)
    factors, _ = f.factors()
    want = {}
    for g in factors:
        name = canonical(q, g.coeffs.tolist())
        is_x = g.degree == 1 and g.coeffs[-1] == 0
        want[name] = None if is_x else order_of_irreducible(g, q)
    assert {g["polynomial"]: g["order"] for g in report["factors"]} == want


@SETTINGS
@given(monic(max_degree=6, fields=[2, 3, 4, 5, 9]))
def test_polynomial_order_brute_force(case):
    q, high = case
    want = order_brute_force(q, high)
    text = canonical(q, high)
    assert lfsr_map.poly(text, q)["order"] == want
    a = lfsr_map.analyze(text, q)
    assert a.polynomial_order == want
    if want is not None:
        # The order is the longest cycle and every period divides it.
        assert a.max_period == want
        assert all(want % p == 0 for p, _ in a.cycles)


def test_primitive_counts_match_phi_formula_and_galois():
    # The census counts primitive polynomials: phi(q^d - 1) / d.
    for q, d in [(2, 8), (3, 5), (4, 4), (5, 3)]:
        want = sum(1 for _ in galois.primitive_polys(q, d))
        assert lfsr_map.census(d, q)["primitive"] == want
        n = q**d - 1
        phi = sum(1 for k in range(1, n + 1) if math.gcd(k, n) == 1)
        assert want == phi // d


def test_big_degree_agrees_with_galois():
    # degree 127: x^127 + x + 1 is primitive; galois agrees (slowly, so one example).
    f = galois.Poly.Degrees([127, 1, 0])
    assert f.is_primitive()
    a = lfsr_map.analyze("x^127 + x + 1")
    assert a.primitive and a.polynomial_order == 2**127 - 1
