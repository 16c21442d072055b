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
Deterministic (seeded); takes well under a minute on an ordinary machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ACCOUNTS_FILE = os.path.join(tempfile.gettempdir(), "mentorship-load-accounts.json")
sys.path.insert(0, str(ROOT))

# Member municipalities weighted roughly by population (more managers in bigger ones).
MUNICIPALITY_WEIGHTS = {
    "Helsingborg": 150, "Landskrona": 46, "Ängelholm": 43, "Höganäs": 27, "Klippan": 18,
    "Åstorp": 16, "Bjuv": 16, "Båstad": 15, "Svalöv": 14, "Örkelljunga": 10, "Perstorp": 7,
}
WORKSHOP_TITLES = (
    "Uppstart: roller och förväntningar", "Leda förändring", "Svåra samtal",
    "Avslutning och Årets mentor",
)
LANGUAGE_SETS = (("sv",), ("sv", "en"), ("sv",), ("sv", "ar"), ("sv", "en"), ("sv", "fa"),
                 ("sv", "bs"), ("sv", "fi"))
MODES = ("either", "digital", "in_person", "either")
COMMENTS = (
    "Mycket givande samtal och ett nytt nätverk i grannkommunen.",
    "Bra matchning, vi hade mycket gemensamt trots olika verksamheter.",
    "Workshopparna om förändringsledning var bäst.",
    "Svårt att hitta tid ibland, men värt det.",
    "Jag har växt som chef under året.",
    "",
    "",
)
NOTES = ("Pratade om mål för året.", "Svårt personalärende, fick bra råd.",
         "Budgetarbetet och prioriteringar.", "", "", "")
DEGREES = ("Kandidatexamen", "Masterexamen", "Magisterexamen", "Civilingenjörsexamen")
FIELDS = ("statsvetenskap", "nationalekonomi", "samhällsplanering", "personalvetenskap",
          "socionom", "folkhälsovetenskap", "juridik", "data- och systemvetenskap",
          "miljövetenskap", "kommunikation")
POSITIONS = ("utredare", "nämndsekreterare", "ekonom", "HR-specialist", "planarkitekt",
             "verksamhetsutvecklare", "GIS-ingenjör", "folkhälsostrateg", "kommunikatör",
             "miljöinspektör", "digitaliseringsstrateg", "upphandlare")
OUTCOME_WEIGHTS = (("permanent_member", 45), ("fixed_term_member", 15),
                   ("employed_outside", 20), ("studies", 8), ("seeking_work", 7),
                   ("unknown", 5))


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


