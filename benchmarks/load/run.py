"""The load test, end to end, on 127.0.0.1 only:

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/load/run.py                 # 2 minutes, 50 users
    .venv/bin/python benchmarks/load/run.py --duration 30s --users 20

1. creates a fresh PostgreSQL database (dropped at the end unless --keep-db),
2. fills it with benchmarks/load/make_dataset.py (10,000 participants, 20 rounds, 30 cohorts),
3. starts the app under gunicorn (4 workers x 2 threads, a connection per request as from
   the TLS proxy in front of it) with a real secret key, generous login limits and, when
   Redis answers on 127.0.0.1:6379, a rate-limit store shared by the workers,
4. runs locust headless (benchmarks/load/locustfile.py) for the duration: 10 users arrive
   a second until all 50 are in, each at a random moment of its second,
5. prints requests per second, p50/p95/p99 per page and the error count, then stops
   everything it started.
"""

from __future__ import annotations

import argparse
import csv
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
TARGET_MS = 300
EXEMPT = ("(matching)", "(export)")  # pages without the p95 target


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Load test of the app under gunicorn on PostgreSQL")
    p.add_argument("--server", default=os.environ.get("LOAD_PG", "postgresql://postgres@127.0.0.1:5432"),
                   help="PostgreSQL server (no database name); must be on 127.0.0.1")
    p.add_argument("--database", default="mentorship_load")
    p.add_argument("--keep-db", action="store_true", help="leave the database for a look")
    p.add_argument("--port", type=int, default=8077)
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--worker-class", default=None,
                   help="gunicorn worker class (gunicorn.conf.py's gthread unless given)")
    # 0: a connection per request, as the deployment's TLS proxy (README) opens them to
    # gunicorn by default (nginx keeps no upstream connection alive unless told to), and
    # as gunicorn.conf.py expects. A gthread worker keeps every kept-alive connection it
    # once accepted and serves it with its own two threads while another worker idles:
    # with --keep-alive 10 the 50 users' connections spread unevenly (820 to 1,454
    # requests a worker; benchmarks/README.md). Above 0 it also needs --worker-connections
    # above the threads, and must be longer than the users' 1-3 s pause: at gunicorn's
    # default of 2 s a connection is closed just as the client reuses it.
    p.add_argument("--keep-alive", type=int, default=0)
    p.add_argument("--worker-connections", type=int, default=None,
                   help="connections a worker takes at once (gunicorn.conf.py: its threads)")
    p.add_argument("--users", type=int, default=50)
    p.add_argument("--spawn-rate", type=float, default=10)
    p.add_argument("--arrivals", choices=["spread", "burst"], default="spread",
                   help="spread: each user starts at a random moment within its second "
                        "(default); burst: as locust dispatches them, a second's users at "
                        "the same instant")
    p.add_argument("--duration", default="2m")
    p.add_argument("--participants", type=int, default=10_000)
    p.add_argument("--out", default=None, help="folder for the locust CSV files")
    p.add_argument("--access-log", action="store_true",
                   help="gunicorn's access log with the server-side time of each request "
                        "(access.log in the --out folder: time|method|path|status|ms|pid)")
    args = p.parse_args()
    if not args.server.split("@")[-1].startswith(("127.0.0.1", "localhost")):
        p.error("the database server must be local")
    return args


def admin_connection(server: str):
    import psycopg

    return psycopg.connect(server.rstrip("/") + "/postgres", autocommit=True)


