"""Writes galois_find.txt: the first polynomials galois lists, the reference for tests/find.rs.

Run: python3 -m venv /tmp/v && /tmp/v/bin/pip install galois==0.4.11
     /tmp/v/bin/python crates/gf-core/tests/data/galois_find.py > crates/gf-core/tests/data/galois_find.txt

galois iterates monic polynomials in its "lexicographic" order (galois/_polys/_search.py:
`range(q**d, 2*q**d)` through `Poly.Int`, i.e. by the integer sum c_i q^i with each
coefficient in its integer encoding), and with `terms=t` over the same order restricted to
t nonzero terms. GF(p^n) is galois' default: the Conway polynomial, as in lfsr-map.
"""
import itertools
import galois

FIRST = 12
CASES = [(2, d) for d in range(1, 13)] + [(2, 16), (2, 20), (2, 32)]
CASES += [(3, d) for d in range(1, 7)] + [(5, d) for d in range(1, 5)] + [(7, d) for d in range(1, 4)]
CASES += [(4, d) for d in range(1, 5)] + [(8, d) for d in range(1, 3)] + [(9, d) for d in range(1, 4)]
CASES += [(16, 2), (25, 2)]
TERMS = [(2, 3), (2, 5), (2, 7)]

print(f"# galois {galois.__version__}: KIND Q D TERMS POLYNOMIAL, the first {FIRST} of each list in galois' order")
print("# (TERMS '-' = any number of terms); produced by galois_find.py beside this file.")
for q in sorted({q for q, _ in CASES}):
    print(f"# field {q}: galois irreducible_poly = {galois.GF(q).irreducible_poly}")
for q, d in CASES:
    for kind, gen in (("primitive", galois.primitive_polys), ("irreducible", galois.irreducible_polys)):
        for f in itertools.islice(gen(q, d), FIRST):
            print(kind, q, d, "-", f)
        if q in (2, 3) and d >= 4 and d <= 20:
            for terms in (3, 4, 5):
                if q == 2 and terms % 2 == 0:
                    continue
                for f in itertools.islice(gen(q, d, terms=terms), FIRST):
                    print(kind, q, d, terms, f)
for kind, d, terms in [("primitive", 32, 5), ("primitive", 64, 5), ("primitive", 89, 3),
                       ("primitive", 127, 3), ("primitive", 127, 5), ("irreducible", 100, 3),
                       ("primitive", 100, 5), ("primitive", 24, 3), ("irreducible", 32, 3)]:
    find = galois.primitive_poly if kind == "primitive" else galois.irreducible_poly
    try:
        print(kind, 2, d, terms, find(2, d, terms=terms))
    except RuntimeError:  # galois: "No monic ... polynomial of degree d over GF(2) with t terms exists."
        print(kind, 2, d, terms, "none")
