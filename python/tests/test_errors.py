"""Bad input of every kind: ValueError or TypeError naming the position and the problem."""

import pytest

import lfsr_map


@pytest.mark.parametrize(
    "q,exc,message",
    [
        (6, ValueError, r"q = 6: GF\(6\) does not exist: 6 is not a prime power"),
        (1, ValueError, r"q = 1: GF\(1\) does not exist"),
        (0, ValueError, r"q = 0"),
        (-3, ValueError, r"q = -3: the field order must be"),
        (2**70, ValueError, r"q = 1180591620717411303424"),
        (2**17, ValueError, r"q = 131072: GF\(131072\) is not supported"),
        (True, TypeError, r"q: expected an int, got bool"),
        ("2", TypeError, r"q: expected an int, got str"),
        (2.0, TypeError, r"q: expected an int, got float"),
    ],
)
def test_bad_field(q, exc, message):
    with pytest.raises(exc, match=message):
        lfsr_map.analyze([1, 1], q)
    with pytest.raises(exc, match=message):
        lfsr_map.census(3, q)
    with pytest.raises(exc, match=message):
        lfsr_map.poly("x + 1", q)


@pytest.mark.parametrize(
    "lfsr,q,exc,message",
    [
        ([], 2, ValueError, r"lfsr: no coefficients"),
        ([1, 2], 2, ValueError, r"lfsr\[1\] = 2: not an element of GF\(2\)"),
        ([1, -1], 3, ValueError, r"lfsr\[1\] = -1: not an element of GF\(3\)"),
        ([1, 2**80], 3, ValueError, r"lfsr\[1\] = 1208925819614629174706176: not an element"),
        ([1, 1.5], 2, TypeError, r"lfsr\[1\]: expected an int, got float"),
        ([1, None], 2, TypeError, r"lfsr\[1\]: expected an int, got NoneType"),
        ([True, 1], 2, TypeError, r"lfsr\[0\]: expected an int, got bool"),
        ([1, "b"], 4, ValueError, r"lfsr\[1\] = 'b': invalid field element"),
        ([1, [1]], 2, TypeError, r"lfsr\[1\]: expected an int, got list"),
        (5, 2, TypeError, r"lfsr: expected a sequence of coefficients .* got int"),
        (None, 2, TypeError, r"lfsr: expected a sequence .* got NoneType"),
        (b"\x01\x01", 2, TypeError, r"lfsr: .* got bytes \(bytes are not coefficients\)"),
        ({1, 0}, 2, TypeError, r"lfsr: .* got set \(its order is not defined\)"),
        ({0: 1}, 2, TypeError, r"lfsr: .* got dict"),
        ([1] * 50001, 2, ValueError, r"lfsr: more than 50000 coefficients"),
        ([1] * 1025, 3, ValueError, r"lfsr: more than 1024 coefficients"),
        # polynomial strings
        ("x^4 + x +", 2, ValueError, r"lfsr: cannot read the polynomial 'x\^4 \+ x \+' over GF\(2\): cannot parse polynomial at column"),
        ("x^4 + 2*x + 1", 2, ValueError, r"lfsr: cannot read the polynomial"),
        ("2*x^3 + 1", 3, ValueError, r"lfsr: '2\*x\^3 \+ 1' has leading coefficient 2: .* monic"),
        ("1", 2, ValueError, r"lfsr: '1' is the constant 1: give a polynomial of degree at least 1"),
        ("0", 2, ValueError, r"lfsr: '0' is the constant 0"),
        ("x^50001 + 1", 2, ValueError, r"lfsr: degree 50001 is above the limit of 50000"),
        ("y^2 + 1", 2, ValueError, r"column 1"),
        ("x^2 + a", 2, ValueError, r"cannot read the polynomial"),
        # "x" * 100 is x^100 (implicit multiplication): a long string that is wrong at its end
        ("x" * 99 + "y", 2, ValueError, r"\.\.\. \(100 characters\).*column 100"),
    ],
)
def test_bad_lfsr(lfsr, q, exc, message):
    with pytest.raises(exc, match=message):
        lfsr_map.analyze(lfsr, q)


def test_infinite_iterable_is_cut_at_the_degree_limit():
    import itertools

    with pytest.raises(ValueError, match="more than 50000 coefficients"):
        lfsr_map.analyze(itertools.repeat(1))


def test_an_iterable_that_raises_propagates():
    def gen():
        yield 1
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        lfsr_map.analyze(gen())


@pytest.mark.parametrize(
    "kwargs,exc,message",
    [
        ({"method": "fast"}, ValueError, r"method = 'fast': expected 'auto', 'enumerate' or 'algebraic'"),
        ({"method": 1}, TypeError, r"method: expected 'auto', 'enumerate' or 'algebraic', got int"),
        ({"full": 1}, TypeError, r"full: expected a bool, got int"),
        ({"full": "yes"}, TypeError, r"full: expected a bool, got str"),
        ({"method": "algebraic", "full": True}, ValueError, r"full=True lists every state, which needs an enumeration"),
        ({"memory_limit": -1}, ValueError, r"memory_limit = -1: must be an integer of at least 0"),
        ({"memory_limit": 1.0}, TypeError, r"memory_limit: expected an int, got float"),
        ({"colour": "red"}, TypeError, r"unexpected keyword argument 'colour'"),
    ],
)
def test_bad_options(kwargs, exc, message):
    with pytest.raises(exc, match=message):
        lfsr_map.analyze([1, 1], **kwargs)
    with pytest.raises(exc, match=message):
        lfsr_map.analyze_many([[1, 1]], **kwargs)