def fresh_database(server: str, name: str) -> str:
    with admin_connection(server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return server.rstrip("/") + "/" + name


def drop_database(server: str, name: str) -> None:
    with admin_connection(server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def redis_reachable() -> bool:
    try:
        import redis  # noqa: F401  (limits needs the client library)
    except ImportError:
        return False
    try:
        with socket.create_connection((HOST, 6379), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def wait_healthy(port: int, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("gunicorn exited; see its log above")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/halsa", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the app did not answer /halsa in time")


def group_cpu_seconds(pgid: int) -> float:
    """User + system CPU of every process in the group (gunicorn's master and workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields[2] is the process group id
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def stop(proc: subprocess.Popen | None) -> None:
    """Stops a process group this script started (by its id)."""
    if proc is None or proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def report(stats_csv: Path, seconds: float) -> tuple[int, list[str]]:
    """Prints the per-page table; returns the error count and the pages over target."""
    rows = list(csv.DictReader(stats_csv.open(encoding="utf-8")))
    pages = [r for r in rows if r["Name"] != "Aggregated"]
    total = next(r for r in rows if r["Name"] == "Aggregated")
    width = max(len(r["Name"]) for r in rows) + 2
    head = f"{'page':<{width}}{'reqs':>7}{'err':>5}{'p50':>7}{'p95':>7}{'p99':>7}{'max':>7}"
    print("\n" + head + "   (ms)")
    print("-" * len(head))
    over = []
    for r in sorted(pages, key=lambda r: r["Name"]) + [total]:
        p95 = float(r["95%"]) if r["95%"] not in ("", "N/A") else 0.0
        flag = ""
        if r is not total and p95 > TARGET_MS and not r["Name"].endswith(EXEMPT):
            flag = "  over target"
            over.append(r["Name"])
        print(
            f"{r['Name']:<{width}}{r['Request Count']:>7}{r['Failure Count']:>5}"
            f"{r['50%']:>7}{r['95%']:>7}{r['99%']:>7}{float(r['Max Response Time']):>7.0f}{flag}"
        )
    errors = int(total["Failure Count"])
    print(f"\nrequests: {total['Request Count']} in {seconds:.0f} s, "
          f"{float(total['Requests/s']):.1f} requests/s; errors: {errors}")
    return errors, over


def scans(url: str) -> None:
    """Tables read by sequential scans during the run (a missing index shows up here)."""
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT relname, seq_scan, seq_tup_read, idx_scan, n_live_tup "
            "FROM pg_stat_user_tables ORDER BY seq_tup_read DESC LIMIT 8"
        ).fetchall()
    print("\ntables by rows read in sequential scans (whole run, incl. the dataset load):")
    print(f"{'table':<28}{'seq scans':>10}{'rows read':>12}{'idx scans':>11}{'rows':>9}")
    for name, seq, tup, idx, live in rows:
        print(f"{name:<28}{seq:>10}{tup:>12}{idx or 0:>11}{live:>9}")


def main() -> int:
    args = parse_args()
    out = Path(args.out or tempfile.mkdtemp(prefix="mentorship-load-"))
    out.mkdir(parents=True, exist_ok=True)
    accounts = out / "accounts.json"
    url = fresh_database(args.server, args.database)
    print(f"database {args.database} created on {args.server}", flush=True)
    server: subprocess.Popen | None = None
    try:
        subprocess.run(
            [sys.executable, str(HERE / "make_dataset.py"), "--database-url", url,
             "--accounts", str(accounts), "--participants", str(args.participants)],
            cwd=ROOT, check=True,
        )
        if not redis_reachable():
            # Production refuses a per-process store (memory://), and so does this run.
            raise SystemExit("the load test needs Redis at 127.0.0.1:6379 and the redis package")
        storage = "redis://127.0.0.1:6379/0"
        instance = tempfile.mkdtemp(prefix="mentorship-load-instance-")
        env = {
            **os.environ,
            "MENTORSHIP_SECRET_KEY": secrets.token_urlsafe(48),
            "MENTORSHIP_DATABASE_URL": url,
            "MENTORSHIP_INSTANCE_PATH": instance,
            "MENTORSHIP_RATELIMIT_STORAGE_URI": storage,
            "MENTORSHIP_BASE_URL": f"http://{HOST}:{args.port}",
            # Every simulated user logs in once; 50 of them share 13 accounts and one address.
            "MENTORSHIP_LOGIN_LIMIT_PER_ACCOUNT": "1000 per minute",
            "MENTORSHIP_LOGIN_LIMIT_PER_ADDRESS": "10000 per minute",
        }
        env.pop("MENTORSHIP_ENV", None)  # production settings
        cmd = [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"),
               "-w", str(args.workers), "--threads", str(args.threads),
               "-b", f"{HOST}:{args.port}", "--keep-alive", str(args.keep_alive),
               "--log-level", "warning"]
        if args.worker_class:
            cmd += ["-k", args.worker_class]
        if args.worker_connections:
            cmd += ["--worker-connections", str(args.worker_connections)]
        if args.access_log:
            cmd += ["--access-logfile", str(out / "access.log"),
                    "--access-logformat", "%(t)s|%(m)s|%(U)s|%(s)s|%(M)s|%(p)s"]
        cmd.append("wsgi:app")
        print("server: " + " ".join(cmd) + f"  (rate-limit storage {storage})", flush=True)
        server_log = (out / "gunicorn.log").open("w")
        server = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True,
                                  stdout=server_log, stderr=subprocess.STDOUT)
        wait_healthy(args.port, server)
        started = time.monotonic()
        cpu_before, load_before = group_cpu_seconds(server.pid), os.getloadavg()[0]
        locust = [
            str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless",
            "--host", f"http://{HOST}:{args.port}", "-u", str(args.users),
            "-r", str(args.spawn_rate), "-t", args.duration, "--csv", str(out / "load"),
            "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10",
        ]
        print("load:   " + " ".join(locust), flush=True)
        with (out / "locust.log").open("w") as log:
            subprocess.run(locust, cwd=ROOT, env={**os.environ, "LOAD_ACCOUNTS": str(accounts),
                                                "LOAD_ARRIVALS": args.arrivals},
                           stdout=log, stderr=subprocess.STDOUT)
        seconds = time.monotonic() - started
        cpu = group_cpu_seconds(server.pid) - cpu_before
        errors, over = report(out / "load_stats.csv", seconds)
        requests = int(next(r for r in csv.DictReader((out / "load_stats.csv").open())
                            if r["Name"] == "Aggregated")["Request Count"])
        print(f"server CPU: {cpu:.0f} s over {seconds:.0f} s on {os.cpu_count()} cores "
              f"({1000 * cpu / max(requests, 1):.0f} ms per request); load average "
              f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
        failures = out / "load_failures.csv"
        if errors and failures.exists():
            print("\nfailures:\n" + failures.read_text(encoding="utf-8")[:3000])
        print(f"\ntarget: no errors and p95 under {TARGET_MS} ms on every page but matching "
              f"and exports -> {'met' if not errors and not over else 'NOT met'}")
        if over:
            print("over target: " + ", ".join(over))
        scans(url)
        print(f"locust CSV files and the server log in {out}")
        shutil.rmtree(instance, ignore_errors=True)
        return 0 if not errors and not over else 1
    finally:
        stop(server)
        if not args.keep_db:
            drop_database(args.server, args.database)


if __name__ == "__main__":
    sys.exit(main())
