"""Migration 0016 (mentorship.events) keeps the data: a workshop's length becomes its end
time, a sign-up's attended flag becomes an attendance row, and both come back on a
downgrade; no sign-up is lost on the way (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from tests.conftest import make_test_config
from tests.db_state import new_database

START = datetime(2026, 2, 10, 8, 30, tzinfo=UTC)

municipality = sa.table(
    "municipality", sa.column("id"), sa.column("name"), sa.column("code"),
    sa.column("latitude"), sa.column("longitude"), sa.column("active"),
)
user = sa.table(
    "user_account", sa.column("id"), sa.column("email"), sa.column("name"),
    sa.column("municipality_id"), sa.column("active"),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
round_ = sa.table(
    "mentor_round", sa.column("id"), sa.column("name"), sa.column("starts_on", sa.Date()),
    sa.column("ends_on", sa.Date()), sa.column("state"), sa.column("min_score"),
    sa.column("weights", sa.JSON()), sa.column("evaluation_open"),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
enrolment = sa.table(
    "mentor_enrolment", sa.column("id"), sa.column("round_id"), sa.column("user_id"),
    sa.column("external_id"), sa.column("role"), sa.column("business_area"),
    sa.column("level"), sa.column("years_as_manager"), sa.column("goals", sa.JSON()),
    sa.column("languages", sa.JSON()), sa.column("meeting_mode"), sa.column("capacity"),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
workshop = sa.table(
    "mentor_workshop", sa.column("id"), sa.column("round_id"), sa.column("number"),
    sa.column("title"), sa.column("starts_at", sa.DateTime(timezone=True)),
    sa.column("ends_at", sa.DateTime(timezone=True)), sa.column("minutes"),
    sa.column("place"), sa.column("link"),
)
signup = sa.table(
    "mentor_workshop_signup", sa.column("id"), sa.column("workshop_id"),
    sa.column("enrolment_id"), sa.column("signed_up_at", sa.DateTime(timezone=True)),
    sa.column("attended", sa.Boolean()),
)
attendance = sa.table(
    "mentor_workshop_attendance", sa.column("workshop_id"), sa.column("enrolment_id")
)


def _aware(value: datetime | None) -> datetime | None:
    return value if value is None or value.tzinfo else value.replace(tzinfo=UTC)


def _fill(conn) -> None:
    conn.execute(municipality.insert().values(id=1, name="Bjuv", code="1260", latitude=56.08,
                                              longitude=12.92, active=True))
    conn.execute(user.insert(), [
        {"id": n, "email": f"p{n}@example.org", "name": f"P{n}", "municipality_id": 1,
         "active": True, "created_at": START} for n in (1, 2)
    ])
    conn.execute(round_.insert().values(
        id=1, name="Hösten", starts_on=date(2025, 9, 1), ends_on=date(2026, 6, 30),
        state="running", min_score=0.0, weights={}, evaluation_open=False, created_at=START))
    conn.execute(enrolment.insert(), [
        {"id": n, "round_id": 1, "user_id": n, "external_id": f"p{n}", "role": "adept",
         "business_area": "", "level": 1, "years_as_manager": 0, "goals": [], "languages": [],
         "meeting_mode": "either", "capacity": 1, "created_at": START} for n in (1, 2)
    ])
    conn.execute(workshop.insert(), [
        {"id": 1, "round_id": 1, "number": 1, "title": "Leda förändring", "starts_at": START,
         "minutes": 150, "place": "Stadshuset", "link": ""},
        {"id": 2, "round_id": 1, "number": 2, "title": "Utkast", "starts_at": None,
         "minutes": 180, "place": "", "link": ""},
    ])
    conn.execute(signup.insert(), [
        {"id": 1, "workshop_id": 1, "enrolment_id": 1, "signed_up_at": START, "attended": True},
        {"id": 2, "workshop_id": 1, "enrolment_id": 2, "signed_up_at": START, "attended": False},
    ])


def _upgraded(conn) -> None:
    ends = {i: _aware(e) for i, e in conn.execute(sa.select(workshop.c.id, workshop.c.ends_at))}
    assert ends == {1: START + timedelta(minutes=150), 2: None}
    assert conn.execute(sa.select(attendance.c.workshop_id, attendance.c.enrolment_id)).all() \
        == [(1, 1)]
    assert conn.scalar(sa.select(sa.func.count()).select_from(signup)) == 2


def test_lengths_and_attended_flags_survive_upgrade_and_downgrade(tmp_path):
    from mentorship import create_app
    from mentorship.extensions import db

    url = new_database(str(tmp_path), "migrations_events")
    app = create_app(make_test_config(url, str(tmp_path)))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade", "0015"]).exit_code == 0
    with app.app_context():
        with db.engine.begin() as conn:
            _fill(conn)
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        with db.engine.connect() as conn:
            _upgraded(conn)
            columns = {c["name"] for c in sa.inspect(conn).get_columns("mentor_workshop")}
            assert "minutes" not in columns and "ends_at" in columns
        # The models read it back: the attended flag is the attendance row.
        from mentorship.mentoring.models import Workshop, WorkshopSignup

        flags = dict(db.session.execute(
            sa.select(WorkshopSignup.enrolment_id, WorkshopSignup.attended)).all())
        assert flags == {1: True, 2: False}
        assert db.session.get(Workshop, 1).minutes == 150
        db.session.remove()

    result = runner.invoke(args=["db", "downgrade", "0015"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        with db.engine.connect() as conn:
            minutes = dict(conn.execute(sa.select(workshop.c.id, workshop.c.minutes)).all())
            assert minutes == {1: 150, 2: 180}
            attended = dict(conn.execute(sa.select(signup.c.id, signup.c.attended)).all())
            assert attended == {1: True, 2: False}
            assert "mentor_workshop_attendance" not in sa.inspect(conn).get_table_names()

    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        with db.engine.connect() as conn:
            _upgraded(conn)
        db.engine.dispose()