def test_positional_options_are_refused():
    with pytest.raises(TypeError):
        lfsr_map.analyze([1, 1], 2, "auto")


def test_too_large_to_enumerate_is_a_value_error():
    with pytest.raises(ValueError, match=r"lfsr: enumerating would need \d+ bytes of memory"):
        lfsr_map.analyze([1] * 64, method="enumerate")
    with pytest.raises(ValueError, match=r"lfsr: enumerating would need"):
        lfsr_map.analyze([1] * 28, full=True, memory_limit=1 << 20)
    # the algebra has no such limit
    assert lfsr_map.analyze([1] * 64).state_count == 2**64


def test_analyze_many_names_the_position():
    with pytest.raises(ValueError, match=r"lfsrs\[2\]\[1\] = 5: not an element of GF\(2\)"):
        lfsr_map.analyze_many([[1, 1], "x^2 + x + 1", [1, 5]])
    with pytest.raises(ValueError, match=r"lfsrs\[1\]: cannot read the polynomial"):
        lfsr_map.analyze_many([[1, 1], "x^2 +"])
    with pytest.raises(ValueError, match=r"lfsrs\[1\]: enumerating would need"):
        lfsr_map.analyze_many([[1, 1], [1] * 64], method="enumerate")
    with pytest.raises(TypeError, match=r"lfsrs: expected an iterable of LFSRs .* got one str"):
        lfsr_map.analyze_many("x^2 + x + 1")
    with pytest.raises(TypeError, match=r"lfsrs: expected an iterable of LFSRs, got int"):
        lfsr_map.analyze_many(3)
    with pytest.raises(TypeError, match=r"lfsrs\[0\]: expected a sequence"):
        lfsr_map.analyze_many([3])
    assert lfsr_map.analyze_many([]) == []


@pytest.mark.parametrize(
    "args,kwargs,exc,message",
    [
        ((0,), {}, ValueError, r"degree = 0: must be an integer (from 1 to|of at least 1)"),
        ((-1,), {}, ValueError, r"degree = -1"),
        ((121,), {}, ValueError, r"census: a census of degree 121 over GF\(2\) is too large"),
        ((3.0,), {}, TypeError, r"degree: expected an int, got float"),
        ((4,), {"summary": 1}, TypeError, r"summary: expected a bool, got int"),
        ((4,), {"include_singular": "no"}, TypeError, r"include_singular: expected a bool"),
        ((4,), {"cycle_structures": 0}, TypeError, r"cycle_structures: expected a bool, got int"),
        ((30,), {"summary": False}, ValueError, r"too many to analyze one by one .* use summary=True"),
        ((4,), {"pool": 2}, TypeError, r"pool: expected None"),
    ],
)
def test_bad_census(args, kwargs, exc, message):
    with pytest.raises(exc, match=message):
        lfsr_map.census(*args, **kwargs)


@pytest.mark.parametrize(
    "text,q,exc,message",
    [
        (5, 2, TypeError, r"text: expected a polynomial string such as 'x\^4 \+ x \+ 1', got int"),
        ([1, 1], 2, TypeError, r"text: expected a polynomial string"),
        ("0", 2, ValueError, r"text: '0' is the constant 0"),
        ("3", 5, ValueError, r"text: '3' is the constant 3"),
        ("x^2 +", 2, ValueError, r"text: cannot read the polynomial 'x\^2 \+' over GF\(2\): cannot parse polynomial at column"),
        ("x^1025 + 1", 3, ValueError, r"degree 1025 is above the limit of 1024 for GF\(3\)"),
    ],
)
def test_bad_poly(text, q, exc, message):
    with pytest.raises(exc, match=message):
        lfsr_map.poly(text, q)


def test_poly_accepts_non_monic_and_reports_the_unit():
    r = lfsr_map.poly("2*x^2 + 2", 3)  # 2 (x^2 + 1), irreducible over GF(3)
    assert r["unit"] == 2 and r["irreducible"] and r["polynomial"] == "2*x^2 + 2"


def test_errors_are_exceptions_not_crashes():
    # a long mixed sequence of bad calls leaves the module working
    for bad in ([], [7], "x^", None, {1}, "2*x + 1"):
        with pytest.raises((ValueError, TypeError)):
            lfsr_map.analyze(bad, 3)
    assert lfsr_map.analyze([1, 1]).primitive
    assert issubclass(lfsr_map.LfsrMapError, RuntimeError)
    assert issubclass(lfsr_map.PoolClosedError, lfsr_map.LfsrMapError)
