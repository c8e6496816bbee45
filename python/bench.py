"""Time per call: 1,000 separate analyze calls of degree-10 LFSRs on each pool, and the same
primitivity/order questions answered by galois.

Run (with the package installed): python python/bench.py [CALLS]

* module pool: lfsr_map's module-level pool (get_worker_pool), reused by every call
* fresh pool:  `with ScopedPool(2)` around every call (threads started and joined per call)
* sequential:  SequentialPool (no threads)

"enumerate" calls (method="enumerate") walk all 1,024 states as one job on the pool, so
every call goes through the pool; "algebra" calls (the default method) factor and compute
orders only and never touch the pool.
"""

import random
import sys
import time
from pathlib import Path

# This file sits next to the package's sources (python/lfsr_map, without the compiled
# module): import the installed package, not them.
_HERE = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import lfsr_map  # noqa: E402


def lfsrs(n, seed=1):
    rng = random.Random(seed)
    return [[1] + [rng.randrange(2) for _ in range(9)] for _ in range(n)]


def per_call(fn, items):
    fn(items[0])  # warm up
    start = time.perf_counter()
    for item in items:
        fn(item)
    return (time.perf_counter() - start) / len(items) * 1e6


def fresh(lfsr, **kw):
    with lfsr_map.ScopedPool(2) as pool:
        return lfsr_map.analyze(lfsr, pool=pool, **kw)


def main():
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    items = lfsrs(calls)
    module = lfsr_map.get_worker_pool(2)
    seq = lfsr_map.SequentialPool()
    rows = []
    for label, kw in (("enumerate", {"method": "enumerate"}), ("algebra", {})):
        rows.append((f"{label}, module pool", per_call(lambda c: lfsr_map.analyze(c, pool=module, **kw), items)))
        rows.append((f"{label}, fresh ScopedPool(2) per call", per_call(lambda c: fresh(c, **kw), items)))
        rows.append((f"{label}, SequentialPool", per_call(lambda c: lfsr_map.analyze(c, pool=seq, **kw), items)))
    start = time.perf_counter()
    lfsr_map.analyze_many(items, method="enumerate", pool=module)
    rows.append(("enumerate, analyze_many (batch, module pool)", (time.perf_counter() - start) / calls * 1e6))
    rows.append(("poly() (factors, orders, primitive)", per_call(
        lambda c: lfsr_map.poly(lfsr_map.analyze(c, method="algebraic").characteristic_polynomial), items)))
    try:
        import galois
    except ImportError:
        galois = None
    if galois is not None:
        gf2 = galois.GF(2)

        def with_galois(c):
            f = galois.Poly([1] + list(reversed(c)), field=gf2)  # x^10 + c9 x^9 + ... + c0
            f.factors()
            f.is_irreducible()
            f.is_primitive()

        galois_items = items[: min(calls, 200)]
        rows.append(("galois: factors + is_irreducible + is_primitive", per_call(with_galois, galois_items)))
    width = max(len(r[0]) for r in rows)
    print(f"{calls} calls, degree-10 LFSRs over GF(2); time per call")
    for label, us in rows:
        print(f"  {label:<{width}}  {us:10.1f} us")
    lfsr_map.shutdown_worker_pool()


if __name__ == "__main__":
    main()
