"""Requests per second of every public page kind, as production serves them.

Builds a throwaway site (SQLite unless DATABASE_URL is set; the demo content),
runs collectstatic, and serves it with gunicorn (production settings, DEBUG
off, 2 sync workers) three ways: uncached (the page cache left out), from the
page cache, and through Varnish (deploy/varnish.vcl) in front of the cached
app. wrk (or, without it, a small Python load generator) measures each page
kind and a bare Django view in the same run; then the blog grows to each
--growth size and the pages that list posts are measured again, uncached:

    .venv/bin/python bench/pages.py --duration 5 --runs 3 --growth 20 1000 10000

Prints Markdown tables (README, "Performance").
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
BARE = "/__bench__/bare/"
PAGES = {
    "home": "/",
    "writing": "/writing/",
    "post": "/writing/mamba/",
    "tag list": "/writing/tags/",
    "tag page": "/writing/tags/systems/",
    "rss feed": "/writing/feed/",
    "topics": "/topics/",
    "topic": "/topics/efficient-architectures-and-serving/",
    "glossary": "/glossary/",
    "term": "/glossary/attention/",
    "episodes": "/episodes/",
    "episode": "/episodes/e036/",
    "search": "/search/?q=attention",
    "sitemap": "/sitemap.xml",
}
GROWTH_PAGES = ["home", "writing", "post", "tag page", "rss feed", "search", "sitemap"]


def site_env(work: Path, database_url: str | None) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SCHOLIA_"))
    }
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(work / "static"),
        DJANGO_MEDIA_ROOT=str(work / "media"),
        DATABASE_URL=database_url or f"sqlite:///{work / 'bench.sqlite3'}",
        PYTHONPATH=str(ROOT),
    )
    return env


def manage(env: dict[str, str], *args: str, extra: dict | None = None) -> str:
    result = subprocess.run(
        [PY, str(ROOT / "manage.py"), *args],
        env={**env, **(extra or {})},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def wait_for(url: str, attempts: int = 600) -> None:
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} never answered")


def start_gunicorn(env, port: int, page_cache: bool) -> subprocess.Popen:
    process = subprocess.Popen(
        [GUNICORN, "bench.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "2", "--no-control-socket", "--log-level", "warning"],
        env={**env, "SCHOLIA_BENCH_PAGE_CACHE": "1" if page_cache else "0"},
        cwd=ROOT,
    )
    wait_for(f"http://127.0.0.1:{port}{BARE}")
    return process


def start_varnish(work: Path, port: int, backend_port: int):
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if not Path(varnishd).exists():
        return None
    vcl = (ROOT / "deploy" / "varnish.vcl").read_text()
    vcl = vcl.replace('.port = "8001";', f'.port = "{backend_port}";')
    (work / "varnish.vcl").write_text(vcl)
    process = subprocess.Popen(
        [varnishd, "-F", "-a", f"127.0.0.1:{port}", "-f", str(work / "varnish.vcl")]
        + ["-n", str(work / "varnish"), "-s", "malloc,128m"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(f"http://127.0.0.1:{port}{BARE}")
    return process


def python_load(url: str, duration: float, connections: int = 4) -> float:
    """Requests per second from ``connections`` threads with keep-alive off."""
    done = [0] * connections
    stop = time.perf_counter() + duration

    def worker(index: int) -> None:
        while time.perf_counter() < stop:
            with urllib.request.urlopen(url) as response:
                response.read()
            done[index] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / duration


def measure(url: str, duration: float, runs: int) -> float:
    """Median requests per second over ``runs`` runs (wrk -t1 -c4)."""
    urllib.request.urlopen(url).read()
    rates = []
    for _ in range(runs):
        if shutil.which("wrk"):
            output = subprocess.run(
                ["wrk", "-t1", "-c4", f"-d{duration:g}s", url],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            rates.append(float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]))
        else:
            rates.append(python_load(url, duration))
    return statistics.median(rates)


def stop(process) -> None:
    if process is not None and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--growth", type=int, nargs="*", default=[20, 1000, 10000])
    parser.add_argument("--port", type=int, default=19601)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="scholia-bench-"))
    work.chmod(0o755)  # varnishd's unprivileged child reads its files here
    env = site_env(work, os.environ.get("DATABASE_URL"))
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo_content")
    uncached_port, cached_port, varnish_port = args.port, args.port + 1, args.port + 2
    processes = []
    try:
        processes.append(start_gunicorn(env, uncached_port, page_cache=False))
        processes.append(start_gunicorn(env, cached_port, page_cache=True))
        varnish = start_varnish(work, varnish_port, cached_port)
        processes.append(varnish)
        ports = {"uncached": uncached_port, "cached": cached_port}
        if varnish is not None:
            ports["varnish"] = varnish_port

        def rate(mode: str, path: str) -> float:
            url = f"http://127.0.0.1:{ports[mode]}{path}"
            return measure(url, args.duration, args.runs)

        bare = rate("uncached", BARE)
        print(
            f"Bare Django view: {bare:.0f} req/s (wrk -t1 -c4, median of "
            f"{args.runs} x {args.duration:g} s; 2 gunicorn sync workers)\n"
        )
        print(
            "| page | "
            + " | ".join(f"{mode} req/s (% of bare)" for mode in ports)
            + " |"
        )
        print("|---|" + "---:|" * len(ports))
        for kind, path in PAGES.items():
            cells = []
            for mode in ports:
                value = rate(mode, path)
                cells.append(f"{value:.0f} ({100 * value / bare:.1f} %)")
            print(f"| {kind} | " + " | ".join(cells) + " |", flush=True)

        if args.growth:
            print("\nUncached req/s as the blog grows:\n")
            print("| posts | " + " | ".join(GROWTH_PAGES) + " |")
            print("|---:|" + "---:|" * len(GROWTH_PAGES))
            for size in sorted(args.growth):
                manage(
                    env,
                    "shell",
                    "-c",
                    (ROOT / "bench" / "grow.py").read_text(),
                    extra={"BENCH_POSTS": str(size)},
                )
                cells = [
                    f"{rate('uncached', PAGES[kind]):.0f}" for kind in GROWTH_PAGES
                ]
                print(f"| {size} | " + " | ".join(cells) + " |", flush=True)
    finally:
        for process in reversed(processes):
            stop(process)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
