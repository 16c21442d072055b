"""The trainee cohorts of the load dataset: two a year, the newest two running, each with
trainees, events and attendance, a group project and outcomes (see make_dataset.py)."""

from __future__ import annotations

from datetime import date, timedelta

from dataset_base import DEGREES, FIELDS, OUTCOME_WEIGHTS, POSITIONS, World, at


def add_cohorts(w: World, hr_accounts: list[dict], n_cohorts: int) -> list[str]:
    """Adds the cohorts; fills each HR contact's "trainees" with the ids of ended cohorts'
    trainees placed in their municipality. Returns the trainees' login e-mails."""
    from mentorship.auth.models import User, UserRole
    from mentorship.trainees import models as tm
    from mentorship.trainees.models import add_months

    tables = {name: getattr(tm, name).__table__ for name in (
        "Cohort", "Trainee", "TraineeEvent", "Attendance", "GroupProject", "ProjectMilestone",
        "Outcome", "OutcomeChange")}
    accounts = (User.__table__, UserRole.__table__)
    today = w.today
    newest_start = date(today.year, 9, 1) if today.month >= 10 else date(today.year - 1, 9, 1)
    if (today - newest_start).days < 60:
        newest_start = add_months(newest_start, -6)
    hr_by_muni = {h["municipality_id"]: h for h in hr_accounts}
    missing = attended = 0
    emails: list[str] = []
    for n in range(1, n_cohorts + 1):
        start = add_months(newest_start, -6 * (n_cohorts - n))
        end = add_months(start, 12)
        cohort_id = w.rows.add(tables["Cohort"], number=n, start_date=start, length_months=12,
                               created_at=at(start - timedelta(days=60)))
        with_accounts = n > n_cohorts - 10
        trainees = _trainees(w, tables, accounts, (n, cohort_id), start, with_accounts,
                             emails)
        attended += _events(w, tables, cohort_id, n, start, trainees)
        _project(w, tables, cohort_id, start, end)
        ended = end <= today
        latest_ended = ended and add_months(end, 6) > today
        for tid, host in trainees:
            if ended:
                hr_by_muni[host.id]["trainees"].append(tid)
            if not ended or (latest_ended and w.rng.random() < 0.7) or w.rng.random() < 0.03:
                missing += ended
                continue
            _outcome(w, tables, tid, host, end, imported=n < n_cohorts - 10)
        if n % 10 == 0 or n == n_cohorts:
            w.rows.flush(*accounts, *tables.values())
    last = w.rows.last
    print(f"  {n_cohorts} cohorts: {last.get('trainee', 0)} trainees, "
          f"{last.get('trainee_outcome', 0)} outcomes ({missing} missing), "
          f"{attended} attendances", flush=True)
    return emails


def _trainees(w: World, tables: dict, accounts: tuple, cohort: tuple[int, int], start: date,
              with_accounts: bool, emails: list[str]) -> list[tuple[int, object]]:
    """20-30 trainees; the newest ten cohorts' have accounts, older ones were imported."""
    from mentorship.demo.people import FIRST_NAMES, LAST_NAMES, slug

    users, roles = accounts
    rng, (n, cohort_id) = w.rng, cohort
    trainees = []
    for k in range(rng.randint(20, 30)):
        host = w.municipality()
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        user_id = None
        if with_accounts:
            email = f"{slug(first)}.{slug(last)}.t{n}-{k + 1}@example.org"
            user_id = w.rows.add(users, email=email, name=f"{first} {last}",
                                 municipality_id=host.id, password_hash=w.pw_hash, active=True,
                                 created_at=at(start - timedelta(days=30)))
            w.rows.add(roles, user_id=user_id, role="participant")
            emails.append(email)
        tid = w.rows.add(
            tables["Trainee"], cohort_id=cohort_id, user_id=user_id,
            imported_name=None if with_accounts else f"{first} {last} ({k + 1})",
            degree=rng.choice(DEGREES), field_of_study=rng.choice(FIELDS),
            graduation_year=start.year - rng.randint(0, 2),
            host_municipality_id=host.id, business_area_id=rng.choice(w.areas).id,
            position_title=rng.choice(POSITIONS),
            supervisor_name="Handledare " + rng.choice(LAST_NAMES), supervisor_email=None,
            assignment="Ett utvecklingsuppdrag i förvaltningen.",
            created_at=at(start - timedelta(days=30)))
        trainees.append((tid, host))
    return trainees


def _events(w: World, tables: dict, cohort_id: int, n: int, start: date,
            trainees: list) -> int:
    """Six training days and four study visits, with attendance at those already held."""
    events = []
    for e in range(10):
        kind = "training_day" if e < 6 else "study_visit"
        day = start + timedelta(days=20 + 33 * e)
        host = w.munis[w.muni_names[(n + e) % len(w.muni_names)]]
        title = (f"Utbildningsdag {e + 1}" if kind == "training_day"
                 else f"Studiebesök i {host.name}")
        events.append((w.rows.add(tables["TraineeEvent"], cohort_id=cohort_id, kind=kind,
                                  title=title, starts_at=at(day, 9), ends_at=at(day, 16),
                                  place=f"Stadshuset i {host.name}",
                                  host_municipality_id=host.id), day))
    attended = 0
    for event_id, day in events:
        if day <= w.today:
            for tid, _host in trainees:
                if w.rng.random() < 0.9:
                    w.rows.add(tables["Attendance"], event_id=event_id, trainee_id=tid)
                    attended += 1
    return attended


def _project(w: World, tables: dict, cohort_id: int, start: date, end: date) -> None:
    done = end <= w.today
    w.rows.add(tables["GroupProject"], cohort_id=cohort_id,
               assignment="Hur kan kommunerna tillsammans locka fler unga akademiker?",
               given_by="HR-nätverkets styrgrupp", result="Rapport och förslag" if done else "",
               presented_where="Kommundirektörsträffen" if done else "",
               presented_on=end - timedelta(days=14) if done else None)
    for k, title in enumerate(("Problemformulering", "Intervjuer", "Slutrapport")):
        due = start + timedelta(days=100 + 110 * k)
        w.rows.add(tables["ProjectMilestone"], cohort_id=cohort_id, title=title, due_on=due,
                   done=due <= w.today)


def _outcome(w: World, tables: dict, tid: int, host, end: date,
             imported: bool) -> None:
    rng = w.rng
    categories, weights = zip(*OUTCOME_WEIGHTS, strict=True)
    category = rng.choices(categories, weights)[0]
    member = category in ("permanent_member", "fixed_term_member")
    employer = None
    if member:
        employer = host if rng.random() < 0.8 else w.munis[rng.choice(w.muni_names)]
    title = rng.choice(POSITIONS) if category not in ("unknown", "studies") else ""
    oid = w.rows.add(tables["Outcome"], trainee_id=tid, category=category,
                     employer_municipality_id=employer.id if employer else None,
                     position_title=title, start_date=end if member else None, version=1,
                     updated_at=at(end + timedelta(days=30)), updated_by_id=None)
    w.rows.add(tables["OutcomeChange"], outcome_id=oid, changed_at=at(end + timedelta(days=30)),
               changed_by_id=None, source="import" if imported else "form",
               changes=[["category", "", category],
                        ["employer", "", employer.name if employer else ""],
                        ["position_title", "", title],
                        ["start_date", "", end.isoformat() if member else ""]])
