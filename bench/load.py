"""Load and slow-client benchmarks against gunicorn with production settings.

Both start the fault test's throwaway PostgreSQL and Redis (bench/fault_test.py),
seed the demo site and run gunicorn with the documented 3 workers.

``knee``: wrk at rising concurrency on a post and on /writing/ (rendered on
every request: there is no page cache in front); the knee is the lowest
concurrency whose throughput is within 10 % of the best. Then 60 s at twice
the knee, which must give 0 errors; prints p99.

``slowloris``: deploy/nginx.conf in front of gunicorn; many clients trickle
request headers a byte at a time while one reader keeps fetching pages. Every
reader request must succeed quickly, and nginx must drop each trickler within
its client_header_timeout (10 s) plus a margin. The same trickle straight at
gunicorn is measured too, to show what nginx protects.

    .venv/bin/python bench/load.py knee [--step-seconds 10] [--hold-seconds 60]
    .venv/bin/python bench/load.py slowloris [--tricklers 200] [--seconds 30]
"""

import argparse
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from fault_test import (
    APP,
    APP_PORT,
    PG_PORT,
    ROOT,
    VENV,
    Services,
    as_postgres,
    fetch,
    pg_tool,
    production_env,
    wait_until,
)

FRONT_PORT = 19484
WORKERS = 3
LEVELS = [1, 2, 4, 8, 16, 32]


