"""Enrolment by file: the engine's PEOPLE.csv format (or .xlsx) plus an `email` column.

All or nothing: every problem is listed with its row number and nothing is saved. The
e-mail address is the key, so importing the same file twice creates nobody twice (it
updates the profiles instead). The engine's own reader (`matching.people_from_rows`)
validates the engine columns, so the format is checked in one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask_babel import gettext as _
from sqlalchemy import select

from matching import InputError, Person, people_from_rows
from matching.csvio import COLUMNS, HEADER_ALIASES, SWEDISH_COLUMNS
from mentorship.access import PARTICIPANT
from mentorship.auth.models import User
from mentorship.auth.services import NewUser, create_user, normalise_email, send_invitation
from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.imports import (
    ImportFile,
    ImportResult,
    Problems,
    Report,
    Row,
    check_rows,
    read_table,
    template_xlsx,
)
from mentorship.mentoring.enrolment.services import enrol_user, invited_to_round, tell_enrolled
from mentorship.mentoring.models import (
    ADEPT,
    DRAFT,
    FORBID,
    LOCK,
    MENTOR,
    OPEN,
    Enrolment,
    MatchRule,
    MentorRound,
)
from mentorship.mentoring.pairing.adapter import places
from mentorship.mentoring.rounds.services import require_state
from mentorship.reference.models import Municipality
from mentorship.services import ServiceError

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
#: Headers a file may use: the engine's names, their Swedish names, and e-post for email.
ALIASES = {**HEADER_ALIASES, "e-post": "email", "e-postadress": "email"}
EXPECTED = ("id", "role", "municipality", "email")
#: ImportResult.created: the accounts made for new people.
ACCOUNTS = "accounts"


def import_people(
    actor: User, round_: MentorRound, cmd: ImportFile, progress: Callable | None = None
) -> ImportResult:
    """All or nothing; `progress(done, total)` is told every 100 people (import jobs).

    `added`: new in the round, `updated`: already in it, `created[ACCOUNTS]`: new accounts."""
    require_state(round_, DRAFT, OPEN, action=_("importera deltagare"))
    rows = read_table(cmd.filename, cmd.data, EXPECTED, ALIASES)
    if not rows:
        raise ServiceError(_("Filen har inga rader med personer."), field="file")
    people = _engine_people(rows)

    municipalities = {m.code: m for m in db.session.scalars(select(Municipality))}
    emails = [normalise_email(r.values.get("email", "")) for r in rows]
    existing = {
        u.email: u for u in db.session.scalars(select(User).where(User.email.in_(emails)))
    }
    of_row = {row.number: (email, person)
              for row, email, person in zip(rows, emails, people, strict=True)}
    seen: dict[str, int] = {}

    def check(row: Row, report: Report) -> None:
        n = row.number
        email, person = of_row[n]
        if not EMAIL.match(email):
            report(_("e-postadressen saknas eller är felaktig"), "email")
            return
        if email in seen:
            report(_("e-postadressen finns redan på rad %(row)s", row=seen[email]), "email")
        seen[email] = n
        municipality = municipalities[person.municipality]
        if not actor.is_admin and municipality.id != actor.municipality_id:
            report(_("du kan bara importera personer i %(m)s", m=actor.municipality.name),
                   "municipality")
        user = existing.get(email)
        if user is None:
            if not person.name.strip():
                report(_("namn (name) saknas för en ny person"), "name")
            if not municipality.active:
                report(_("kommunen %(m)s är inte längre med", m=municipality.name),
                       "municipality")
        else:
            if user.municipality_id != municipality.id:
                report(_("%(email)s hör till %(m)s, inte %(f)s", email=email,
                         m=user.municipality.name, f=municipality.name), "municipality")
            if not user.active:
                report(_("kontot för %(email)s är avaktiverat", email=email), "email")
        if person.role == MENTOR and not 1 <= person.capacity <= 3:
            report(_("en mentor kan ta 1–3 adepter (capacity)"), "capacity")

    check_rows(rows, check)

    result = ImportResult()
    by_file_id: dict[str, Enrolment] = {}
    for i, (email, person) in enumerate(zip(emails, people, strict=True)):
        if progress is not None and i % 100 == 0:
            progress(i, len(people))
        user = existing.get(email)
        is_new_user = user is None
        if user is None:
            municipality = municipalities[person.municipality]
            user = create_user(NewUser(email, person.name, municipality.id, (PARTICIPANT,)))
            result.created[ACCOUNTS] += 1
        known = db.session.scalar(
            select(Enrolment.id).where(
                Enrolment.round_id == round_.id, Enrolment.user_id == user.id
            )
        )
        enrolment = enrol_user(round_, user, external_id=person.id)
        _apply(enrolment, person)
        by_file_id[person.id] = enrolment
        if known:
            result.updated += 1
        else:
            result.added += 1
            if is_new_user:
                send_invitation(user, actor, invited_to_round(round_))
            else:
                tell_enrolled(user, round_, enrolment)
    db.session.flush()
    _rules_from_file(actor, round_, people, by_file_id)
    return result


def _engine_people(rows: list[Row]) -> list[Person]:
    """The engine's reading of its columns (one place checks the format); its problems
    with the spreadsheet's row numbers."""
    problems = Problems()
    if "email" not in rows[0].values:
        problems.add(1, _("kolumnen email saknas"), "email")
    people: list[Person] = []
    try:
        people = people_from_rows([r.values for r in rows], places())
    except InputError as err:
        for p in err.problems:
            line = p.row
            if line is not None and line >= 2 and line - 2 < len(rows):
                line = rows[line - 2].number
            problems.add(line, p.message)
    problems.raise_if_any()
    return people