class Ids:
    """Explicit primary keys per table (the database is empty), sequences set at the end."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}

    def next(self, table: str) -> int:
        self.last[table] = self.last.get(table, 0) + 1
        return self.last[table]


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    os.environ["MENTORSHIP_DATABASE_URL"] = args.database_url
    os.environ.setdefault("MENTORSHIP_SECRET_KEY", "load-test-dataset-only-" + "x" * 32)
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
        from mentorship.mentoring.rounds import seed_goals
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


def build(args: argparse.Namespace, db, insert, text) -> dict:  # noqa: ANN001, C901, PLR0915
    from flask import current_app
    from sqlalchemy import select

    from matching import CRITERIA
    from mentorship.auth.models import User, UserRole
    from mentorship.auth.passwords import hash_password
    from mentorship.demo.people import FIRST_NAMES, LAST_NAMES, slug
    from mentorship.mentoring import models as mm
    from mentorship.reference.models import BusinessArea, Municipality
    from mentorship.trainees import models as tm

    rng = random.Random(args.seed)
    ids = Ids()
    now = datetime.now(UTC)
    today = now.date()
    password = os.environ.get("MENTORSHIP_DEMO_PASSWORD") or current_app.config["DEMO_PASSWORD"]
    pw_hash = hash_password(password)  # once: argon2 is deliberately slow

    munis = {m.name: m for m in db.session.scalars(select(Municipality))}
    areas = list(db.session.scalars(select(BusinessArea).order_by(BusinessArea.id)))
    goal_names = list(db.session.scalars(select(mm.MentorGoal.name).order_by(mm.MentorGoal.id)))
    muni_names = list(MUNICIPALITY_WEIGHTS)
    muni_weights = list(MUNICIPALITY_WEIGHTS.values())
    rows: dict[str, list[dict]] = {}

    def add(table, **values) -> int:  # noqa: ANN001
        if "id" not in values and "id" in table.c:
            values["id"] = ids.next(table.name)
        rows.setdefault(table.name, []).append(values)
        return values.get("id", 0)

    def flush(*tables) -> None:  # noqa: ANN002
        for table in tables:
            batch = rows.pop(table.name, [])
            for i in range(0, len(batch), 5000):
                db.session.execute(insert(table), batch[i:i + 5000])

    def at(day: date, hour: int = 9) -> datetime:
        return datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)

    # --- people ------------------------------------------------------------------------
    users, roles = User.__table__, UserRole.__table__
    created = now - timedelta(days=3650)
    admin_id = add(users, email="admin@example.org", name="Karin Lindqvist",
                   municipality_id=munis["Helsingborg"].id, password_hash=pw_hash, active=True,
                   created_at=created)
    add(roles, user_id=admin_id, role="admin")
    hr_accounts = []
    for name, m in sorted(munis.items()):
        uid = add(users, email=f"hr.{slug(name)}@example.org", name=f"HR {name}",
                  municipality_id=m.id, password_hash=pw_hash, active=True, created_at=created)
        add(roles, user_id=uid, role="hr")
        hr_accounts.append({"email": f"hr.{slug(name)}@example.org", "municipality": name,
                            "municipality_id": m.id, "trainees": []})
    people = []  # (user id, municipality id, profile basics)
    for i in range(args.participants):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        muni = munis[rng.choices(muni_names, muni_weights)[0]]
        uid = add(users, email=f"{slug(first)}.{slug(last)}.{i + 1}.{slug(muni.name)}@example.org",
                  name=f"{first} {last}", municipality_id=muni.id, password_hash=pw_hash,
                  active=True, created_at=created + timedelta(minutes=i),
                  last_login_at=now - timedelta(days=rng.randint(0, 900)))
        add(roles, user_id=uid, role="participant")
        people.append({
            "user_id": uid, "municipality_id": muni.id,
            "area": rng.choice(areas).name, "years": rng.randint(0, 30),
            "gender": rng.choice(("woman", "man", "woman", "man", None)),
            "languages": list(rng.choice(LANGUAGE_SETS)), "email": None,
        })
    flush(users, roles)
    print(f"  {len(people)} participants, {len(hr_accounts)} HR contacts, 1 admin", flush=True)

    # --- mentor rounds -----------------------------------------------------------------
    base_year = today.year if today.month >= 8 else today.year - 1
    n_rounds = args.rounds
    order = list(range(len(people)))
    rng.shuffle(order)
    per_round = [order[r::n_rounds] for r in range(n_rounds)]
    # Returning people: some take part again in a later round (earlier pairs and the
    # "profile from your last round" then matter).
    for r in range(1, n_rounds):
        earlier = [p for q in range(r) for p in per_round[q][: len(per_round[q]) // 12]]
        per_round[r] = per_round[r] + rng.sample(earlier, min(len(earlier), 40))
    T = {name: getattr(mm, name).__table__ for name in (
        "MentorRound", "RoundTransition", "Enrolment", "MatchRun", "ProposedPair",
        "MentorPair", "MentorTalk", "Workshop", "WorkshopSignup", "EvaluationAnswer",
        "Nomination")}
    out_rounds: dict = {"closed": [], "running": None, "matching": None, "open": None}
    open_participants = []
    for r in range(n_rounds):
        closed, running = r < n_rounds - 3, r == n_rounds - 3
        matching, open_ = r == n_rounds - 2, r == n_rounds - 1
        state = ("closed" if closed else "running" if running else "matching" if matching
                 else "open")
        year = base_year - (n_rounds - 1 - r) // 2
        spring = (n_rounds - 1 - r) % 2 == 1
        starts = date(year, 2, 1) if spring else date(year, 9, 1)
        ends = date(year, 12, 15) if spring else date(year + 1, 6, 30)
        name = f"{'Våren' if spring else 'Hösten'} {year}"
        round_id = add(T["MentorRound"], name=name, starts_on=starts, ends_on=ends, state=state,
                       min_score=0.0, weights={}, evaluation_open=False,
                       created_at=at(starts - timedelta(days=90)))
        path = ["draft", "open", "matching", "published", "running", "closed"]
        upto = path.index(state)
        for k in range(upto + 1):
            add(T["RoundTransition"], round_id=round_id, from_state=path[k - 1] if k else None,
                to_state=path[k], actor_id=admin_id,
                at=at(starts - timedelta(days=90 - 20 * k)) if k < 4 else at(ends))
        # enrolments with profiles
        enrol = []
        for k, p in enumerate(per_round[r]):
            person = people[p]
            role = "mentor" if k % 2 == 0 else "adept"
            done = not open_ or rng.random() < 0.6
            level = (rng.choice((2, 3)) if role == "mentor" else rng.choice((1, 1, 2)))
            eid = add(T["Enrolment"], round_id=round_id, user_id=person["user_id"],
                      external_id=f"p{person['user_id']}", role=role if done else None,
                      business_area=person["area"] if done else "",
                      level=level, years_as_manager=person["years"] + (8 if role == "mentor"
                                                                       else 0) if done else 0,
                      goals=sorted(rng.sample(goal_names, 3)) if done else [],
                      languages=person["languages"] if done else [],
                      gender=person["gender"] if done else None,
                      gender_preference=(rng.choice(("woman", None, None, None))
                                         if role == "adept" and done else None),
                      meeting_mode=rng.choice(MODES), capacity=(2 if rng.random() < 0.15
                                                                else 1) if role == "mentor" else 1,
                      profile_done_at=at(starts - timedelta(days=40)) if done else None,
                      created_at=at(starts - timedelta(days=60)))
            enrol.append((eid, role, person))
            if open_:
                open_participants.append({"email": None, "user_id": person["user_id"],
                                          "enrolment_id": eid})
        # workshops
        workshop_ids = []
        for n in range(1, 5):
            first = at(starts + timedelta(days=30 + 56 * (n - 1)), 8)
            host = munis[muni_names[(r + n) % len(muni_names)]]
            workshop_ids.append(add(
                T["Workshop"], round_id=round_id, number=n, title=WORKSHOP_TITLES[n - 1],
                starts_at=first if not open_ else None, minutes=180,
                place=f"Stadshuset i {host.name}" if not open_ else "", link="",
                host_municipality_id=host.id if not open_ else None, capacity=None))
        if closed or running:
            adepts = [e for e in enrol if e[1] == "adept"]
            mentors = [e for e in enrol if e[1] == "mentor"]
            rng.shuffle(adepts)
            run_id = add(T["MatchRun"], round_id=round_id, weights={}, min_score=0.0,
                         total_score=0.0, previous_total=None, figures={},
                         created_by_id=admin_id, created_at=at(starts - timedelta(days=25)))
            pairs, total = [], 0.0
            for a, m in zip(adepts, mentors, strict=False):
                contributions = {c: round(rng.uniform(0.0, 0.25), 2) for c in CRITERIA}
                score = round(sum(contributions.values()) * 100, 2)
                total += score
                reasons = [
                    "samma verksamhetsområde" if a[2]["area"] == m[2]["area"]
                    else "olika verksamhetsområden",
                    f"{rng.randint(1, 3)} av 3 mål täcks",
                    f"mentorn har varit chef längre ({m[2]['years'] + 8} mot {a[2]['years']} år)",
                    "mentorn på samma eller högre chefsnivå",
                    f"{rng.randint(5, 60)} km",
                ]
                add(T["ProposedPair"], run_id=run_id, adept_id=a[0], mentor_id=m[0],
                    score=score, contributions=contributions, reasons=reasons, locked=False,
                    unmatched_reason=None)
                pid = add(T["MentorPair"], round_id=round_id, adept_id=a[0], mentor_id=m[0],
                          score=score, contributions=contributions, reasons=reasons,
                          published_at=at(starts - timedelta(days=20)),
                          ended_at=at(starts + timedelta(days=120)) if rng.random() < 0.02
                          else None,
                          ended_reason=None, ended_by_id=None)
                pairs.append((pid, a, m))
            for a in adepts[len(mentors):]:
                add(T["ProposedPair"], run_id=run_id, adept_id=a[0], mentor_id=None, score=None,
                    contributions={}, reasons=[], locked=False,
                    unmatched_reason="ingen mentor kvar med ledig plats")
            n_pairs = len(pairs)
            rows["mentor_match_run"][-1]["total_score"] = round(total, 2)
            rows["mentor_match_run"][-1]["figures"] = {
                "pairs": n_pairs, "adepts": len(adepts), "mentors": len(mentors),
                "unmatched": max(0, len(adepts) - n_pairs),
                "share_across_business_areas": 0.8, "municipalities_represented": 11,
                "municipalities_total": 11, "mean_score": round(total / max(n_pairs, 1), 2),
                "capacity_total": len(mentors), "capacity_used": n_pairs}
            last_day = ends if closed else min(ends, today)
            for pid, a, m in pairs:
                for k in range(rng.randint(2 if closed else 1, 6 if closed else 3)):
                    held = starts + timedelta(days=14 + 40 * k + rng.randint(0, 10))
                    if held > last_day:
                        break
                    author = (a if k % 2 == 0 else m)[2]["user_id"]
                    add(T["MentorTalk"], pair_id=pid, author_id=author, held_on=held,
                        minutes=rng.choice((45, 60, 60, 75, 90)),
                        private_note=rng.choice(NOTES), created_at=at(held, 17))
            for w in workshop_ids:
                for eid, _role, _p in enrol:
                    if rng.random() < 0.75:
                        add(T["WorkshopSignup"], workshop_id=w, enrolment_id=eid,
                            signed_up_at=at(starts), attended=closed and rng.random() < 0.85)
            if closed:
                for eid, _role, _p in enrol:
                    if rng.random() < 0.6:
                        add(T["EvaluationAnswer"], round_id=round_id, enrolment_id=eid,
                            overall=rng.randint(3, 5), matching=rng.randint(2, 5),
                            talks=rng.randint(3, 5), workshops=rng.randint(2, 5),
                            comment=rng.choice(COMMENTS), answered_at=at(ends - timedelta(10)))
                nominated = [p for p in pairs if rng.random() < 0.08]
                for k, (_pid, a, m) in enumerate(nominated):
                    add(T["Nomination"], round_id=round_id, adept_id=a[0], mentor_id=m[0],
                        text="Lyssnade, utmanade och delade generöst med sig av sina "
                             "erfarenheter från en annan kommun.",
                        winner=k == 0, created_at=at(ends - timedelta(days=20)))
            if closed:
                out_rounds["closed"].append(round_id)
            else:
                out_rounds["running"] = round_id
        elif matching:
            out_rounds["matching"] = round_id
        else:
            out_rounds["open"] = round_id
        if r % 5 == 4 or r == n_rounds - 1:
            flush(*T.values())
    print(f"  {n_rounds} mentor rounds: {ids.last.get('mentor_enrolment', 0)} enrolments, "
          f"{ids.last.get('mentor_pair', 0)} pairs, {ids.last.get('mentor_talk', 0)} talks, "
          f"{ids.last.get('mentor_workshop_signup', 0)} workshop sign-ups", flush=True)

    # --- trainee cohorts ---------------------------------------------------------------
    C = {name: getattr(tm, name).__table__ for name in (
        "Cohort", "Trainee", "TraineeEvent", "Attendance", "GroupProject", "ProjectMilestone",
        "Outcome", "OutcomeChange")}
    from mentorship.trainees.models import add_months

    newest_start = date(today.year, 9, 1) if today.month >= 10 else date(today.year - 1, 9, 1)
    if (today - newest_start).days < 60:
        newest_start = add_months(newest_start, -6)
    hr_by_muni = {h["municipality_id"]: h for h in hr_accounts}
    area_ids = [a.id for a in areas]
    missing_trainees = attended = 0
    trainee_accounts = []
    for n in range(1, args.cohorts + 1):
        start = add_months(newest_start, -6 * (args.cohorts - n))
        end = add_months(start, 12)
        cohort_id = add(C["Cohort"], number=n, start_date=start, length_months=12,
                        created_at=at(start - timedelta(days=60)))
        with_accounts = n > args.cohorts - 10
        trainees = []
        for k in range(rng.randint(20, 30)):
            host = munis[rng.choices(muni_names, muni_weights)[0]]
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            user_id = None
            if with_accounts:
                email = f"{slug(first)}.{slug(last)}.t{n}-{k + 1}@example.org"
                user_id = add(users, email=email, name=f"{first} {last}",
                              municipality_id=host.id, password_hash=pw_hash, active=True,
                              created_at=at(start - timedelta(days=30)))
                add(roles, user_id=user_id, role="participant")
                trainee_accounts.append(email)
            tid = add(C["Trainee"], cohort_id=cohort_id, user_id=user_id,
                      imported_name=None if with_accounts else f"{first} {last} ({k + 1})",
                      degree=rng.choice(DEGREES), field_of_study=rng.choice(FIELDS),
                      graduation_year=start.year - rng.randint(0, 2),
                      host_municipality_id=host.id, business_area_id=rng.choice(area_ids),
                      position_title=rng.choice(POSITIONS), supervisor_name="Handledare "
                      + rng.choice(LAST_NAMES), supervisor_email=None,
                      assignment="Ett utvecklingsuppdrag i förvaltningen.",
                      created_at=at(start - timedelta(days=30)))
            trainees.append((tid, host))
        events = []
        for e in range(10):
            kind = "training_day" if e < 6 else "study_visit"
            day = start + timedelta(days=20 + 33 * e)
            host = munis[muni_names[(n + e) % len(muni_names)]]
            events.append((add(C["TraineeEvent"], cohort_id=cohort_id, kind=kind,
                               title=("Utbildningsdag " if kind == "training_day"
                                      else "Studiebesök i ") + (str(e + 1) if kind ==
                                                                "training_day" else host.name),
                               starts_at=at(day, 9), ends_at=at(day, 16),
                               place=f"Stadshuset i {host.name}",
                               host_municipality_id=host.id), day))
        for eid, day in events:
            if day <= today:
                for tid, _host in trainees:
                    if rng.random() < 0.9:
                        add(C["Attendance"], event_id=eid, trainee_id=tid)
                        attended += 1
        add(C["GroupProject"], cohort_id=cohort_id,
            assignment="Hur kan kommunerna tillsammans locka fler unga akademiker?",
            given_by="HR-nätverkets styrgrupp", result="Rapport och förslag" if end <= today
            else "", presented_where="Kommundirektörsträffen" if end <= today else "",
            presented_on=end - timedelta(days=14) if end <= today else None)
        for k, title in enumerate(("Problemformulering", "Intervjuer", "Slutrapport")):
            due = start + timedelta(days=100 + 110 * k)
            add(C["ProjectMilestone"], cohort_id=cohort_id, title=title, due_on=due,
                done=due <= today)
        ended = end <= today
        latest_ended = ended and add_months(end, 6) > today
        for tid, host in trainees:
            if ended:
                hr_by_muni[host.id]["trainees"].append(tid)
            if not ended or (latest_ended and rng.random() < 0.7) or rng.random() < 0.03:
                missing_trainees += ended
                continue
            category = rng.choices([c for c, _w in OUTCOME_WEIGHTS],
                                   [w for _c, w in OUTCOME_WEIGHTS])[0]
            member = category in ("permanent_member", "fixed_term_member")
            employer = (host if rng.random() < 0.8 else munis[rng.choice(muni_names)]) \
                if member else None
            title = rng.choice(POSITIONS) if category not in ("unknown", "studies") else ""
            oid = add(C["Outcome"], trainee_id=tid, category=category,
                      employer_municipality_id=employer.id if employer else None,
                      position_title=title, start_date=end if member else None, version=1,
                      updated_at=at(end + timedelta(days=30)),
                      updated_by_id=None)
            add(C["OutcomeChange"], outcome_id=oid, changed_at=at(end + timedelta(days=30)),
                changed_by_id=None, source="import" if n < args.cohorts - 10 else "form",
                changes=[["category", "", category],
                         ["employer", "", employer.name if employer else ""],
                         ["position_title", "", title],
                         ["start_date", "", end.isoformat() if member else ""]])
        if n % 10 == 0 or n == args.cohorts:
            flush(users, roles, *C.values())
    print(f"  {args.cohorts} cohorts: {ids.last.get('trainee', 0)} trainees, "
          f"{ids.last.get('trainee_outcome', 0)} outcomes ({missing_trainees} missing), "
          f"{attended} attendances", flush=True)

    # --- sequences, statistics ---------------------------------------------------------
    if db.engine.dialect.name == "postgresql":
        for table in db.metadata.sorted_tables:
            if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement:
                if ids.last.get(table.name):
                    db.session.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"{ids.last[table.name]})"))
        db.session.commit()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
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
        "rounds": out_rounds,
    }


if __name__ == "__main__":
    main()
