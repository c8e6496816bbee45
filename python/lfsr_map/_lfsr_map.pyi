"""Type stubs of the extension module lfsr_map._lfsr_map (re-exported by lfsr_map)."""

from types import TracebackType
from typing import Any, Iterable, Literal, Optional, Union

__version__: str
MAX_WORKERS: int

Coefficient = Union[int, str]
"""A field element: an int 0 <= c < q (SageMath's encoding k = sum a_i p^i over GF(p^n)),
or its text over GF(p^n) such as "a + 1"."""

LfsrLike = Union[str, Iterable[Coefficient]]
"""[c0, ..., c_{d-1}], or the characteristic polynomial x^d - sum c_i x^i as a string."""

Method = Literal["auto", "enumerate", "algebraic"]
Pool = Union["WorkerPool", "IdleTimeoutPool", "ScopedPool", "SequentialPool", None]

class LfsrMapError(RuntimeError):
    """A run failed for a reason other than bad input (pool failure, unknown order, a bug)."""

class PoolClosedError(LfsrMapError):
    """A pool was used after shutdown() / the end of its with block."""

class Factor:
    """One monic irreducible factor of a characteristic polynomial."""

    @property
    def polynomial(self) -> str: ...
    @property
    def multiplicity(self) -> int: ...
    @property
    def order(self) -> Optional[int]:
        """The order of the irreducible factor itself (not of its power); None for x."""

class Analysis:
    """Everything lfsr-map knows about one LFSR (see analyze)."""

    @property
    def coefficients(self) -> list[int]: ...
    @property
    def degree(self) -> int: ...
    @property
    def field(self) -> int:
        """q."""
    @property
    def characteristic_polynomial(self) -> str: ...
    @property
    def factors(self) -> list[Factor]: ...
    @property
    def polynomial_order(self) -> Optional[int]:
        """None when x divides the characteristic polynomial (singular LFSR)."""
    @property
    def matrix_order(self) -> Optional[int]:
        """The order of the state-update matrix: always equal to polynomial_order."""
    @property
    def primitive(self) -> bool: ...
    @property
    def irreducible(self) -> bool: ...
    @property
    def singular(self) -> bool: ...
    @property
    def state_count(self) -> int:
        """q^d."""
    @property
    def cycles(self) -> list[tuple[int, int]]:
        """[(period, count), ...] sorted by period."""
    @property
    def cycle_count(self) -> int: ...
    @property
    def max_period(self) -> int: ...
    @property
    def periods_sum(self) -> int: ...
    @property
    def transient_states(self) -> int: ...
    @property
    def max_tail(self) -> int: ...
    @property
    def tails(self) -> list[tuple[int, int]]:
        """[(tail, count), ...]: transient states by tail length."""
    @property
    def method(self) -> Literal["enumerate", "algebraic"]: ...
    @property
    def sequences(self) -> Optional[list[list[int]]]:
        """full=True: every cycle as its state indices k = sum s_j q^j, numbered 1, 2, ..."""
    @property
    def transients(self) -> Optional[list[tuple[int, int, int]]]:
        """full=True, singular: (state, sequence number, tail) for every transient state."""
    def to_dict(self, index: Optional[int] = None) -> dict[str, Any]:
        """The CLI's JSON analysis object (same keys, same order); 'index' only if given."""

class WorkerPool:
    """A handle to the module-level pool (get_worker_pool)."""

    @property
    def workers(self) -> int: ...
    def stats(self) -> dict[str, int]:
        """pools_created, pool_grows, threads_spawned, threads_alive, threads_retired,
        jobs_run, panics_caught, idle_reaps."""

class IdleTimeoutPool:
    """Idle workers retire after idle_timeout seconds and come back on demand."""

    def __init__(self, workers: Optional[int] = None, idle_timeout: float = 0.05) -> None: ...
    @property
    def workers(self) -> int: ...
    @property
    def live_workers(self) -> int: ...
    def stats(self) -> dict[str, int]: ...
    def shutdown(self) -> None: ...
    def __enter__(self) -> "IdleTimeoutPool": ...
    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> bool: ...

class ScopedPool:
    """Threads live exactly as long as the with block; joined at its end, also on error."""

    def __init__(self, workers: Optional[int] = None) -> None: ...
    @property
    def workers(self) -> int: ...
    @property
    def closed(self) -> bool: ...
    def stats(self) -> dict[str, int]: ...
    def close(self) -> None: ...
    def __enter__(self) -> "ScopedPool": ...
    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> bool: ...

class SequentialPool:
    """No threads: every job runs on the calling thread."""

    def __init__(self) -> None: ...
    @property
    def workers(self) -> int: ...
    def stats(self) -> dict[str, int]: ...

def analyze(
    lfsr: LfsrLike,
    q: int = 2,
    *,
    method: Method = "auto",
    full: bool = False,
    memory_limit: int = 4294967296,
    pool: Pool = None,
) -> Analysis:
    """Analyzes one LFSR.

    >>> analyze("x^4 + x + 1").cycles
    [(1, 1), (15, 1)]
    """

def analyze_many(
    lfsrs: Iterable[LfsrLike],
    q: int = 2,
    *,
    method: Method = "auto",
    full: bool = False,
    memory_limit: int = 4294967296,
    pool: Pool = None,
) -> list[Analysis]:
    """Analyzes many LFSRs side by side (the batch engine), in input order."""

def census(
    degree: int,
    q: int = 2,
    *,
    summary: bool = True,
    include_singular: bool = False,
    cycle_structures: bool = False,
    pool: Pool = None,
) -> dict[str, Any]:
    """The CLI's JSON census object; with summary=False also 'analyses': list[Analysis]."""

def census_part(
    degree: int,
    q: int = 2,
    *,
    part: int,
    parts: int,
    include_singular: bool = False,
    cycle_structures: bool = False,
    pool: Pool = None,
) -> str:
    """Part `part` of `parts` (from 1) of a census summary, encoded for census_merge."""

def census_merge(
    degree: int,
    q: int,
    parts: list[str],
    *,
    include_singular: bool = False,
    cycle_structures: bool = False,
) -> dict[str, Any]:
    """The census summary dict from all of its parts (any order); ValueError if they do not add up."""

def poly(text: str, q: int = 2) -> dict[str, Any]:
    """The CLI's JSON polynomial object: factors, orders, irreducible, primitive."""

def sequence(
    lfsr: LfsrLike,
    length: int,
    q: int = 2,
    *,
    state: Optional[Iterable[int]] = None,
    form: Literal["fibonacci", "galois"] = "fibonacci",
) -> list[int]:
    """The first `length` outputs of the LFSR from `state` (default: the impulse response)."""

def berlekamp_massey(
    sequence: Union[str, Iterable[int]], q: int = 2, *, profile: bool = False
) -> dict[str, Any]:
    """The CLI's JSON synthesis object: linear complexity, minimal polynomial, the LFSR."""

def find(
    degree: int,
    q: int = 2,
    *,
    primitive: bool = True,
    weight: Optional[int] = None,
    count: Optional[int] = 1,
    seed: Optional[int] = None,
) -> list[dict[str, Any]]:
    """Primitive (or irreducible) polynomials in galois' order, or at random from `seed`."""

def get_worker_pool(workers: Optional[int] = None) -> WorkerPool: ...
def shutdown_worker_pool() -> None: ...

