"""Fixtures for the mentor programme: a round with enrolled people, built through services."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

MUNICIPALITIES = (
    "Bjuv", "Båstad", "Helsingborg", "Höganäs", "Klippan", "Landskrona", "Perstorp",
    "Svalöv", "Åstorp", "Ängelholm", "Örkelljunga",
)
AREAS = ("Grundskola", "Socialtjänst", "Äldreomsorg", "Teknik och infrastruktur", "HR", "IT")
GOALS = ("Leda förändring", "Svåra samtal", "Ekonomistyrning", "Arbetsmiljö och hälsa")


@pytest.fixture
def admin_user(make_user):
    return make_user("coordinator@example.org", roles=("admin",), name="Karin Koordinator")


@pytest.fixture
def build_round(app, admin_user):
    """build_round(pairs=5, state="matching") -> SimpleNamespace(id, mentors, adepts).

    Mentors and adepts (with finished profiles) in different municipalities; each person's
    e-mail is `<role><n>@example.org`.
    """
    from sqlalchemy import select

    from mentorship.auth.models import User
    from mentorship.auth.services import NewUser, create_user
    from mentorship.extensions import db
    from mentorship.mentoring.enrolment import profiles
    from mentorship.mentoring.enrolment.services import enrol_user
    from mentorship.mentoring.models import MATCHING, OPEN
    from mentorship.mentoring.rounds import services as rounds
    from mentorship.reference.models import Municipality

    counter = {"n": 0}

    def build(pairs: int = 5, state: str = MATCHING, name: str | None = None,
              people_from=None, password_hash: str | None = None):
        counter["n"] += 1
        with app.test_request_context():  # services translate their messages
            admin = db.session.get(User, admin_user.id)
            round_ = rounds.create_round(
                admin,
                rounds.RoundSettings(
                    name or f"Omgång {counter['n']}", date(2025, 9, 1), date(2026, 6, 30), 0.0,
                    {},
                ),
            )
            munis = {m.name: m for m in db.session.scalars(select(Municipality))}
            out = SimpleNamespace(id=round_.id, mentors=[], adepts=[])
            for i in range(pairs * 2):
                role = "mentor" if i % 2 == 0 else "adept"
                k = i // 2
                email = f"{role}{k}@example.org"
                user = db.session.scalar(select(User).where(User.email == email))
                m_name = MUNICIPALITIES[(k + (0 if role == "mentor" else 5)) % 11]
                if user is None:
                    user = create_user(None,
                        NewUser(email, f"{role.title()} {k}", munis[m_name].id, ("participant",))
                    )
                    user.password_hash = password_hash
                e = enrol_user(None, round_, user)
                profiles.apply_profile(
                    e,
                    profiles.Profile(
                        role=role,
                        business_area=AREAS[(k + (0 if role == "mentor" else 3)) % len(AREAS)],
                        level=2 if role == "mentor" else 1,
                        years_as_manager=10 + k % 5 if role == "mentor" else k % 4,
                        goals=tuple(GOALS[: 1 + k % 4]),
                        languages=("sv",),
                        meeting_mode="either",
                        capacity=1,
                    ),
                )
                (out.mentors if role == "mentor" else out.adepts).append(
                    SimpleNamespace(id=e.id, user_id=user.id, email=email, name=user.name)
                )
            if state != "draft":
                rounds.record_transition(admin, round_, OPEN)
            if state not in ("draft", OPEN):
                rounds.record_transition(admin, round_, MATCHING)
            db.session.commit()
            if state not in ("draft", OPEN, MATCHING):
                from mentorship.mentoring.pairing import proposals, publishing

                proposals.run_matching(admin, round_)
                publishing.publish(admin, round_)
                if state in ("running", "closed"):
                    rounds.record_transition(admin, round_, "running")
                if state == "closed":
                    rounds.record_transition(admin, round_, "closed")
                db.session.commit()
            return out

    return build


@pytest.fixture
def password_hash():
    from mentorship.auth.passwords import hash_password

    return hash_password("correct horse battery")  # tests/conftest.py DEMO_PASSWORD
