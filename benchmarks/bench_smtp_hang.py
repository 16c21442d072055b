"""Latency of saving requests while the SMTP server hangs.

.venv/bin/python benchmarks/bench_smtp_hang.py [--requests 10] [--code DIR]

A local TCP listener accepts connections and never answers (an SMTP server that hangs);
the app is configured to use it. Each measured request is an admin inviting a person
(a POST that writes and queues an e-mail), through the Flask test client on a SQLite
file. `--code` points at another checkout (e.g. `git archive <commit> | tar -x -C DIR`)
to measure the code before a change with the same script.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=10)
    ap.add_argument("--port", type=int, default=5123)
    ap.add_argument("--code", default=str(HERE.parent))
    args = ap.parse_args()
    sys.path.insert(0, args.code)
    tmp = tempfile.mkdtemp(prefix="bench-smtp-")
    os.environ["MENTORSHIP_INSTANCE_PATH"] = tmp

    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen(100)

    import mentorship
    from mentorship import create_app
    from mentorship.extensions import db

    print(f"code: {os.path.dirname(mentorship.__file__)}")
    app = create_app({
        "TESTING": True, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
        "SQLALCHEMY_DATABASE_URI": "sqlite:///" + os.path.join(tmp, "bench.sqlite"),
        "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": args.port, "MAIL_USE_TLS": False,
        "PASSWORD_HASH_TIME_COST": 1, "PASSWORD_HASH_MEMORY_KIB": 1024,
        "PROPAGATE_TEST_ERRORS": False, "JOBS_SYNC": True,
    })
    with app.app_context():
        from mentorship.auth.passwords import hash_password
        from mentorship.auth.services import NewUser, create_user
        from mentorship.reference.services import seed_reference_data

        db.create_all()
        seed_reference_data()
        admin = create_user(NewUser("admin@example.org", "Admin", 1, ("admin",)))
        admin.password_hash = hash_password("benchmark-password")
        db.session.commit()
    client = app.test_client()
    times = []
    started = time.perf_counter()
    response = client.post("/logga-in", data={"email": "admin@example.org",
                                              "password": "benchmark-password"})
    times.append(time.perf_counter() - started)
    assert response.status_code == 302, response.status_code
    for i in range(args.requests):
        started = time.perf_counter()
        response = client.post("/personer/bjud-in", data={
            "email": f"ny{i}@example.org", "name": f"Ny Person {i}", "municipality_id": 1,
            "roles": ["participant"]})
        times.append(time.perf_counter() - started)
        assert response.status_code == 302, response.status_code
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    print(f"{len(times)} saving requests (1 login + {args.requests} invitations) while the "
          f"SMTP server hangs: p50 {statistics.median(times) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms")
    listener.close()


if __name__ == "__main__":
    main()
