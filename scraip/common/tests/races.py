"""Many people saving at once, for the tests of first writes: each writer runs in its own thread
(its own database connection), all released together."""

import threading

from django.db import connection

from scraip.common.versioning import StaleEdit


def race(write, writers: int = 20) -> tuple[list[int], list]:
    """Run `write(number)` in `writers` threads at once. Returns the numbers of the writers that
    saved, and for each writer refused as stale what it was shown (`StaleEdit.current`)."""
    barrier = threading.Barrier(writers)
    saved, shown = [], []
    lock = threading.Lock()

    def one(number):
        try:
            barrier.wait(timeout=30)
            try:
                write(number)
            except StaleEdit as stale:
                with lock:
                    shown.append(stale.current)
            else:
                with lock:
                    saved.append(number)
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return saved, shown
