"""Fault test: stop Redis, then PostgreSQL, under a steady stream of readers.

Starts its own throwaway PostgreSQL cluster and redis-server on 127.0.0.1
(never the machine's own), seeds the demo site, runs gunicorn with production
settings (DEBUG off, whitenoise manifest storage, 3 workers), and keeps reader
threads requesting public pages while it:

1. stops Redis for 20 s: every response must be 200 (pages from the database);
2. starts Redis: /readyz/ and a never-cached page must answer 200 within 5 s;
3. stops PostgreSQL for 20 s: only 200 (cached copies) or 503 with Retry-After;
4. starts PostgreSQL: the same 5 s recovery check.

Prints the status counts of every phase; exits 1 if any response was a 500,
any other status broke the rule of its phase, or a recovery took over 5 s.

    .venv/bin/python bench/fault_test.py [--outage 20] [--readers 6]
"""

import argparse
import collections
import itertools
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
PG_PORT, REDIS_PORT, APP_PORT = 19482, 19481, 19483
APP = f"http://127.0.0.1:{APP_PORT}"
RECOVERY_LIMIT = 5.0


def pg_tool(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))), None
    )
    if not found:
        sys.exit(f"{name} not found: install PostgreSQL's server package")
    return str(found)


def as_postgres(command: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root."""
    return (
        ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command
    )


class Services:
    """The throwaway PostgreSQL cluster and redis-server this test stops and starts."""

    def __init__(self, work: Path):
        self.pgdata = work / "pgdata"
        self.socket_dir = work / "pgsocket"
        self.redis: subprocess.Popen | None = None

    def init_postgres(self) -> None:
        self.socket_dir.mkdir()
        self.pgdata.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.pgdata.parent, "postgres")
            shutil.chown(self.pgdata, "postgres")
            shutil.chown(self.socket_dir, "postgres")
        subprocess.run(
            as_postgres([pg_tool("initdb"), "-D", str(self.pgdata), "-U", "postgres"])
            + ["--auth=trust", "-E", "UTF8"],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start_postgres(self) -> None:
        options = f"-p {PG_PORT} -k {self.socket_dir} -c listen_addresses=127.0.0.1"
        subprocess.run(
            as_postgres([pg_tool("pg_ctl"), "-D", str(self.pgdata), "-w"])
            + ["-o", options, "-l", str(self.pgdata / "log"), "start"],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def stop_postgres(self) -> None:
        subprocess.run(
            as_postgres([pg_tool("pg_ctl"), "-D", str(self.pgdata), "-m", "fast"])
            + ["-w", "stop"],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start_redis(self) -> None:
        self.redis = subprocess.Popen(
            ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for line in self.redis.stdout:
            if "Ready to accept connections" in line:
                return
        sys.exit("redis-server did not start")

    def stop_redis(self) -> None:
        if self.redis is not None:
            self.redis.terminate()
            self.redis.wait()
            self.redis = None


def production_env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{PG_PORT}/scholia",
        REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/0",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(work / "static"),
        DJANGO_MEDIA_ROOT=str(work / "media"),
    )
    env.pop("SCHOLIA_PUBLIC_ORIGIN", None)
    return env


def fetch(path: str, timeout: float = 10.0) -> tuple[int, dict[str, str], str]:
    """(status, headers, body); status 0 when no HTTP response came back."""
    try:
        with urllib.request.urlopen(f"{APP}{path}", timeout=timeout) as response:
            body = response.read().decode("utf-8", "replace")
            return response.status, dict(response.headers), body
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), ""
    except (urllib.error.URLError, OSError):
        return 0, {}, ""


def wait_until(check, limit: float) -> float | None:
    """Seconds until check() holds (polled on the wall clock), None past limit."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if check():
            return time.monotonic() - start
        time.sleep(0.1)
    return None


class Readers:
    """Reader threads cycling through public pages, counting statuses per phase."""

    def __init__(self, paths: list[str], threads: int):
        self.paths = itertools.cycle(paths)
        self.lock = threading.Lock()
        self.phase = "warm-up"
        self.counts: dict[str, collections.Counter] = collections.defaultdict(
            collections.Counter
        )
        self.missing_retry_after = collections.Counter()
        self.running = True
        self.threads = [threading.Thread(target=self.run) for _ in range(threads)]

    def run(self) -> None:
        while self.running:
            with self.lock:
                path = next(self.paths)
            status, headers, _ = fetch(path)
            # Counted in the phase the response arrived in: a request in flight
            # when PostgreSQL stops gets the 503 of the outage.
            with self.lock:
                phase = self.phase
                self.counts[phase][status] += 1
                if status == 503 and "Retry-After" not in headers:
                    self.missing_retry_after[phase] += 1

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        for thread in self.threads:
            thread.join()


def fresh_page_served() -> bool:
    """A page no cache can hold (a new search each time) and readiness."""
    ready = fetch("/readyz/", timeout=2)[0] == 200
    return ready and fetch(f"/search/?q=probe{secrets.token_hex(4)}")[0] == 200


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--outage", type=float, default=20.0)
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="scholia-fault."))
    work.chmod(0o755)
    services = Services(work)
    env = production_env(work)
    gunicorn = readers = None
    failures = []
    try:
        services.init_postgres()
        services.start_postgres()
        services.start_redis()
        psql = [pg_tool("psql"), "-h", "127.0.0.1", "-p", str(PG_PORT), "-U"]
        subprocess.run(
            [*psql, "postgres", "-qc", "CREATE DATABASE scholia"], check=True
        )
        manage = [str(VENV / "python"), "manage.py"]
        for command in (
            ["collectstatic", "--noinput", "-v", "0"],
            ["migrate", "-v", "0"],
        ):
            subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True)
        subprocess.run(
            [*manage, "load_demo_content", "--if-empty"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        gunicorn = subprocess.Popen(
            [str(VENV / "gunicorn"), "site_project.wsgi:application"]
            + ["--bind", f"127.0.0.1:{APP_PORT}", "--workers", str(args.workers)]
            + ["--error-logfile", str(work / "gunicorn.log"), "--no-control-socket"],
            cwd=ROOT,
            env=env,
        )
        if wait_until(lambda: fetch("/readyz/", timeout=2)[0] == 200, 60) is None:
            sys.exit("gunicorn did not become ready")
        writing = fetch("/writing/")[2]
        posts = sorted(set(re.findall(r'href="(/writing/[a-z0-9-]+/)"', writing)))
        posts = [p for p in posts if p not in {"/writing/tags/", "/writing/feed/"}]
        paths = ["/", "/writing/", *posts[:3], "/topics/", "/glossary/"]
        paths += ["/episodes/", "/writing/tags/", "/search/?q=cache"]

        with Readers(paths, args.readers) as readers:
            time.sleep(5)  # warm-up: every page once or more

            def phase(name: str) -> None:
                with readers.lock:
                    readers.phase = name

            for service, stop, start in (
                ("redis", services.stop_redis, services.start_redis),
                ("postgresql", services.stop_postgres, services.start_postgres),
            ):
                phase(f"{service} down")
                stop()
                time.sleep(args.outage)
                phase(f"{service} back")
                start()
                took = wait_until(fresh_page_served, RECOVERY_LIMIT)
                print(
                    f"{service}: fresh pages {took:.1f} s after restart"
                    if took is not None
                    else f"{service}: no fresh page in 5 s"
                )
                if took is None:
                    failures.append(f"{service}: no fresh page within 5 s")
                time.sleep(5)

        print(f"\n{'phase':<18} {'requests':>9}  statuses")
        for name, counts in readers.counts.items():
            statuses = ", ".join(
                f"{s or 'no response'}: {n}" for s, n in sorted(counts.items())
            )
            print(f"{name:<18} {sum(counts.values()):>9}  {statuses}")
            allowed = {200, 503} if name == "postgresql down" else {200}
            if name == "postgresql back":
                allowed = {200, 503}  # until the first reconnect answers
            if bad := {s: n for s, n in counts.items() if s not in allowed}:
                failures.append(f"{name}: {bad}")
            if readers.missing_retry_after[name]:
                failures.append(f"{name}: 503 without Retry-After")
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait()
        services.stop_redis()
        subprocess.run(
            as_postgres(
                [
                    pg_tool("pg_ctl"),
                    "-D",
                    str(services.pgdata),
                    "-m",
                    "immediate",
                    "stop",
                ]
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(work, ignore_errors=True)

    total_500 = sum(c[500] for c in readers.counts.values())
    print(f"\nresponses with status 500: {total_500}")
    for failure in failures:
        print(f"FAIL {failure}")
    print("fault test:", "FAIL" if failures else "PASS")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
