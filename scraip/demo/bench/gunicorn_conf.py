"""gunicorn settings of the benchmark's load test: each worker's clock travels to the day the
generated data was made for, as the measuring runs' does (scraip.demo.bench.pages.NOW)."""


def post_worker_init(worker):
    import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    from scraip.demo.bench.databases import DATA_DAY

    day = datetime.date.fromisoformat(DATA_DAY)
    now = datetime.datetime.combine(day, datetime.time(10), tzinfo=ZoneInfo("Europe/London"))
    worker.bench_clock = time_machine.travel(now, tick=True)
    worker.bench_clock.start()
