"""Pool lifecycles, concurrent calls, the GIL released."""

import threading
import time

import pytest

import lfsr_map

DEG10 = [1, 0, 0, 1, 0, 0, 0, 0, 0, 0]  # x^10 + x^3 + 1, primitive
STAT_KEYS = {
    "pools_created",
    "pool_grows",
    "threads_spawned",
    "threads_alive",
    "threads_retired",
    "jobs_run",
    "panics_caught",
    "idle_reaps",
}


def test_module_pool_reused_across_1000_calls_and_shut_down():
    lfsr_map.shutdown_worker_pool()
    before = lfsr_map.get_worker_pool(2).stats()
    assert set(before) == STAT_KEYS
    pool = lfsr_map.get_worker_pool(2)
    for _ in range(1000):
        # method="enumerate": every call runs a job on the pool
        a = lfsr_map.analyze(DEG10, method="enumerate", pool=pool)
    assert a.max_period == 1023
    for _ in range(100):
        lfsr_map.analyze(DEG10, full=True)  # the default pool is the same pool
    after = pool.stats()
    assert after["pools_created"] == before["pools_created"], "1 pool for every call"
    assert after["threads_spawned"] == before["threads_spawned"]
    assert after["jobs_run"] >= before["jobs_run"] + 1100
    lfsr_map.shutdown_worker_pool()
    assert pool.stats()["threads_alive"] == 0
    lfsr_map.shutdown_worker_pool()  # idempotent
    # the handle still works: the next call creates a fresh pool
    assert lfsr_map.analyze(DEG10, method="enumerate", pool=pool).max_period == 1023
    assert pool.stats()["pools_created"] == after["pools_created"] + 1
    lfsr_map.shutdown_worker_pool()
    assert pool.stats()["threads_alive"] == 0


def test_scoped_pool_joins_at_the_end_of_the_block():
    with lfsr_map.ScopedPool(2) as pool:
        assert pool.stats()["threads_alive"] == 2
        big = lfsr_map.analyze("x^20 + x^3 + 1", method="enumerate", pool=pool)
        assert big.max_period == 2**20 - 1
        many = lfsr_map.analyze_many([DEG10] * 50, full=True, pool=pool)
        assert len(many) == 50
    s = pool.stats()
    assert s["threads_alive"] == 0 and s["threads_spawned"] == 2 and s["pools_created"] == 1
    assert pool.closed
    with pytest.raises(lfsr_map.PoolClosedError, match="with block ended"):
        lfsr_map.analyze(DEG10, full=True, pool=pool)
    with pytest.raises(lfsr_map.PoolClosedError):
        with pool:
            pass
    pool.close()  # idempotent


def test_scoped_pool_joins_on_exception():
    with pytest.raises(ZeroDivisionError):
        with lfsr_map.ScopedPool(2) as pool:
            lfsr_map.analyze(DEG10, full=True, pool=pool)
            1 / 0
    assert pool.stats()["threads_alive"] == 0
    assert isinstance(lfsr_map.PoolClosedError("x"), RuntimeError)
    with pytest.raises(lfsr_map.PoolClosedError):
        lfsr_map.census(4, pool=pool)


def test_scoped_pool_close_waits_for_calls_in_flight():
    results = []
    started = threading.Event()
    with lfsr_map.ScopedPool(2) as pool:

        def long_call():
            started.set()
            results.append(lfsr_map.analyze("x^26 + x^6 + x^2 + x + 1", method="enumerate", pool=pool))

        t = threading.Thread(target=long_call)
        t.start()
        started.wait()
        time.sleep(0.05)
    # the block ended only after the call in flight finished: every thread joined
    assert pool.stats()["threads_alive"] == 0
    t.join()
    assert len(results) == 1 and results[0].method == "enumerate"


