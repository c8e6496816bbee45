"""lfsr_map: the whole state space of a linear feedback shift register over GF(q), exactly.

A thin Python layer over the Rust library lfsr-map (PyO3). An LFSR of degree d over GF(q)
is given by its feedback coefficients ``[c0, ..., c_{d-1}]`` (integers ``0 <= c < q``,
SageMath's encoding over GF(p^n)) or by its characteristic polynomial
``x^d - sum c_i x^i`` as a string. Every count is an exact Python ``int``.

>>> import lfsr_map
>>> a = lfsr_map.analyze("x^4 + x + 1")            # the same as analyze([1, 1, 0, 0])
>>> a.primitive, a.max_period, a.cycles
(True, 15, [(1, 1), (15, 1)])
>>> lfsr_map.analyze([1] + [0] * 126, q=2).state_count == 2**127   # x^127 + 1
True
>>> lfsr_map.census(4)["primitive"]
2
>>> lfsr_map.poly("x^4 + x^3 + x + 1")["factors"][0]
{'polynomial': 'x + 1', 'multiplicity': 2, 'order': 1}

The work runs without the GIL on a worker pool (by default the module-level pool,
``get_worker_pool()``, shut down at interpreter exit), and Ctrl-C stops it with
``KeyboardInterrupt``. Bad input raises ``ValueError`` or ``TypeError`` naming the argument
and the problem; a failed run raises ``LfsrMapError``.
"""

import atexit as _atexit

from ._lfsr_map import (
    MAX_WORKERS,
    Analysis,
    Factor,
    IdleTimeoutPool,
    LfsrMapError,
    PoolClosedError,
    ScopedPool,
    SequentialPool,
    WorkerPool,
    __version__,
    analyze,
    analyze_many,
    berlekamp_massey,
    census,
    census_merge,
    census_part,
    find,
    get_worker_pool,
    poly,
    sequence,
    shutdown_worker_pool,
)

__all__ = [
    "MAX_WORKERS",
    "Analysis",
    "Factor",
    "IdleTimeoutPool",
    "LfsrMapError",
    "PoolClosedError",
    "ScopedPool",
    "SequentialPool",
    "WorkerPool",
    "__version__",
    "analyze",
    "analyze_many",
    "berlekamp_massey",
    "census",
    "census_merge",
    "census_part",
    "find",
    "get_worker_pool",
    "poly",
    "sequence",
    "shutdown_worker_pool",
]

# The module-level pool's threads are joined when the interpreter exits.
_atexit.register(shutdown_worker_pool)
