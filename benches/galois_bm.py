"""The anchor for benches/benches/toolkit.rs: the Python `galois` package's
berlekamp_massey on the same 10^4 bits (the top bit of splitmix64, seed 1), timed.

    python3 -m venv /tmp/v && /tmp/v/bin/pip install galois
    /tmp/v/bin/python benches/galois_bm.py [N] [--write FILE]

Prints the linear complexity (lfsr-map's must be the same) and the best of 3 runs (the
first run, which compiles galois' kernels, is not counted). `--write FILE` also writes the
bits as digits, for `lfsr-map synth FILE --field 2`.
"""
import sys
import time

import galois

M = (1 << 64) - 1


def bits(n, seed=1):
    s, out = seed, []
    for _ in range(n):
        s = (s + 0x9E3779B97F4A7C15) & M
        z = s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        z ^= z >> 31
        out.append(z >> 63)
    return out


def main():
    args = sys.argv[1:]
    write = None
    if "--write" in args:
        i = args.index("--write")
        write = args[i + 1]
        del args[i : i + 2]
    n = int(args[0]) if args else 10_000
    b = bits(n)
    if write:
        with open(write, "w") as f:
            f.write("".join(map(str, b)) + "\n")
    GF2 = galois.GF(2)
    x = GF2(b)
    galois.berlekamp_massey(GF2(b[:200]))  # compile
    times = []
    for _ in range(3):
        t = time.perf_counter()
        p = galois.berlekamp_massey(x)
        times.append(time.perf_counter() - t)
    print(f"galois {galois.__version__}: berlekamp_massey on {n} bits: linear complexity "
          f"{p.degree}, best of 3 {min(times) * 1e3:.1f} ms")


main()
