"""Fill an empty PostgreSQL database with a large, realistic dataset for the load test.

    python benchmarks/load/make_dataset.py --database-url postgresql://postgres@127.0.0.1/load \
        --accounts /tmp/load-accounts.json

Runs the migrations through the app (`flask db upgrade`), seeds the reference data and the
mentor goals through the app's own services, then bulk-inserts with SQLAlchemy Core into the
app's tables (explicit ids, sequences moved on at the end):

- the admin (admin@example.org) and one HR contact per municipality (hr.<kommun>@example.org),
  named as in the demo; every account has the demo password (MENTORSHIP_DEMO_PASSWORD,
  default "mentorship-demo"), hashed once;
- 10,000 participants (managers) spread over the eleven municipalities by size;
- 20 mentor rounds of about 500 people each (plus returning people): 17 closed and one
  running (match run, proposal, published pairs, talks, workshops with sign-ups and
  attendance, evaluation answers, nominations and an "Årets mentor"), one in "matching"
  (profiles done, ready for the engine) and one open (participants filling in profiles);
- 30 trainee cohorts (two a year, the newest two running) with trainees, placements,
  training days and study visits with attendance, group projects with milestones and
  outcomes with their history (the most recently ended cohort mostly unreported).

It also writes a JSON file with the accounts and ids the load script uses.
Deterministic (seeded); takes well under a minute on an ordinary machine. The rounds are
built in dataset_rounds.py, the cohorts in dataset_cohorts.py, from dataset_base.py.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ACCOUNTS_FILE = os.path.join(tempfile.gettempdir(), "mentorship-load-accounts.json")
sys.path.insert(0, str(ROOT))

from dataset_base import LANGUAGE_SETS, Rows, World  # noqa: E402
from dataset_cohorts import add_cohorts  # noqa: E402
from dataset_rounds import add_rounds  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--database-url", default=os.environ.get("MENTORSHIP_DATABASE_URL"))
    p.add_argument("--accounts", default=ACCOUNTS_FILE,
                   help="where to write the accounts and ids for the load script")
    p.add_argument("--participants", type=int, default=10_000)
    p.add_argument("--rounds", type=int, default=20)
    p.add_argument("--cohorts", type=int, default=30)
    p.add_argument("--seed", type=int, default=2024)
    args = p.parse_args(argv)
    if not args.database_url:
        p.error("give --database-url or set MENTORSHIP_DATABASE_URL")
    if args.rounds < 4:
        p.error("--rounds must be at least 4 (closed ones, then running, matching, open)")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    os.environ["MENTORSHIP_DATABASE_URL"] = args.database_url
    os.environ.setdefault("MENTORSHIP_SECRET_KEY", "load-test-dataset-only-" + "x" * 32)
    os.environ.setdefault("MENTORSHIP_ENV", "development")  # one process, sends no mail
    from flask_migrate import upgrade
    from sqlalchemy import func, insert, select, text

    from mentorship import create_app
    from mentorship.extensions import db

    started = time.perf_counter()
    app = create_app()
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        from mentorship.auth.models import User

        if db.session.scalar(select(func.count()).select_from(User)):
            sys.exit("make_dataset: the database already has users; give it an empty one")
        from mentorship.mentoring.rounds.services import seed_goals
        from mentorship.reference.services import seed_reference_data

        seed_reference_data()
        seed_goals()
        db.session.commit()
        print(f"migrated and seeded in {time.perf_counter() - started:.1f} s", flush=True)
        accounts = build(args, db, insert, text)
        db.session.commit()
    Path(args.accounts).parent.mkdir(parents=True, exist_ok=True)
    Path(args.accounts).write_text(json.dumps(accounts, ensure_ascii=False, indent=1))
    print(f"dataset ready in {time.perf_counter() - started:.1f} s; accounts in {args.accounts}")


def build(args: argparse.Namespace, db, insert, text) -> dict:
    from flask import current_app
    from sqlalchemy import select

    from mentorship.auth.models import User
    from mentorship.auth.passwords import hash_password
    from mentorship.mentoring.models import MentorGoal
    from mentorship.reference.models import BusinessArea, Municipality

    password = os.environ.get("MENTORSHIP_DEMO_PASSWORD") or current_app.config["DEMO_PASSWORD"]
    w = World(
        rng=random.Random(args.seed),
        rows=Rows(db.session, insert),
        now=datetime.now(UTC),
        munis={m.name: m for m in db.session.scalars(select(Municipality))},
        areas=list(db.session.scalars(select(BusinessArea).order_by(BusinessArea.id))),
        goal_names=list(db.session.scalars(select(MentorGoal.name).order_by(MentorGoal.id))),
        pw_hash=hash_password(password),  # once: argon2 is deliberately slow
    )
    admin_id, hr_accounts, people = add_people(w, args.participants)
    rounds, open_participants = add_rounds(w, people, admin_id, args.rounds)
    trainee_accounts = add_cohorts(w, hr_accounts, args.cohorts)
    _finish(db, text, w.rows.last)
    emails = dict(db.session.execute(
        select(User.id, User.email).where(User.id.in_([p["user_id"] for p in
                                                        open_participants]))).all())
    for p in open_participants:
        p["email"] = emails[p["user_id"]]
    return {
        "password": password,
        "admin": "admin@example.org",
        "hr": hr_accounts,
        "participants": open_participants,
        "trainees": trainee_accounts,
        "rounds": rounds,
    }


def add_people(w: World, n: int) -> tuple[int, list[dict], list[dict]]:
    """The admin, one HR contact per municipality and `n` participants (managers)."""
    from mentorship.auth.models import User, UserRole
    from mentorship.demo.people import FIRST_NAMES, LAST_NAMES, slug

    users, roles, rng = User.__table__, UserRole.__table__, w.rng
    created = w.now - timedelta(days=3650)
    admin_id = w.rows.add(users, email="admin@example.org", name="Karin Lindqvist",
                          municipality_id=w.munis["Helsingborg"].id, password_hash=w.pw_hash,
                          active=True, created_at=created)
    w.rows.add(roles, user_id=admin_id, role="admin")
    hr_accounts = []
    for name, m in sorted(w.munis.items()):
        uid = w.rows.add(users, email=f"hr.{slug(name)}@example.org", name=f"HR {name}",
                         municipality_id=m.id, password_hash=w.pw_hash, active=True,
                         created_at=created)
        w.rows.add(roles, user_id=uid, role="hr")
        hr_accounts.append({"email": f"hr.{slug(name)}@example.org", "municipality": name,
                            "municipality_id": m.id, "trainees": []})
    people = []  # the profile basics a person brings to every round
    for i in range(n):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        muni = w.municipality()
        uid = w.rows.add(
            users, email=f"{slug(first)}.{slug(last)}.{i + 1}.{slug(muni.name)}@example.org",
            name=f"{first} {last}", municipality_id=muni.id, password_hash=w.pw_hash,
            active=True, created_at=created + timedelta(minutes=i),
            last_login_at=w.now - timedelta(days=rng.randint(0, 900)))
        w.rows.add(roles, user_id=uid, role="participant")
        people.append({
            "user_id": uid, "municipality_id": muni.id,
            "area": rng.choice(w.areas).name, "years": rng.randint(0, 30),
            "gender": rng.choice(("woman", "man", "woman", "man", None)),
            "languages": list(rng.choice(LANGUAGE_SETS)), "email": None,
        })
    w.rows.flush(users, roles)
    print(f"  {len(people)} participants, {len(hr_accounts)} HR contacts, 1 admin", flush=True)
    return admin_id, hr_accounts, people


def _finish(db, text, last: dict[str, int]) -> None:
    """Moves the sequences past the explicit ids and gives the planner fresh statistics."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in db.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement:
            if last.get(table.name):
                db.session.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"{last[table.name]})"))
    db.session.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))


if __name__ == "__main__":
    main()
