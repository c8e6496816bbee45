"""to_dict(), census() and poly() reproduce the CLI's JSON report exactly."""

import json
import re

import pytest

import lfsr_map
from conftest import EXAMPLES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.csv"))


def field_of(path):
    m = re.search(r"gf(\d+)", path.name)
    return int(m.group(1)) if m else 2


def rows_of(path):
    rows = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append([int(c) for c in line.split(",")])
    return rows


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("period_only", [False, True], ids=["listing", "period-only"])
def test_to_dict_equals_cli_analyses(cli, path, period_only):
    q = field_of(path)
    args = ["analyze", str(path), "--field", str(q), "--format", "json"]
    if period_only:
        args.append("--period-only")
    doc = json.loads(cli(*args))
    rows = rows_of(path)
    # the CLI lists states (method auto) up to 2^20 states; the examples are all below
    assert all(q ** len(r) <= 1 << 20 for r in rows)
    analyses = lfsr_map.analyze_many(rows, q, full=not period_only)
    assert len(doc["analyses"]) == len(analyses) == len(rows)
    for i, (want, a) in enumerate(zip(doc["analyses"], analyses)):
        got = a.to_dict(index=i + 1)
        assert got == want, f"{path.name} row {i + 1}"
        assert list(got) == list(want), "same keys in the same order"
        without = dict(want)
        del without["index"]
        assert a.to_dict() == without
    # one at a time gives the same
    single = lfsr_map.analyze(rows[0], q, full=not period_only)
    assert single.to_dict(index=1) == doc["analyses"][0]


@pytest.mark.parametrize(
    "q,degree,flags",
    [
        (2, 8, []),
        (2, 6, ["--include-singular", "--cycle-structures"]),
        (3, 4, ["--cycle-structures"]),
        (4, 3, ["--include-singular"]),
        (2, 28, []),
    ],
)
def test_census_summary_equals_cli(cli, q, degree, flags):
    doc = json.loads(
        cli("census", "--degree", str(degree), "--field", str(q), "--summary", "--format", "json", *flags)
    )
    got = lfsr_map.census(
        degree,
        q,
        include_singular="--include-singular" in flags,
        cycle_structures="--cycle-structures" in flags,
    )
    assert got == doc["census"]
    assert list(got) == list(doc["census"])


def test_census_rows_equal_cli(cli):
    doc = json.loads(cli("census", "--degree", "5", "--field", "3", "--format", "json"))
    got = lfsr_map.census(5, 3, summary=False)
    rows = got.pop("analyses")
    assert got == doc["census"]
    assert [a.to_dict(index=i + 1) for i, a in enumerate(rows)] == doc["analyses"]


@pytest.mark.parametrize(
    "text,q",
    [
        ("x^4 + x^3 + x + 1", 2),
        ("x^127 + x + 1", 2),
        ("2*x^3 + x + 1", 3),
        ("x^6 + x^3", 2),
        ("(a + 1)*x^2 + a", 4),
        ("x^200 + x^5 + x^3 + x^2 + 1", 2),
    ],
)
def test_poly_equals_cli(cli, text, q):
    doc = json.loads(cli("poly", text, "--field", str(q), "--format", "json"))
    assert lfsr_map.poly(text, q) == doc["polynomial"]
    assert list(lfsr_map.poly(text, q)) == list(doc["polynomial"])
