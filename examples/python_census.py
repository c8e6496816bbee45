"""lfsr_map from Python: one analysis, a census, and its cycle-length distribution.

Install the package first (from the repository root): pip install ./python
Run: python examples/python_census.py [DEGREE] [Q]    (default: degree 10 over GF(2))

With matplotlib installed, the distribution is plotted to census.png; otherwise printed.
"""

import sys

import lfsr_map


def main():
    degree = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    q = int(sys.argv[2]) if len(sys.argv) > 2 else 2

    # One LFSR, given by its characteristic polynomial.
    a = lfsr_map.analyze("x^4 + x^3 + x + 1", full=True)
    print(a)
    print("  factors:", [(f.polynomial, f.multiplicity, f.order) for f in a.factors])
    print("  cycles (period, count):", a.cycles)
    print("  sequence 2:", a.sequences[1])

    # Every LFSR of the degree, counted over factorization types (no LFSR analyzed alone).
    s = lfsr_map.census(degree, q, cycle_structures=True)
    print(f"\ncensus of degree {degree} over GF({q}): {s['lfsrs']} LFSRs, "
          f"{s['primitive']} primitive, {s['irreducible']} irreducible")

    # Cycle-length distribution: how many cycles of each length, over the whole census.
    lengths = {}
    for structure in s["cycle_structures"]:
        for c in structure["cycles"]:
            lengths[c["period"]] = lengths.get(c["period"], 0) + c["count"] * structure["count"]
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("\ncycle length  cycles (matplotlib not installed: printed, not plotted)")
        for period, count in sorted(lengths.items()):
            print(f"{period:>12}  {count}")
        return
    periods = sorted(lengths)
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.bar([str(p) for p in periods], [lengths[p] for p in periods])
    ax.set_yscale("log")
    ax.set_xlabel("cycle length")
    ax.set_ylabel("cycles over all LFSRs")
    ax.set_title(f"cycle lengths, every degree-{degree} LFSR over GF({q}) with c0 != 0")
    ax.tick_params(axis="x", labelrotation=90, labelsize=6)
    fig.tight_layout()
    fig.savefig("census.png", dpi=120)
    print("\nplotted the cycle-length distribution to census.png")


if __name__ == "__main__":
    main()
