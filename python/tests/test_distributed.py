"""Census parts and their merge, and lfsr_map.distributed on a real Dask cluster of two
worker processes, including one killed mid-run."""

import os
import signal
import threading
import time

import pytest

import lfsr_map


@pytest.mark.parametrize("q,degree,singular", [(2, 16, False), (2, 18, True), (3, 8, True)])
@pytest.mark.parametrize("n", [1, 2, 3, 8, 64])
def test_parts_merge_to_the_census(q, degree, singular, n):
    parts = [
        lfsr_map.census_part(degree, q, part=k, parts=n, include_singular=singular)
        for k in range(n, 0, -1)
    ]
    merged = lfsr_map.census_merge(degree, q, parts, include_singular=singular)
    assert merged == lfsr_map.census(degree, q, include_singular=singular)


def test_merge_refuses_parts_that_do_not_make_the_census():
    parts = [lfsr_map.census_part(12, part=k, parts=3) for k in (1, 2, 3)]
    with pytest.raises(ValueError, match="do not make up the census"):
        lfsr_map.census_merge(12, 2, parts[:2])  # one missing
    with pytest.raises(ValueError, match="do not make up the census"):
        lfsr_map.census_merge(12, 2, parts + parts[:1])  # one twice
    with pytest.raises(ValueError):
        lfsr_map.census_merge(13, 2, parts)  # another census
    with pytest.raises(ValueError, match=r"parts\[1\]"):
        lfsr_map.census_merge(12, 2, [parts[0], "not a part", parts[2]])
    with pytest.raises(ValueError, match="part"):
        lfsr_map.census_part(12, part=4, parts=3)
    assert lfsr_map.census_merge(12, 2, parts) == lfsr_map.census(12)


distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_the_dask_census_equals_the_local_one(client):
    from lfsr_map import distributed as ld

    got = ld.census(20, 2, client=client, shards=16)
    assert got == lfsr_map.census(20)
    got = ld.census(7, 3, client=client, shards=5, include_singular=True, cycle_structures=True)
    assert got == lfsr_map.census(7, 3, include_singular=True, cycle_structures=True)


def test_a_dask_batch_comes_back_in_input_order(client):
    from lfsr_map import distributed as ld

    lfsrs = [[1, k & 1, (k >> 1) & 1, (k >> 2) & 1, (k >> 3) & 1] for k in range(16)]
    lfsrs += ["x^7 + x + 1", [2, 1, 0], [0, 1, 1, 0]]
    got = ld.analyze_many(lfsrs[:16], 2, client=client, shards=5, method="enumerate")
    want = [
        a.to_dict(index=i + 1)
        for i, a in enumerate(lfsr_map.analyze_many(lfsrs[:16], 2, method="enumerate"))
    ]
    assert got == want
    got = ld.analyze_many([[2, 1, 0], [1, 1, 1]], 3, client=client, shards=2)
    assert got == [a.to_dict(index=i + 1) for i, a in enumerate(lfsr_map.analyze_many([[2, 1, 0], [1, 1, 1]], 3))]


def test_a_worker_killed_mid_run_changes_nothing(client):
    from lfsr_map import distributed as ld

    want = lfsr_map.census(36)
    result = {}

    def run():
        result["got"] = ld.census(36, 2, client=client, shards=48)

    t = threading.Thread(target=run)
    t.start()
    # wait until the workers are busy with parts, then kill one worker process outright
    deadline = time.time() + 60
    while time.time() < deadline:
        processing = client.processing()
        if any(processing.values()):
            break
        time.sleep(0.02)
    time.sleep(0.3)
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)
    t.join(timeout=300)
    assert not t.is_alive(), "the census did not finish after a worker was killed"
    assert result["got"] == want
    # the nanny brought a worker back, with another process
    deadline = time.time() + 60
    while len(client.scheduler_info()["workers"]) < 2 and time.time() < deadline:
        time.sleep(0.1)
    assert victim not in client.run(os.getpid).values()
