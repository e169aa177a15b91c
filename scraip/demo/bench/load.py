"""Throughput under load: gunicorn (2 workers) on 127.0.0.1 against the large database, driven
for 10 seconds a page by a bounded load generator (a fixed number of threads, each sending its
next request when the last one answers), signed in as the generated scrutiny officer.

It reports the requests a second the officer's dashboard serves beside those of the lightest
signed-in page, and their ratio. Requests still running when the 10 seconds end are not
counted, and are allowed to finish (up to two minutes) before the next page is driven.
"""

import http.client
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from .databases import ROOT

WORKERS = 2
CONCURRENCY = 4  # two requests queued behind each worker: it is never idle
SECONDS = 10.0
TIMEOUT = 120.0
PASSWORD = "scraip-generated-2026"  # scraip.demo.generate.councils.PASSWORD
PAGES = (("Calendar feeds page", "/calendar/"), ("Officer's dashboard", "/dashboards/officer/"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(database_url: str, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "AXES_ENABLED": "0",
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    config = Path(__file__).with_name("gunicorn_conf.py")
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "scraip.wsgi",
        f"--workers={WORKERS}",
        f"--bind=127.0.0.1:{port}",
        f"--timeout={int(TIMEOUT)}",
        f"--config={config}",
        "--log-level=warning",
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def wait_until_up(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def sign_in(port: int, username: str) -> str:
    """The session cookie of a real sign-in through the sign-in form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    form = opener.open(f"{base}/sign-in/", timeout=TIMEOUT).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(f"{base}/sign-in/", data=data, headers={"Referer": base})
    opener.open(request, timeout=TIMEOUT).read()
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        raise RuntimeError(f"could not sign in as {username}")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def drive(port: int, path: str, cookie: str) -> dict:
    """CONCURRENCY threads requesting `path` for SECONDS; completed answers counted."""
    stop_at = time.monotonic() + SECONDS
    lock = threading.Lock()
    done, failed, latencies = [0], [0], []

    def worker():
        while time.monotonic() < stop_at:
            started = time.monotonic()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
                connection.request("GET", path, headers={"Cookie": cookie})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
                connection.close()
            except OSError:
                ok = False
            finished = time.monotonic()
            with lock:
                if finished <= stop_at:
                    (done if ok else failed)[0] += 1
                    latencies.append(finished - started)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SECONDS + TIMEOUT)
    latencies.sort()
    return {
        "requests": done[0],
        "failed": failed[0],
        "rps": round(done[0] / SECONDS, 2),
        "median_s": round(latencies[len(latencies) // 2], 3) if latencies else None,
    }


def run(database_url: str, log=print) -> dict:
    port = free_port()
    server = start_gunicorn(database_url, port)
    try:
        wait_until_up(port)
        cookie = sign_in(port, "officer1")
        results = {}
        for name, path in PAGES:
            log(f"  driving {name} ({path}) for {SECONDS:.0f} s at concurrency {CONCURRENCY}…")
            results[name] = {"path": path, **drive(port, path, cookie)}
        light, heavy = (results[name]["rps"] for name, _ in PAGES)
        return {
            "workers": WORKERS,
            "concurrency": CONCURRENCY,
            "seconds": SECONDS,
            "pages": results,
            "ratio": round(light / heavy, 1) if heavy else None,
        }
    finally:
        server.terminate()
        server.wait(30)
