"""What each page of the load mix costs on its own: SQL statements, time in SQL, total time
and the app's own CPU time (less sensitive to a busy machine than the wall-clock time).

    .venv/bin/python benchmarks/load/page_costs.py --database-url postgresql://... \
        --accounts accounts.json [--repeat 5] [--show-sql PAGE]

Runs in-process through the Flask test client (no gunicorn, no concurrency) against a
database filled by make_dataset.py, so the figures say where a page's time goes without
the noise of a busy machine. Read-only apart from what the pages themselves write (the
audit log, the login session).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ACCOUNTS_FILE = os.path.join(tempfile.gettempdir(), "mentorship-load-accounts.json")
sys.path.insert(0, str(ROOT))


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--database-url", default=os.environ.get("MENTORSHIP_DATABASE_URL"))
    p.add_argument("--accounts", default=ACCOUNTS_FILE)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--show-sql", default=None, help="print the statements of this page")
    p.add_argument("--explain", action="store_true",
                   help="EXPLAIN ANALYZE every statement; show sequential scans of big tables")
    args = p.parse_args()
    os.environ["MENTORSHIP_DATABASE_URL"] = args.database_url
    from sqlalchemy import event

    from mentorship import create_app
    from mentorship.extensions import db

    acc = json.loads(Path(args.accounts).read_text(encoding="utf-8"))
    app = create_app({"SECRET_KEY": "page-costs", "WTF_CSRF_ENABLED": False, "ENV": "development",
                      "LOGIN_LIMIT_PER_ACCOUNT": "1000 per minute",
                      "LOGIN_LIMIT_PER_ADDRESS": "1000 per minute"})
    stats = {"n": 0, "sql": 0.0, "statements": []}

    def before(conn, cursor, statement, params, context, many):
        conn.info["t0"] = time.perf_counter()

    def after(conn, cursor, statement, params, context, many):
        stats["n"] += 1
        stats["sql"] += time.perf_counter() - conn.info.pop("t0", time.perf_counter())
        stats["statements"].append(statement)
        stats.setdefault("with_params", []).append((statement, params))

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", before)
        event.listen(db.engine, "after_cursor_execute", after)

    rounds = acc["rounds"]
    hr = max(acc["hr"], key=lambda h: len(h["trainees"]))
    part = acc["participants"][0]
    trainee = hr["trainees"][-1]
    closed = rounds["closed"][-1]
    pages = {
        acc["admin"]: [
            "/", "/personer/", "/personer/?q=anna", "/personer/?municipality=3&page=4",
            "/mentorskap/omgangar", f"/mentorskap/omgangar/{closed}",
            f"/mentorskap/omgangar/{rounds['open']}/deltagare",
            f"/mentorskap/omgangar/{closed}/deltagare",
            f"/mentorskap/omgangar/{closed}/par",
            f"/mentorskap/omgangar/{rounds['matching']}/matchning",
            f"/mentorskap/omgangar/{closed}/export/par.csv",
            f"/mentorskap/omgangar/{closed}/export/workshoppar.xlsx",
            f"/mentorskap/omgangar/{closed}/export/utvardering.csv",
            "/trainee/utfall/export.xlsx",
        ],
        hr["email"]: ["/", "/trainee/utfall", f"/trainee/{trainee}",
                      f"/trainee/{trainee}/utfall"],
        part["email"]: ["/", "/mentorskap/", f"/mentorskap/profil/{part['enrolment_id']}"],
    }
    print(f"{'who':<28}{'page':<50}{'status':>7}{'SQL':>6}{'ms SQL':>9}{'ms all':>9}"
          f"{'ms CPU':>9}")
    for email, urls in pages.items():
        client = app.test_client()
        r = client.post("/logga-in", data={"email": email, "password": acc["password"]})
        assert r.status_code == 302, (email, r.status_code)
        for url in urls:
            times, sqls, counts, cpus = [], [], [], []
            for _ in range(args.repeat):
                stats.update(n=0, sql=0.0, statements=[])
                t0, c0 = time.perf_counter(), time.process_time()
                r = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
                cpus.append((time.process_time() - c0) * 1000)
                sqls.append(stats["sql"] * 1000)
                counts.append(stats["n"])
            print(f"{email[:27]:<28}{url[:49]:<50}{r.status_code:>7}{counts[-1]:>6}"
                  f"{statistics.median(sqls):>9.1f}{statistics.median(times):>9.1f}"
                  f"{statistics.median(cpus):>9.1f}")
            if args.explain:
                explain(args.database_url, stats.get("with_params", []))
            stats["with_params"] = []
            if args.show_sql and args.show_sql == url:
                for stmt, n in Counter(stats["statements"]).most_common():
                    print(f"  x{n}: {' '.join(stmt.split())[:400]}")


def explain(url: str, statements: list) -> None:
    """Sequential scans of tables over 1,000 rows in the last request's statements."""
    import psycopg

    seen = set()
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        for statement, params in statements:
            if not statement.lstrip().upper().startswith("SELECT") or statement in seen:
                continue
            seen.add(statement)
            plan = [r[0] for r in conn.execute("EXPLAIN ANALYZE " + statement, params)]
            scans = [line.strip() for line in plan if "Seq Scan" in line
                     and int(line.split("rows=")[-1].split()[0]) > 1000]
            total = plan[-1].strip()
            if scans:
                print(f"    {total}: {' '.join(statement.split())[:160]}")
                for line in scans:
                    print(f"      {line[:160]}")


if __name__ == "__main__":
    main()
