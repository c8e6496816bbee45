"""sequence, berlekamp_massey and find: against the CLI's JSON, the state map, galois and
counting formulas, and their bad input."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lfsr_map
from conftest import brute_force, field_tables

galois = pytest.importorskip("galois")


# --- sequence --------------------------------------------------------------------------


def recurrence(coeffs, state, n, q):
    """a_{k+d} = sum c_i a_{k+i}, from the Fibonacci state (a_0..a_{d-1}), by hand."""
    add, mul = field_tables(q)
    a = list(state)
    while len(a) < n:
        d = len(coeffs)
        v = 0
        for i, c in enumerate(coeffs):
            v = add[v][mul[c][a[-d + i]]]
        a.append(v)
    return a[:n]


@pytest.mark.parametrize(
    "coeffs,q",
    [([1, 0, 0, 1], 2), ([1, 1] + [0] * 125, 2), ([2, 0, 1], 3), ([1, 2], 4), ([3, 0, 5, 1], 7)],
)
def test_sequence_is_the_recurrence_and_equals_the_cli(cli, coeffs, q):
    d = len(coeffs)
    state = [(3 * i + 1) % q for i in range(d)]
    n = 300
    got = lfsr_map.sequence(coeffs, n, q, state=state)
    assert got == recurrence(coeffs, state, n, q)
    row = ",".join(map(str, coeffs))
    st_ = ",".join(map(str, state))
    for form in ("fibonacci", "galois"):
        doc = json.loads(
            cli(
                "sequence", "--field", str(q), "--coeffs", row, "--state", st_,
                "--form", form, "--length", str(n), "--format", "json",
            )
        )
        assert lfsr_map.sequence(coeffs, n, q, state=state, form=form) == doc["sequence"]["elements"]


def test_sequence_follows_s0_along_the_state_map():
    # The Fibonacci output from state s is s0 of s, of its successor, ... (the enumeration).
    coeffs, q = [1, 1, 0, 1], 2
    cycles = brute_force(coeffs, q)["sequences"]
    for cycle in cycles:
        states = [[(k >> i) & 1 for i in range(4)] for k in cycle]
        out = lfsr_map.sequence(coeffs, len(cycle), q, state=states[0])
        assert out == [s[0] for s in states]


def test_default_state_is_the_impulse_response_in_both_forms():
    for form in ("fibonacci", "galois"):
        assert lfsr_map.sequence("x^4 + x^3 + 1", 6, form=form) == [0, 0, 0, 1, 1, 1]


@pytest.mark.parametrize("q", [2, 3, 7])
def test_sequence_equals_galois_flfsr_and_glfsr(q):
    # lfsr_map's conventions (lfsr_map::sequence docs): Fibonacci is galois'
    # FLFSR(f.reverse(), state=[s_{d-1}, ..., s0]); Galois is GLFSR(f.reverse(), state=[g0..]).
    gf = galois.GF(q)
    coeffs = [1, 0, q - 1, 1, 0, 1]
    d = len(coeffs)
    # f = x^d - sum c_i x^i, high to low
    f = galois.Poly([1] + [(-c) % q for c in reversed(coeffs)], field=gf)
    state = [(i * i + 1) % q for i in range(d)]
    n = 200
    fib = galois.FLFSR(f.reverse(), state=gf(state[::-1]))
    assert lfsr_map.sequence(coeffs, n, q, state=state) == fib.step(n).tolist()
    gal = galois.GLFSR(f.reverse(), state=gf(state))
    assert lfsr_map.sequence(coeffs, n, q, state=state, form="galois") == gal.step(n).tolist()


def test_long_gf2_sequence_is_exact_across_words():
    # 2^20 + 37 bits of x^127 + x + 1 (the word-parallel path, run in the background):
    # every bit obeys a_{k+127} = a_k + a_{k+1}.
    n = (1 << 20) + 37
    a = lfsr_map.sequence([1, 1] + [0] * 125, n, state=[1] * 127)
    assert len(a) == n and set(a) <= {0, 1}
    assert all(a[k + 127] == a[k] ^ a[k + 1] for k in range(0, n - 127, 997))
    assert a[-200:] == recurrence([1, 1] + [0] * 125, a[-327:-200], 327, 2)[127:]


# --- Berlekamp-Massey ------------------------------------------------------------------


def test_berlekamp_massey_equals_the_cli(cli, tmp_path):
    for q, seq in [(2, [0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1]), (3, [1, 2, 0, 0, 2, 1, 1, 2]), (5, [0, 0, 0])]:
        path = tmp_path / "s.txt"
        path.write_text(" ".join(map(str, seq)))
        doc = json.loads(cli("synth", str(path), "--field", str(q), "--format", "json", "--profile"))
        assert lfsr_map.berlekamp_massey(seq, q, profile=True) == doc["synthesis"]
        without = dict(doc["synthesis"])
        del without["profile"]
        assert lfsr_map.berlekamp_massey(seq, q) == without


@pytest.mark.parametrize("q", [2, 3, 7])
def test_berlekamp_massey_equals_galois(q):
    gf = galois.GF(q)
    for k in range(20):
        seq = [(k * i * i + 3 * i + k) % q for i in range(30 + k)]
        want = galois.berlekamp_massey(gf(seq))
        got = lfsr_map.berlekamp_massey(seq, q)
        assert got["linear_complexity"] == want.degree
        if want.degree == 0:
            assert got["minimal_polynomial"] == "1"
        elif got["unique"]:  # otherwise other LFSRs of that length generate it too
            assert got["minimal_polynomial"] == lfsr_map.poly(
                " + ".join(f"{int(c)}*x^{want.degree - i}" for i, c in enumerate(want.coeffs)), q
            )["polynomial"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    q=st.sampled_from([2, 3, 5]),
    data=st.data(),
)
def test_synthesis_of_a_sequence_recovers_its_lfsr(q, data):
    # For an irreducible characteristic polynomial and a nonzero state, the minimal
    # polynomial of the output is the characteristic polynomial itself, found from 2d terms.
    d = data.draw(st.integers(1, 12))
    coeffs = data.draw(st.lists(st.integers(0, q - 1), min_size=d, max_size=d))
    state = data.draw(st.lists(st.integers(0, q - 1), min_size=d, max_size=d))
    a = lfsr_map.analyze(coeffs, q, method="algebraic")
    if not a.irreducible or not any(state):
        return
    r = lfsr_map.berlekamp_massey(lfsr_map.sequence(coeffs, 2 * d, q, state=state), q)
    assert r["linear_complexity"] == d
    assert r["minimal_polynomial"] == a.characteristic_polynomial
    assert r["coefficients"] == coeffs
    assert r["unique"]


def test_berlekamp_massey_takes_a_digit_string():
    assert lfsr_map.berlekamp_massey("0001 1110 1011 001") == lfsr_map.berlekamp_massey(
        [0, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1]
    )


# --- find ------------------------------------------------------------------------------


def totient(n):
    result, m, p = n, n, 2
    while p * p <= m:
        if m % p == 0:
            while m % p == 0:
                m //= p
            result -= result // p
        p += 1
    if m > 1:
        result -= result // m
    return result


def texts(found):
    return [p["polynomial"] for p in found]


@pytest.mark.parametrize("q,d", [(2, 6), (2, 8), (3, 4), (5, 3), (4, 3)])
def test_find_all_equals_galois_and_the_count(q, d):
    gf = galois.GF(q)
    prim = lfsr_map.find(d, q, count=None)
    assert len(prim) == totient(q**d - 1) // d
    want = [
        lfsr_map.poly(" + ".join(f"{int(c)}*x^{d - i}" for i, c in enumerate(f.coeffs)), q)["polynomial"]
        for f in galois.primitive_polys(q, d)
    ]
    assert texts(prim) == want
    irr = lfsr_map.find(d, q, primitive=False, count=None)
    # Gauss: (1/d) sum_{e | d} mu(e) q^(d/e)
    def mu(n):
        k, m, p = 0, n, 2
        while p * p <= m:
            if m % p == 0:
                m //= p
                if m % p == 0:
                    return 0
                k += 1
            p += 1
        return (-1) ** (k + (m > 1))
    assert len(irr) == sum(mu(e) * q ** (d // e) for e in range(1, d + 1) if d % e == 0) // d
    assert [lfsr_map.find(d, q)[0]["polynomial"]] == want[:1]
    assert set(texts(prim)) <= set(texts(irr))


def test_find_rows_are_lfsrs_and_weights_count_terms():
    for p in lfsr_map.find(8, count=None, weight=5):
        assert p["weight"] == 5 and p["polynomial"].count("x") + 1 == 5
        a = lfsr_map.analyze(p["coefficients"], 2, method="algebraic")
        assert a.characteristic_polynomial == p["polynomial"] and a.primitive


def test_find_equals_the_cli(cli):
    for args, kwargs in [
        (["--degree", "12", "--field", "2", "--primitive", "--first", "5"], dict(count=5)),
        (["--degree", "5", "--field", "3", "--irreducible", "--weight", "3", "--all"], dict(primitive=False, weight=3, count=None)),
        (["--degree", "16", "--field", "2", "--primitive", "--random", "--seed", "7", "--count", "4"], dict(seed=7, count=4)),
    ]:
        doc = json.loads(cli("find", *args, "--format", "json"))
        q = int(args[args.index("--field") + 1])
        d = int(args[args.index("--degree") + 1])
        assert lfsr_map.find(d, q, **kwargs) == doc["polynomials"]


def test_find_random_is_reproducible_and_primitive():
    a = lfsr_map.find(64, seed=3, count=3)
    assert a == lfsr_map.find(64, seed=3, count=3)
    assert a != lfsr_map.find(64, seed=4, count=3)
    assert all(lfsr_map.analyze(p["coefficients"], method="algebraic").primitive for p in a)


def test_find_least_primitive_polynomial_is_galois_primitive_poly():
    for q, d in [(2, 32), (3, 7), (7, 4)]:
        f = galois.primitive_poly(q, d)
        text = lfsr_map.poly(" + ".join(f"{int(c)}*x^{d - i}" for i, c in enumerate(f.coeffs)), q)["polynomial"]
        assert lfsr_map.find(d, q)[0]["polynomial"] == text


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call,exc,message",
    [
        (lambda: lfsr_map.sequence([1, 1], 5, form="internal"), ValueError, r"form = 'internal'"),
        (lambda: lfsr_map.sequence([1, 1], 5, form=1), TypeError, r"form: expected"),
        (lambda: lfsr_map.sequence([1, 1], -1), ValueError, r"length = -1"),
        (lambda: lfsr_map.sequence([1, 1], 10**9), ValueError, r"length = 1000000000"),
        (lambda: lfsr_map.sequence([1, 1], 5, state=[1]), ValueError, r"state: 1 elements, the LFSR has degree 2"),
        (lambda: lfsr_map.sequence([1, 1], 5, state=[1, 2]), ValueError, r"state\[1\] = 2"),
        (lambda: lfsr_map.sequence([1, 1], 5, state=[1, 1, 1, 1]), ValueError, r"state: more than 3 elements"),
        (lambda: lfsr_map.sequence([1, 2], 5, 2), ValueError, r"lfsr\[1\] = 2"),
        (lambda: lfsr_map.berlekamp_massey([]), ValueError, r"sequence: no elements"),
        (lambda: lfsr_map.berlekamp_massey("01x1"), ValueError, r"sequence\[2\] = 'x'"),
        (lambda: lfsr_map.berlekamp_massey("0121"), ValueError, r"sequence\[2\] = '2'"),
        (lambda: lfsr_map.berlekamp_massey([0, 3], 3), ValueError, r"sequence\[1\] = 3"),
        (lambda: lfsr_map.berlekamp_massey([0, 1.5]), TypeError, r"sequence\[1\]: expected an int"),
        (lambda: lfsr_map.berlekamp_massey(5), TypeError, r"sequence: expected a sequence"),
        (lambda: lfsr_map.berlekamp_massey([0] * ((1 << 16) + 1), 3), ValueError, r"more than 65536 elements"),
        (lambda: lfsr_map.berlekamp_massey([1], profile=1), TypeError, r"profile: expected a bool"),
        (lambda: lfsr_map.find(0), ValueError, r"degree = 0"),
        (lambda: lfsr_map.find(50001), ValueError, r"degree = 50001: must be an integer from 1 to 50000"),
        (lambda: lfsr_map.find(8, weight=4), ValueError, r"weight = 4: .*even"),
        (lambda: lfsr_map.find(1000, weight=3), ValueError, r"weight = 3: .*Swan"),
        (lambda: lfsr_map.find(8, count=0), ValueError, r"count = 0"),
        (lambda: lfsr_map.find(8, count=None, seed=1), ValueError, r"count=None"),
        (lambda: lfsr_map.find(8, q=6), ValueError, r"q = 6"),
        (lambda: lfsr_map.find(8, primitive="yes"), TypeError, r"primitive: expected a bool"),
    ],
)
def test_bad_input_names_the_argument(call, exc, message):
    with pytest.raises(exc, match=message):
        call()


def test_find_says_when_fewer_exist():
    # There are phi(2^4 - 1)/4 = 2 primitive polynomials of degree 4: asking for 10 gives 2.
    assert len(lfsr_map.find(4, count=10)) == 2
    assert texts(lfsr_map.find(4, weight=3, count=10)) == ["x^4 + x + 1", "x^4 + x^3 + 1"]