def _apply(enrolment: Enrolment, person) -> None:
    enrolment.role = person.role
    enrolment.business_area = person.business_area
    enrolment.level = person.level
    enrolment.years_as_manager = person.years_as_manager
    enrolment.goals = sorted(person.goals)
    enrolment.languages = sorted(person.languages)
    enrolment.gender = person.gender
    enrolment.gender_preference = person.gender_preference if person.role == ADEPT else None
    enrolment.meeting_mode = person.meeting_mode
    enrolment.capacity = person.capacity if person.role == MENTOR else 1
    enrolment.profile_done_at = enrolment.profile_done_at or utcnow()


def _rules_from_file(
    actor: User, round_: MentorRound, people: list, by_file_id: dict[str, Enrolment]
) -> None:
    wanted: dict[tuple[int, int], str] = {}
    for person in people:
        me = by_file_id[person.id]
        for other_id in sorted(person.exclude):
            other = by_file_id[other_id]
            if {me.role, other.role} == {ADEPT, MENTOR}:
                adept, mentor = (me, other) if me.role == ADEPT else (other, me)
                wanted.setdefault((adept.id, mentor.id), FORBID)
        if person.lock:
            wanted[(me.id, by_file_id[person.lock].id)] = LOCK
    if not wanted:
        return
    current = {
        (r.adept_id, r.mentor_id): r
        for r in db.session.scalars(select(MatchRule).where(MatchRule.round_id == round_.id))
    }
    for (adept_id, mentor_id), kind in sorted(wanted.items()):
        rule = current.get((adept_id, mentor_id))
        if rule is None:
            rule = MatchRule(round_id=round_.id, adept_id=adept_id, mentor_id=mentor_id)
            db.session.add(rule)
        rule.kind = kind
        rule.reason = _("Från importfilen")
        rule.created_by_id = actor.id
    db.session.flush()


def template() -> bytes:
    """The import file to fill in: Swedish headers (the engine's names work too)."""
    header = [*(SWEDISH_COLUMNS[c] for c in COLUMNS), "e-post"]
    examples = [
        # id, roll, namn, kommun, verksamhetsområde, chefsnivå, år som chef, mål, språk, kön,
        # önskat kön, mötesform, kapacitet, undantag, lås, e-post
        ["A1", "adept", "Anna Andersson", "Bjuv", "Socialtjänst", 1, 2, "Ledarskap|Förändring",
         "sv", "kvinna", "", "båda", "", "", "", "anna.andersson@example.org"],
        ["M1", "mentor", "Örjan Ek", "Ängelholm", "Skola", 2, 12, "Ledarskap", "sv|en", "man",
         "", "fysiskt", 2, "", "", "orjan.ek@example.org"],
    ]
    instructions = [
        _("Fyll i bladet Deltagare: en person per rad, rubrikerna på första raden."),
        _("Rubrikerna får vara de svenska i mallen eller matchningsmotorns (id, role, "
          "municipality, ... email)."),
        _("roll: mentor eller adept. kommun: namn eller kommunkod. chefsnivå: 1–3."),
        _("mål, språk och undantag: flera värden skiljs med |, t.ex. Ledarskap|Förändring."),
        _("kön: kvinna, man eller annat. mötesform: fysiskt, digitalt eller båda."),
        _("kapacitet: hur många adepter en mentor tar (1–3). undantag: id som personen inte "
          "ska matchas med. lås: mentorns id för ett låst par (bara adepter)."),
    ]
    return template_xlsx(_("Deltagare"), header, examples, instructions)
