"""Ctrl-C raises KeyboardInterrupt within ~100 ms and cancels the work."""

import _thread
import signal
import threading
import time

import pytest

import lfsr_map

# x^30 + x^6 + x^4 + x + 1, primitive over GF(2): enumerating 2^30 states takes ~0.5-2 s.
DEG30 = "x^30 + x^6 + x^4 + x + 1"


def interrupt_after(delay, how):
    sent = {}

    def fire():
        time.sleep(delay)
        sent["at"] = time.monotonic()
        if how == "signal":
            signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)
        else:
            _thread.interrupt_main()

    t = threading.Thread(target=fire, daemon=True)
    t.start()
    return sent, t


@pytest.mark.parametrize("how", ["signal", "interrupt_main"])
@pytest.mark.parametrize("pool", ["module", "scoped"])
def test_keyboard_interrupt_cancels_a_long_enumeration(how, pool):
    scoped = lfsr_map.ScopedPool(2) if pool == "scoped" else None
    start = time.monotonic()
    sent, t = interrupt_after(0.2, how)
    with pytest.raises(KeyboardInterrupt):
        lfsr_map.analyze(DEG30, method="enumerate", pool=scoped)
    raised = time.monotonic()
    t.join()
    assert "at" in sent
    latency = raised - sent["at"]
    # ~50 ms poll + the cancellation (64K states per worker); generous on a loaded machine
    assert latency < 0.5, f"KeyboardInterrupt {latency * 1000:.0f} ms after the signal"
    assert raised - start < 1.5
    # the work is over: the pool is idle and works at once
    t0 = time.monotonic()
    assert lfsr_map.analyze("x^20 + x^3 + 1", method="enumerate", pool=scoped).max_period == 2**20 - 1
    assert time.monotonic() - t0 < 1.0
    if scoped is not None:
        scoped.close()
        assert scoped.stats()["threads_alive"] == 0


def test_keyboard_interrupt_during_a_batch():
    sent, t = interrupt_after(0.2, "interrupt_main")
    with pytest.raises(KeyboardInterrupt):
        lfsr_map.analyze_many([DEG30, DEG30], method="enumerate")
    t.join()
    assert lfsr_map.analyze("x^4 + x + 1", full=True).max_period == 15