class Site:
    """Throwaway services, the seeded demo site and gunicorn, for one run."""

    def __enter__(self):
        self.work = Path(tempfile.mkdtemp(prefix="scholia-load."))
        self.work.chmod(0o755)
        self.services = Services(self.work)
        self.env = production_env(self.work)
        self.services.init_postgres()
        self.services.start_postgres()
        self.services.start_redis()
        psql = [pg_tool("psql"), "-h", "127.0.0.1", "-p", str(PG_PORT), "-U"]
        subprocess.run(
            [*psql, "postgres", "-qc", "CREATE DATABASE scholia"], check=True
        )
        manage = [str(VENV / "python"), "manage.py"]
        for command in (
            ["collectstatic", "--noinput", "-v", "0"],
            ["migrate", "-v", "0"],
            ["load_demo_content", "--if-empty"],
        ):
            subprocess.run(
                [*manage, *command],
                cwd=ROOT,
                env=self.env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        self.gunicorn = subprocess.Popen(
            [str(VENV / "gunicorn"), "site_project.wsgi:application"]
            + ["--bind", f"127.0.0.1:{APP_PORT}", "--workers", str(WORKERS)]
            + ["--error-logfile", str(self.work / "gunicorn.log")]
            + ["--no-control-socket"],
            cwd=ROOT,
            env=self.env,
        )
        if wait_until(lambda: fetch("/readyz/", timeout=2)[0] == 200, 60) is None:
            sys.exit("gunicorn did not become ready")
        self.nginx_conf: Path | None = None
        return self

    def post_path(self) -> str:
        writing = fetch("/writing/")[2]
        found = re.findall(r'href="(/writing/[a-z0-9-]+/)"', writing)
        return next(p for p in found if p not in {"/writing/tags/", "/writing/feed/"})

    def start_nginx(self) -> None:
        nginx = self.work / "nginx"
        (nginx / "temp").mkdir(parents=True)
        site = (ROOT / "deploy" / "nginx.conf").read_text()
        site = site.replace("server web:8000;", f"server 127.0.0.1:{APP_PORT};")
        site = site.replace("listen 80;", f"listen 127.0.0.1:{FRONT_PORT};")
        site = site.replace("/srv/media/", f"{self.work}/media/")
        (nginx / "site.conf").write_text(site)
        temp = "".join(
            f"{kind}_temp_path {nginx}/temp/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        self.nginx_conf = nginx / "nginx.conf"
        self.nginx_conf.write_text(
            f"worker_processes 1;\npid {nginx}/nginx.pid;\n"
            f"error_log {nginx}/error.log warn;\n"
            "events { worker_connections 1024; }\n"
            "http {\ninclude /etc/nginx/mime.types;\n"
            f"access_log off;\n{temp}include {nginx}/site.conf;\n}}\n"
        )
        nginx_bin = shutil.which("nginx") or "/usr/sbin/nginx"
        subprocess.run(
            [nginx_bin, "-c", str(self.nginx_conf), "-p", str(nginx)], check=True
        )

    def __exit__(self, *exc):
        if self.nginx_conf is not None:
            pid = (self.nginx_conf.parent / "nginx.pid").read_text().strip()
            subprocess.run(["kill", "-QUIT", pid], check=False)
        self.gunicorn.terminate()
        self.gunicorn.wait()
        self.services.stop_redis()
        pg_ctl = [pg_tool("pg_ctl"), "-D", str(self.services.pgdata), "-m", "fast"]
        subprocess.run(
            as_postgres([*pg_ctl, "stop"]), check=False, stdout=subprocess.DEVNULL
        )
        shutil.rmtree(self.work, ignore_errors=True)


def wrk(url: str, connections: int, seconds: int) -> dict:
    """Requests per second, p99 (ms) and errors of one wrk run."""
    out = subprocess.run(
        ["wrk", "-t", str(min(connections, 2)), "-c", str(connections)]
        + ["-d", f"{seconds}s", "--timeout", "10s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    return {"rps": rps, "p99": float(p99.group(1)) * scale, "errors": errors}


def knee(args) -> int:
    failed = False
    with Site() as site:
        targets = {"post": site.post_path(), "/writing/": "/writing/"}
        print(f"{'page':<10} {'c':>4} {'req/s':>8} {'p99 ms':>8} {'errors':>7}")
        for name, path in targets.items():
            url = f"{APP}{path}"
            wrk(url, 2, 3)  # warm every worker's caches
            runs = {c: wrk(url, c, args.step_seconds) for c in LEVELS}
            for c, run in runs.items():
                rps, p99, errors = run["rps"], run["p99"], run["errors"]
                print(f"{name:<10} {c:>4} {rps:>8.1f} {p99:>8.0f} {errors:>7}")
            best = max(run["rps"] for run in runs.values())
            the_knee = min(c for c, run in runs.items() if run["rps"] >= 0.9 * best)
            hold = wrk(url, 2 * the_knee, args.hold_seconds)
            print(
                f"{name:<10} knee c={the_knee} ({runs[the_knee]['rps']:.0f} req/s); "
                f"{args.hold_seconds} s at c={2 * the_knee}: {hold['rps']:.1f} req/s, "
                f"p99 {hold['p99']:.0f} ms, errors {hold['errors']}"
            )
            failed |= hold["errors"] > 0
    print("load:", "FAIL" if failed else "PASS")
    return 1 if failed else 0


def trickle(port: int, closed_after: list, stop: threading.Event) -> None:
    """Open a request and send its headers one byte every 0.5 s, never ending
    them, until the server answers or hangs up."""
    start = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"GET /writing/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            sock.settimeout(0.5)
            while not stop.is_set():
                try:
                    sock.recv(1024)  # an answer (408) or b"": the server let go
                    break
                except TimeoutError:
                    sock.send(b"a")
    except OSError:
        pass
    if not stop.is_set():
        closed_after.append(time.monotonic() - start)


def readers_during_trickle(port: int, tricklers: int, seconds: float) -> dict:
    stop, closed_after, latencies, failures = threading.Event(), [], [], 0
    threads = [
        threading.Thread(target=trickle, args=(port, closed_after, stop), daemon=True)
        for _ in range(tricklers)
    ]
    for thread in threads:
        thread.start()
    time.sleep(1)  # the tricklers are connected and holding
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.monotonic()
        status = fetch_port(port, "/writing/")
        if status == 200:
            latencies.append(time.monotonic() - start)
        else:
            failures += 1
    stop.set()
    return {
        "ok": len(latencies),
        "failed": failures,
        "p99": statistics.quantiles(latencies, n=100)[98] * 1000
        if len(latencies) > 2
        else None,
        "dropped": len(closed_after),
        "max_hold": max(closed_after) if closed_after else None,
    }


def fetch_port(port: int, path: str) -> int:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def slowloris(args) -> int:
    with Site() as site:
        site.start_nginx()
        front = readers_during_trickle(FRONT_PORT, args.tricklers, args.seconds)
        direct = readers_during_trickle(APP_PORT, WORKERS + 1, min(args.seconds, 15))
    header = ("target", "ok", "failed", "p99 ms", "tricklers dropped")
    print("{:<22} {:>5} {:>7} {:>7} {:>18}".format(*header))
    for name, run in (
        (f"nginx, {args.tricklers} tricklers", front),
        (f"gunicorn, {WORKERS + 1} tricklers", direct),
    ):
        p99 = f"{run['p99']:.0f}" if run["p99"] is not None else "-"
        hold = f"{run['dropped']} (max {run['max_hold'] or 0:.1f} s)"
        print(f"{name:<22} {run['ok']:>5} {run['failed']:>7} {p99:>7} {hold:>18}")
    ok = (
        front["failed"] == 0
        and front["ok"] > 0
        and front["dropped"] == args.tricklers
        and front["max_hold"] < 15
    )
    print("slowloris:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    knee_parser = sub.add_parser("knee")
    knee_parser.add_argument("--step-seconds", type=int, default=10)
    knee_parser.add_argument("--hold-seconds", type=int, default=60)
    slow_parser = sub.add_parser("slowloris")
    slow_parser.add_argument("--tricklers", type=int, default=200)
    slow_parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    return knee(args) if args.command == "knee" else slowloris(args)


if __name__ == "__main__":
    sys.exit(main())
