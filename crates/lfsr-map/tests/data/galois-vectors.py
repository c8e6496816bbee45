"""Writes galois-vectors.txt: LFSR output sequences and Berlekamp-Massey results computed by
the Python `galois` package (an independent implementation), for lfsr-map's tests
(tests/sequence.rs, tests/synth.rs).

    python3 -m venv /tmp/v && /tmp/v/bin/pip install galois
    /tmp/v/bin/python crates/lfsr-map/tests/data/galois-vectors.py > crates/lfsr-map/tests/data/galois-vectors.txt

Each line: `KIND q c0,...,c_{d-1} state output`, with
- KIND `fib`: galois.FLFSR(f.reverse(), state=reversed(state)).step(n), f = x^d - sum c_i x^i
  (galois lists the Fibonacci state in the opposite order of lfsr-map);
- KIND `gal`: galois.GLFSR(f.reverse(), state=state).step(n);
- KIND `bm`: galois.berlekamp_massey(output) for the `fib` sequence, printed as the
  descending coefficients of the minimal polynomial in place of `state` (lfsr-map's
  integer encoding; galois' GF(p^n) uses the same one with the Conway polynomial).
Elements are integers; lists are comma separated.
"""
import random

import galois

random.seed(20261202)
print("# made by galois-vectors.py with galois", galois.__version__)
for q in [2, 3, 4, 7]:
    GF = galois.GF(q)
    for _ in range(12):
        d = random.randint(1, 12)
        c = [random.randrange(q) for _ in range(d)]
        if c[0] == 0:
            c[0] = 1  # galois needs a nonzero constant term in the feedback polynomial
        desc = [1] + [int(-GF(c[i])) for i in reversed(range(d))]
        f = galois.Poly(desc, field=GF)
        s = [random.randrange(q) for _ in range(d)]
        if not any(s):
            s[-1] = 1
        n = 3 * d + 5
        fib = [int(v) for v in galois.FLFSR(f.reverse(), state=list(reversed(s))).step(n)]
        gal = [int(v) for v in galois.GLFSR(f.reverse(), state=s).step(n)]
        j = lambda v: ",".join(str(x) for x in v)
        print("fib", q, j(c), j(s), j(fib))
        print("gal", q, j(c), j(s), j(gal))
        m = galois.berlekamp_massey(GF(fib))
        print("bm", q, j(c), j([int(x) for x in m.coeffs]), j(fib))
