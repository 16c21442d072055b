"""Publishing a large mentor round: wall time and SQL statements of `publishing.publish`.

.venv/bin/python benchmarks/bench_publish.py --pairs 2000 \
    --database postgresql://postgres@127.0.0.1:5432/DBNAME [--code DIR]

The database is emptied (schema dropped and rebuilt from the models). `--code` points at
another checkout of the app (e.g. `git archive <commit> | tar -x -C DIR`) to measure the
code before a change with the same script. The round is built through the services: users,
enrolments with profiles, state "matching", one engine run; then `publish` + commit is
timed, with every statement counted.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=2000)
    ap.add_argument("--database", default=None, help="default: a SQLite file in /tmp")
    ap.add_argument("--code", default=str(HERE.parent))
    args = ap.parse_args()
    sys.path.insert(0, args.code)
    os.environ.setdefault("MENTORSHIP_ENV", "development")
    tmp = tempfile.mkdtemp(prefix="bench-publish-")
    os.environ["MENTORSHIP_INSTANCE_PATH"] = tmp
    url = args.database or "sqlite:///" + os.path.join(tmp, "bench.sqlite")

    from sqlalchemy import event, select, text

    import mentorship
    from mentorship import create_app
    from mentorship.extensions import db
    print(f"code: {os.path.dirname(mentorship.__file__)}")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "MAIL_SERVER": None,
                      "BASE_URL": "https://mentor.example.org"})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        db.create_all()
    with app.test_request_context():
        from mentorship.auth.models import User
        from mentorship.auth.services import NewUser, create_user
        from mentorship.mentoring.enrolment import profiles
        from mentorship.mentoring.enrolment.services import enrol_user
        from mentorship.mentoring.models import MATCHING, OPEN
        from mentorship.mentoring.pairing import proposals, publishing
        from mentorship.mentoring.rounds import services as rounds
        from mentorship.reference.models import Municipality
        from mentorship.reference.services import seed_reference_data

        seed_reference_data()
        munis = list(db.session.scalars(select(Municipality).order_by(Municipality.id)))
        admin = create_user(NewUser("admin@example.org", "Admin", munis[0].id, ("admin",)))
        round_ = rounds.create_round(admin, rounds.RoundSettings(
            "Benchmark", date(2026, 9, 1), date(2027, 6, 30), 0.0, {}))
        t0 = time.perf_counter()
        for i in range(args.pairs * 2):
            role, k = ("mentor" if i % 2 == 0 else "adept"), i // 2
            user = create_user(NewUser(f"{role}{k}@example.org", f"{role.title()} {k}",
                                       munis[(k + (0 if role == "mentor" else 5)) % 11].id,
                                       ("participant",)))
            profiles.apply_profile(enrol_user(round_, user), profiles.Profile(
                role=role, business_area="HR", level=2 if role == "mentor" else 1,
                years_as_manager=10 if role == "mentor" else 1, goals=("Svåra samtal",),
                languages=("sv",), meeting_mode="either", capacity=1))
        rounds.record_transition(admin, round_, OPEN)
        rounds.record_transition(admin, round_, MATCHING)
        db.session.commit()
        print(f"built {args.pairs * 2} enrolments in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        run = proposals.run_matching(admin, round_)
        db.session.commit()
        print(f"matching: {run.figures.get('pairs')} pairs in {time.perf_counter() - t0:.1f} s")
        admin, round_ = db.session.get(User, admin.id), db.session.get(type(round_), round_.id)
        db.session.expire_all()

        count = {"n": 0}

        def before(*_args):
            count["n"] += 1

        event.listen(db.engine, "before_cursor_execute", before)
        t0 = time.perf_counter()
        n = publishing.publish(admin, round_)
        db.session.commit()
        elapsed = time.perf_counter() - t0
        event.remove(db.engine, "before_cursor_execute", before)
        print(f"publish: {n} pairs, {elapsed:.2f} s, {count['n']} SQL statements "
              f"({db.engine.dialect.name})")


if __name__ == "__main__":
    main()
