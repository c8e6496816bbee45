"""Run a census or a batch of LFSRs on a Dask cluster, in deterministic shards.

The census summary is cut into ``shards`` parts (the same cut on every machine,
``lfsr_map.census_part``), each part is a Dask task, and the parts are merged exactly
(``lfsr_map.census_merge``): the result is the dict ``lfsr_map.census(...)`` gives. A batch of
LFSRs is cut into contiguous chunks, each analyzed on a worker with ``analyze_many``, and the
results come back in input order. The tasks are pure (the same inputs give the same part), so
when a worker dies, the scheduler reruns its tasks elsewhere and the result is unchanged.

Dask is not a dependency of lfsr_map: ``pip install dask distributed`` to use this module
(and ``dask-jobqueue`` to put the workers on Slurm or PBS; see the README).

>>> from distributed import Client, LocalCluster          # doctest: +SKIP
>>> with LocalCluster(n_workers=2, processes=True) as cluster, Client(cluster) as client:
...     s = lfsr_map.distributed.census(20, 2, client=client, shards=16)
...     s == lfsr_map.census(20)
True
"""

from __future__ import annotations

from typing import Any, Iterable, Optional, Sequence

from . import _lfsr_map

__all__ = ["census", "analyze_many"]


def _default_shards(client: Any) -> int:
    # a few tasks per worker thread, so that a slow or lost worker costs little
    threads = sum(client.nthreads().values()) if client is not None else 1
    return max(1, 4 * threads)


def census(
    degree: int,
    q: int = 2,
    *,
    client: Any,
    shards: Optional[int] = None,
    include_singular: bool = False,
    cycle_structures: bool = False,
) -> dict[str, Any]:
    """The census summary of every LFSR of ``degree`` over GF(``q``), computed as ``shards``
    Dask tasks on ``client`` and merged: equal to ``lfsr_map.census(degree, q, ...)``."""
    n = shards if shards is not None else _default_shards(client)
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"shards = {n!r}: must be an int >= 1")
    futures = [
        client.submit(
            _lfsr_map.census_part,
            degree,
            q,
            part=k,
            parts=n,
            include_singular=include_singular,
            cycle_structures=cycle_structures,
            key=f"lfsr-map-census-{q}-{degree}-{include_singular}-{cycle_structures}-{k}-of-{n}",
            pure=True,
            retries=2,
        )
        for k in range(1, n + 1)
    ]
    parts = client.gather(futures)
    return _lfsr_map.census_merge(
        degree,
        q,
        list(parts),
        include_singular=include_singular,
        cycle_structures=cycle_structures,
    )


def _analyze_chunk(lfsrs: Sequence[Any], q: int, first: int, options: dict) -> list[dict]:
    out = _lfsr_map.analyze_many(list(lfsrs), q, **options)
    return [a.to_dict(index=first + i + 1) for i, a in enumerate(out)]


def analyze_many(
    lfsrs: Iterable[Any],
    q: int = 2,
    *,
    client: Any,
    shards: Optional[int] = None,
    **options: Any,
) -> list[dict]:
    """``analyze_many(lfsrs, q, **options)`` as ``shards`` Dask tasks of contiguous chunks;
    returns, in input order, each analysis as its ``to_dict(index=i)`` (the CLI's JSON
    object for row ``i``, from 1), since dicts travel between processes."""
    items = list(lfsrs)
    n = shards if shards is not None else _default_shards(client)
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"shards = {n!r}: must be an int >= 1")
    bounds = [len(items) * k // n for k in range(n + 1)]
    futures = [
        client.submit(
            _analyze_chunk,
            items[bounds[k] : bounds[k + 1]],
            q,
            bounds[k],
            options,
            pure=True,
            retries=2,
        )
        for k in range(n)
        if bounds[k] < bounds[k + 1]
    ]
    out: list[dict] = []
    for chunk in client.gather(futures):
        out.extend(chunk)
    return out
