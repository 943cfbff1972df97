"""The embedded cache's counters are exact under concurrency (issue 20: the write limit of
coordination, counted with add/incr, let 100 of 100 parallel writes through a limit of 30
because the file cache read and wrote the counter without a lock)."""

import multiprocessing
import threading

from wsr.cache import SharedFileCache


def _cache(directory):
    return SharedFileCache(str(directory), {"TIMEOUT": 60})


def _bump(directory, times):
    cache = _cache(directory)
    for _ in range(times):
        cache.add("counter", 0)
        cache.incr("counter")


def test_parallel_increments_from_threads_and_processes_are_all_counted(tmp_path):
    threads = [threading.Thread(target=_bump, args=(tmp_path, 20)) for _ in range(8)]
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_bump, args=(tmp_path, 20)) for _ in range(2)]
    for worker in [*threads, *processes]:
        worker.start()
    for worker in [*threads, *processes]:
        worker.join(timeout=60)
    assert _cache(tmp_path).get("counter") == 200


def test_add_keeps_the_first_value(tmp_path):
    cache = _cache(tmp_path)
    assert cache.add("key", 1) is True
    assert cache.add("key", 2) is False
    assert cache.get("key") == 1
