"""Request one URL until every gunicorn worker has served it; check each response.

Each request carries a unique X-CI-Probe header; gunicorn's access log (format
set by .ci/production_stage) records it with the worker's pid, so the probe
knows which worker answered. Fails if a response lacks --expect, contains
--absent, is not 200, or fewer than --workers distinct workers answered.

Usage: python .ci/worker_probe.py BASE URL ACCESS_LOG [--expect T] [--absent T]
"""

import argparse
import sys
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

MAX_REQUESTS = 600
BATCH = 6


def get(url: str) -> tuple[str, int, str]:
    probe = uuid.uuid4().hex
    request = urllib.request.Request(url, headers={"X-CI-Probe": probe})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return probe, response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return probe, error.code, ""


def workers_by_probe(log: Path) -> dict[str, str]:
    """Probe id -> worker pid, from lines '<pid> <status> "<request>" <probe>'."""
    found = {}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.split()
        if len(fields) >= 2 and len(fields[-1]) == 32:
            found[fields[-1]] = fields[0]
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("url")
    parser.add_argument("access_log", type=Path)
    parser.add_argument("--expect", default="")
    parser.add_argument("--absent", default="")
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    target = args.base.rstrip("/") + args.url
    bad: list[str] = []
    probes: list[str] = []
    pids: set[str] = set()
    with ThreadPoolExecutor(BATCH) as pool:
        while len(probes) < MAX_REQUESTS:
            for probe, status, body in pool.map(get, [target] * BATCH):
                probes.append(probe)
                if status != 200:
                    bad.append(f"{probe}: HTTP {status}")
                elif args.expect and args.expect not in body:
                    bad.append(f"{probe}: missing {args.expect!r}")
                elif args.absent and args.absent in body:
                    bad.append(f"{probe}: contains {args.absent!r}")
            logged = workers_by_probe(args.access_log)
            pids = {logged[p] for p in probes if p in logged}
            if len(pids) >= args.workers:
                break
    logged = workers_by_probe(args.access_log)
    bad_pids = sorted({logged.get(line.split(":")[0], "?") for line in bad})
    sys.stdout.write(
        f"probe {args.url}: {len(probes)} requests, workers {sorted(pids)}, "
        f"{len(bad)} bad response(s) from worker(s) {bad_pids}\n"
    )
    for line in bad[:5]:
        sys.stdout.write(f"  {line}\n")
    if len(pids) < args.workers:
        sys.stdout.write(f"  only {len(pids)} of {args.workers} workers answered\n")
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