def test_idle_timeout_pool_retires_and_shuts_down():
    pool = lfsr_map.IdleTimeoutPool(2, idle_timeout=0.05)
    assert pool.workers == 2
    lfsr_map.analyze("x^20 + x^3 + 1", method="enumerate", pool=pool)
    assert pool.stats()["threads_spawned"] >= 1
    deadline = time.monotonic() + 5
    while pool.live_workers and time.monotonic() < deadline:
        time.sleep(0.02)
    assert pool.live_workers == 0
    assert pool.stats()["idle_reaps"] >= 1
    # comes back on demand
    assert lfsr_map.analyze(DEG10, full=True, pool=pool).max_period == 1023
    pool.shutdown()
    assert pool.stats()["threads_alive"] == 0
    with pytest.raises(lfsr_map.PoolClosedError, match="shut down"):
        lfsr_map.analyze(DEG10, full=True, pool=pool)
    with lfsr_map.IdleTimeoutPool(1) as p2:
        lfsr_map.analyze(DEG10, full=True, pool=p2)
    assert p2.stats()["threads_alive"] == 0


def test_sequential_pool_spawns_nothing():
    pool = lfsr_map.SequentialPool()
    a = lfsr_map.analyze("x^18 + x^7 + 1", method="enumerate", pool=pool)
    assert a.max_period == 2**18 - 1
    assert pool.stats()["threads_spawned"] == 0
    assert pool.stats()["jobs_run"] >= 1


@pytest.mark.parametrize(
    "make",
    [
        lambda: lfsr_map.get_worker_pool(2),
        lambda: lfsr_map.IdleTimeoutPool(2),
        lambda: lfsr_map.ScopedPool(2),
        lambda: lfsr_map.SequentialPool(),
    ],
    ids=["module", "idle-timeout", "scoped", "sequential"],
)
def test_concurrent_calls_from_four_threads(make):
    pool = make()
    work = [
        ("x^18 + x^7 + 1", {"method": "enumerate"}),
        ([1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1], {"method": "enumerate"}),
        ("x^12 + x^6 + x^4 + x + 1", {"full": True}),
        ([0, 1, 1, 0, 1, 1, 0, 1], {"full": True}),
    ]
    want = [lfsr_map.analyze(lfsr, pool=lfsr_map.SequentialPool(), **kw).to_dict() for lfsr, kw in work]
    errors, got = [], {}

    def run(i):
        try:
            lfsr, kw = work[i]
            for _ in range(5):
                got.setdefault(i, []).append(lfsr_map.analyze(lfsr, pool=pool, **kw).to_dict())
            many = lfsr_map.analyze_many([lfsr] * 20, pool=pool, **kw)
            got[i].extend(a.to_dict() for a in many)
            got[i].append(lfsr_map.census(8, pool=pool)["primitive"])
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    for i in range(4):
        assert got[i][:-1] == [want[i]] * 25
        assert got[i][-1] == 16  # primitive polynomials of degree 8 over GF(2)
    if isinstance(pool, (lfsr_map.ScopedPool, lfsr_map.IdleTimeoutPool)):
        pool.close() if isinstance(pool, lfsr_map.ScopedPool) else pool.shutdown()
        assert pool.stats()["threads_alive"] == 0


def test_the_gil_is_released_while_work_runs():
    done = threading.Event()
    counter = 0

    def work():
        lfsr_map.analyze("x^26 + x^6 + x^2 + x + 1", method="enumerate")
        done.set()

    t = threading.Thread(target=work)
    t.start()
    while not done.is_set():
        counter += 1
    t.join()
    # a held GIL would have frozen this loop for the whole enumeration
    assert counter > 1000


def test_pool_arguments_are_checked():
    with pytest.raises(TypeError, match="pool: expected None, a WorkerPool"):
        lfsr_map.analyze(DEG10, pool="simple")
    for bad in (0, -1, lfsr_map.MAX_WORKERS + 1, 10**30):
        with pytest.raises(ValueError, match="workers = "):
            lfsr_map.get_worker_pool(bad)
        with pytest.raises(ValueError, match="workers = "):
            lfsr_map.ScopedPool(bad)
    with pytest.raises(TypeError, match="workers: expected an int, got float"):
        lfsr_map.IdleTimeoutPool(2.0)
    for bad in (-1.0, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="idle_timeout"):
            lfsr_map.IdleTimeoutPool(2, idle_timeout=bad)
    with pytest.raises(TypeError):
        lfsr_map.IdleTimeoutPool(2, idle_timeout="1s")
