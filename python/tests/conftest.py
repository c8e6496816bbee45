"""Shared helpers: a brute-force LFSR simulator, field tables, the CLI binary."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import lfsr_map

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


# --- field arithmetic in SageMath's integer encoding ----------------------------------

_TABLES = {}


def field_tables(q):
    """(add, mul) tables of GF(q) in SageMath's encoding k = sum a_i p^i.

    Prime fields are computed mod p; extension fields through galois, whose default
    modulus is the Conway polynomial, as lfsr-map's, so its integers encode the same
    elements (checked in test_galois.py).
    """
    if q in _TABLES:
        return _TABLES[q]
    p = smallest_prime_factor(q)
    if p == q:
        add = [[(a + b) % q for b in range(q)] for a in range(q)]
        mul = [[(a * b) % q for b in range(q)] for a in range(q)]
    else:
        import galois

        gf = galois.GF(q)
        elems = gf.elements
        add = [[int(x) for x in (elems[a] + elems)] for a in range(q)]
        mul = [[int(x) for x in (elems[a] * elems)] for a in range(q)]
    _TABLES[q] = (add, mul)
    return add, mul


def smallest_prime_factor(n):
    k = 2
    while k * k <= n:
        if n % k == 0:
            return k
        k += 1
    return n


# --- brute force ----------------------------------------------------------------------


def index_to_state(k, q, d):
    s = []
    for _ in range(d):
        s.append(k % q)
        k //= q
    return s


def state_to_index(s, q):
    k = 0
    for x in reversed(s):
        k = k * q + x
    return k


def successor_table(coeffs, q):
    """next[k] for every state index k: (s0..s_{d-1}) -> (s1..s_{d-1}, sum c_i s_i)."""
    add, mul = field_tables(q)
    d = len(coeffs)
    nxt = []
    top = q ** (d - 1)
    for k in range(q**d):
        s = index_to_state(k, q, d)
        fb = 0
        for c, x in zip(coeffs, s):
            fb = add[fb][mul[c][x]]
        nxt.append(k // q + fb * top)
    return nxt


def brute_force(coeffs, q):
    """The whole functional graph: cycles {period: count}, tails {tail: count}, the
    sequences (numbered by lowest state, listed from it in clock order) and the transients
    (state, sequence number, tail)."""
    nxt = successor_table(coeffs, q)
    n = len(nxt)
    # Cyclic states: those reached again from themselves. Walk from each state n steps.
    on_cycle = [False] * n
    seen_round = [-1] * n
    for start in range(n):
        if seen_round[start] != -1:
            continue
        path = []
        k = start
        while seen_round[k] == -1:
            seen_round[k] = start
            path.append(k)
            k = nxt[k]
        if seen_round[k] == start:  # closed a new cycle at k
            j = k
            while True:
                on_cycle[j] = True
                j = nxt[j]
                if j == k:
                    break
    seq_of = [0] * n
    sequences = []
    for k in range(n):
        if on_cycle[k] and seq_of[k] == 0:
            number = len(sequences) + 1
            states = [k]
            seq_of[k] = number
            j = nxt[k]
            while j != k:
                seq_of[j] = number
                states.append(j)
                j = nxt[j]
            sequences.append(states)
    cycles = {}
    for s in sequences:
        cycles[len(s)] = cycles.get(len(s), 0) + 1
    transients = []
    tails = {}
    for k in range(n):
        if on_cycle[k]:
            continue
        t, j = 0, k
        while not on_cycle[j]:
            j = nxt[j]
            t += 1
        transients.append((k, seq_of[j], t))
        tails[t] = tails.get(t, 0) + 1
    return {
        "cycles": sorted(cycles.items()),
        "tails": sorted(tails.items()),
        "sequences": sequences,
        "transients": transients,
    }


# --- the CLI --------------------------------------------------------------------------


def cli_binary():
    """The lfsr-map binary: $LFSR_MAP_CLI, else target/{release,debug}/lfsr-map, else PATH."""
    env = os.environ.get("LFSR_MAP_CLI")
    if env:
        return env if Path(env).exists() else None
    for profile in ("release", "debug"):
        candidate = REPO / "target" / profile / "lfsr-map"
        if candidate.exists():
            return str(candidate)
    return shutil.which("lfsr-map")


@pytest.fixture(scope="session")
def cli():
    binary = cli_binary()
    if binary is None:
        pytest.skip(
            "the lfsr-map CLI binary was not found (build it with "
            "`cargo build --release -p lfsr-map-cli`, or set LFSR_MAP_CLI)"
        )

    def run(*args):
        out = subprocess.run(
            [binary, *args, "-q", "--no-progress"],
            check=True,
            capture_output=True,
            text=True,
        )
        return out.stdout

    return run


@pytest.fixture(autouse=True, scope="session")
def _shutdown_module_pool_at_end():
    yield
    lfsr_map.shutdown_worker_pool()
