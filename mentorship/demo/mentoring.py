"""Demo data for the mentor programme, built through the same services as the app.

- "Hösten <year>": 48 managers (24 mentors, 24 adepts) from all eleven municipalities,
  enrolment closed, state "matching" with no proposal yet: ready for the admin to run.
- "Hösten <year - 1>": closed, with published pairs, talks, workshop attendance,
  evaluation answers (enough for the figures to show) and an "Årets mentor".
Idempotent: a round that already exists (by name) is left alone.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import UTC, date, datetime, timedelta

from flask import current_app, has_request_context
from sqlalchemy import select

from mentorship.auth.models import User, UserRole
from mentorship.demo.mentor_wishes import demo_wishes
from mentorship.extensions import db
from mentorship.mentoring.closing import evaluation
from mentorship.mentoring.enrolment.profiles import Profile, apply_profile
from mentorship.mentoring.enrolment.services import enrol_user
from mentorship.mentoring.models import MentorRound
from mentorship.mentoring.pairing import proposals, publishing
from mentorship.mentoring.rounds import services as rounds
from mentorship.mentoring.talks import services as talks
from mentorship.mentoring.workshops import services as workshops
from mentorship.reference.data import BUSINESS_AREAS
from mentorship.reference.models import Municipality
from mentorship.search import ends_with

AUTUMN_SIZE = 48
EARLIER_PAIRS = 6
LANGUAGE_SETS = (("sv",), ("sv", "en"), ("sv",), ("sv", "ar"), ("sv", "en"), ("sv",))
MODES = ("either", "digital", "in_person", "either")
COMMENTS = (
    "Mycket givande samtal och ett nytt nätverk i grannkommunen.",
    "Bra matchning, vi hade mycket gemensamt trots olika verksamheter.",
    "Workshopparna om förändringsledning var bäst.",
    "Svårt att hitta tid ibland, men värt det.",
    "Jag har växt som chef under året.",
    "",
)


def _base_year(today: date) -> int:
    return today.year if today.month >= 8 else today.year - 1


def _participants() -> list[User]:
    """The demo participants, interleaved by municipality so any prefix spans all eleven."""
    users = db.session.scalars(
        select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == "participant", ends_with(User.email, "@example.org"))
        .order_by(User.municipality_id, User.id)
    ).unique()
    by_municipality: dict[int, list[User]] = {}
    for u in users:
        by_municipality.setdefault(u.municipality_id, []).append(u)
    groups = list(by_municipality.values())
    ordered: list[User] = []
    for i in range(max((len(g) for g in groups), default=0)):
        ordered += [g[i] for g in groups if i < len(g)]
    return ordered


def _profile(index: int, role: str):
    goals = tuple(rounds.DEFAULT_GOALS[(index + k * 3) % len(rounds.DEFAULT_GOALS)]
                  for k in range(3))
    return Profile(
        role=role,
        business_area=BUSINESS_AREAS[(index * 5 + (0 if role == "mentor" else 2))
                                     % len(BUSINESS_AREAS)],
        level=(3 if index % 3 == 0 else 2) if role == "mentor" else 1 + index % 2,
        years_as_manager=8 + index % 12 if role == "mentor" else 1 + index % 5,
        goals=goals,
        languages=LANGUAGE_SETS[index % len(LANGUAGE_SETS)],
        gender=("woman", "man")[index % 2],
        gender_preference=("woman" if index % 7 == 0 else None) if role == "adept" else None,
        meeting_mode=MODES[index % len(MODES)],
        capacity=1,
    )


def _enrol(round_, people: list[User]) -> None:
    for index, user in enumerate(people):
        role = "mentor" if index % 2 == 0 else "adept"
        apply_profile(enrol_user(None, round_, user), _profile(index, role))
    db.session.flush()


def _fill_workshops(round_, first: datetime, places: list) -> None:
    titles = ("Uppstart: roller och förväntningar", "Leda förändring", "Svåra samtal",
              "Avslutning och Årets mentor")
    for w, title, host in zip(workshops.round_workshops(round_), titles, places, strict=False):
        workshops.update_workshop(
            None, w,  # type: ignore[arg-type]
            workshops.WorkshopData(title, first + timedelta(weeks=7 * (w.number - 1)), 180,
                                   f"Stadshuset i {host.name}", "", host.id, 40),
        )


def _autumn(admin: User, name: str, year: int, people: list[User], munis: list) -> str:
    round_ = rounds.create_round(
        admin, rounds.RoundSettings(name, date(year, 9, 1), date(year + 1, 6, 30), 0.0, {})
    )
    _enrol(round_, people[:AUTUMN_SIZE])
    _fill_workshops(round_, datetime(year + 1, 1, 20, 8, 30, tzinfo=UTC), munis[3:])
    rounds.record_transition(admin, round_, "open")
    rounds.record_transition(admin, round_, "matching")
    return f"{name}: {AUTUMN_SIZE} anmälda, redo att matcha"


def _earlier(admin: User, name: str, year: int, people: list[User], munis: list) -> str:
    round_ = rounds.create_round(
        admin, rounds.RoundSettings(name, date(year, 9, 1), date(year + 1, 6, 15), 0.0, {})
    )
    # The same people as the autumn round's first ones, so returning people start from
    # their last profile and their earlier pairs are not made again.
    chosen = people[: EARLIER_PAIRS * 2]
    _enrol(round_, chosen)
    _fill_workshops(round_, datetime(year, 10, 5, 8, 30, tzinfo=UTC), munis)
    rounds.record_transition(admin, round_, "open")
    rounds.record_transition(admin, round_, "matching")
    proposals.run_matching(admin, round_)
    publishing.publish(admin, round_)
    rounds.record_transition(admin, round_, "running")
    pairs = [r.pair for r in talks.pair_overview(round_)]
    for i, pair in enumerate(pairs):
        for k in range(2 + i % 3):
            author = pair.adept.user if k % 2 == 0 else pair.mentor.user
            talks.log_talk(
                author, pair,
                talks.NewTalk(date(year, 9, 15) + timedelta(days=30 * k + i), 60 + 15 * (k % 3),
                              "Pratade om mål för året." if k == 0 else ""),
                today=date(year + 1, 6, 15),
            )
    items = workshops.round_workshops(round_)
    for i, user in enumerate(chosen):
        for w in items:
            if (i + w.number) % 4 != 0:
                workshops.sign_up(user, w)
    for w in items:
        ids = {s.id for s in workshops.signups(w) if s.id % 5 != 0}
        workshops.mark_attendance(admin, w, ids)
    evaluation.set_evaluation_open(admin, round_, True)
    for i, user in enumerate(chosen):
        if i == len(chosen) - 1:
            continue  # one did not answer
        evaluation.answer(
            user, round_,
            evaluation.Answer(4 + i % 2, 3 + i % 3, 4 + (i % 2), 3 + i % 2,
                              COMMENTS[i % len(COMMENTS)]),
        )
    first = None
    for pair in pairs[:3]:
        n = evaluation.nominate(
            pair.adept.user, round_,
            evaluation.NominationData(
                pair.mentor.id,
                f"{pair.mentor.user.name} lyssnade, utmanade och delade generöst med sig av "
                "sina erfarenheter från en annan kommun.",
            ),
        )
        first = first or n
    # Closed as the coordinator closes it: its pairs end with it.
    rounds.change_state(admin, round_, "closed", outside_dates=True)
    if first is not None:
        evaluation.choose_winner(admin, round_, first.id)
    return f"{name}: avslutad med {len(pairs)} par"


def demo_mentoring(password: str) -> str:  # noqa: ARG001 (the demo users exist already)
    ctx = nullcontext() if has_request_context() else current_app.test_request_context()
    with ctx:
        rounds.seed_goals()
        admin = db.session.scalar(select(User).where(User.email == "admin@example.org"))
        people = _participants()
        if admin is None or len(people) < AUTUMN_SIZE:
            return "mentorsprogram: hoppas över (demopersonerna saknas)"
        munis = list(db.session.scalars(select(Municipality).order_by(Municipality.name)))
        year = _base_year(date.today())
        existing = set(db.session.scalars(select(MentorRound.name)))
        lines = []
        earlier, autumn = f"Hösten {year - 1}", f"Hösten {year}"
        if earlier not in existing:
            lines.append(_earlier(admin, earlier, year - 1, people, munis))
        if autumn not in existing:
            lines.append(_autumn(admin, autumn, year, people, munis))
        db.session.flush()
        wishes = demo_wishes(autumn)
        if wishes:
            lines.append(wishes)
        return "mentorsprogram: " + ("; ".join(lines) if lines else "finns redan")
