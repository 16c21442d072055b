"""Enrolment by file: the engine's PEOPLE.csv format (or .xlsx) plus an `email` column.

Previewed first (`preview_people`, `mentorship.import_preview`): every problem of every
row and column in one pass, and how many people the file adds, changes and leaves as
they are; nothing is saved and nobody is told until the coordinator confirms. Then
`import_people` (the job) plans the file again and applies it, all or nothing. The e-mail
address is the key, so importing the same file twice creates nobody twice. The engine's
own reader (`matching.people_by_row`) reads the engine columns, so the format is checked
in one place; the app adds what only it knows (accounts, the lists of business areas and
goals, who may import whom). A column's check is one function in `_Checks.all()`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matching import Person, pair_rule_broken, people_by_row, whole_number
from matching.csvio import COLUMNS, HEADER_ALIASES, SWEDISH_COLUMNS
from matching.places import place_lookup, resolve_municipality
from mentorship.access import PARTICIPANT
from mentorship.auth.models import User
from mentorship.auth.services import NewUser, create_user, normalise_email, send_invitation
from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.import_preview import (
    Plan,
    Preview,
    RowCheck,
    check_every_row,
    read_upload,
    unknown_value,
)
from mentorship.imports import (
    ImportFile,
    ImportResult,
    Problems,
    Report,
    Row,
    template_xlsx,
)
from mentorship.mentoring.enrolment import wishes
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
from mentorship.mentoring.rounds.services import goals, require_state
from mentorship.people import gate
from mentorship.reference.models import Municipality
from mentorship.reference.services import business_areas
from mentorship.refusals import ServiceError

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
#: Headers a file may use: the engine's names, their Swedish names, and e-post for email.
ALIASES = {**HEADER_ALIASES, "e-post": "email", "e-postadress": "email"}
EXPECTED = ("id", "role", "municipality", "email")
#: ImportResult.created: the accounts made for new people.
ACCOUNTS = "accounts"


@dataclass(frozen=True)
class _Person:
    """A row to apply: the engine's person (business area and goals as the lists name
    them), its e-mail address and account (None: a new one)."""

    row: int
    person: Person
    email: str
    user: User | None


def _pair_rules() -> dict[str, str]:
    return {
        "same_role": _("båda har samma roll och kan aldrig bli ett par"),
        "same_municipality": _("de är från samma kommun och kan aldrig bli ett par"),
        "no_common_language": _("de har inget gemensamt språk och kan aldrig bli ett par"),
    }


class _Checks:
    """What the app checks of each row, beside the engine's reading of its columns."""

    def __init__(self, actor: User, rows: list[Row], people: list[Person | None]) -> None:
        self.actor = actor
        self.email = {r.number: normalise_email(r.values.get("email", "")) for r in rows}
        found = {u.email: u for u in db.session.scalars(
            select(User).options(selectinload(User.roles))
            .where(User.email.in_(set(self.email.values()))))}
        # The account gate: an account the importer may not manage is, to them, no account;
        # its row is refused in the words of an unknown one (check_email) and says no more.
        self.refused = {e for e, u in found.items() if not gate.may_manage(actor, u)}
        self.users = {e: u for e, u in found.items() if e not in self.refused}
        self.municipalities = {m.code: m for m in db.session.scalars(select(Municipality))}
        self.lookup = place_lookup(places())
        self.areas = [a.name for a in business_areas()]
        self.goals = [g.name for g in goals()]
        self.area_names = {a.casefold(): a for a in self.areas}
        self.goal_names = {g.casefold(): g for g in self.goals}
        self.seen: dict[str, int] = {}

    def all(self) -> list[RowCheck]:
        """Every row check, each run on every row (a new column's check goes here)."""
        return [self.check_email, self.check_municipality, self.check_name,
                self.check_capacity, self.check_business_area, self.check_goals]

    def municipality_of(self, row: Row) -> Municipality | None:
        place = resolve_municipality(row.values.get("municipality", ""), self.lookup)
        return self.municipalities.get(place.code) if place else None

    def check_email(self, row: Row, report: Report) -> None:
        email = self.email[row.number]
        if not EMAIL.match(email):
            report(_("e-postadressen saknas eller är felaktig"), "email")
            return
        if email in self.seen:
            report(_("%(email)s finns redan på rad %(row)s", email=email,
                     row=self.seen[email]), "email")
        self.seen.setdefault(email, row.number)
        if email in self.refused:
            report(gate.refusal(), "email")
            return
        user = self.users.get(email)
        if user is not None and not user.active:
            report(_("kontot för %(email)s är avaktiverat", email=email), "email")

    def check_municipality(self, row: Row, report: Report) -> None:
        municipality = self.municipality_of(row)
        if municipality is None:
            return  # (the engine reports an unknown one)
        if not self.actor.is_admin and municipality.id != self.actor.municipality_id:
            report(_("du kan bara importera personer i %(m)s", m=self.actor.municipality.name),
                   "municipality")
        user = self.users.get(self.email[row.number])
        if user is None and not municipality.active:
            report(_("kommunen %(m)s är inte längre med", m=municipality.name), "municipality")
        if user is not None and user.municipality_id != municipality.id:
            report(_("%(email)s hör till %(m)s, inte %(f)s", email=user.email,
                     m=user.municipality.name, f=municipality.name), "municipality")

    def check_name(self, row: Row, report: Report) -> None:
        if self.email[row.number] not in self.users and not row.values.get("name", "").strip():
            report(_("saknas för en ny person"), "name")

    def check_capacity(self, row: Row, report: Report) -> None:
        if row.values.get("role", "").strip().casefold() != MENTOR:
            return
        try:
            capacity = whole_number(row.values.get("capacity", "") or "1")
        except ValueError:
            return  # (the engine reports a number with decimals)
        if capacity is not None and not 1 <= capacity <= 3:
            report(_("en mentor kan ta 1–3 adepter, inte %(n)s", n=capacity), "capacity")

    def check_business_area(self, row: Row, report: Report) -> None:
        area = row.values.get("business_area", "").strip()
        if area and area.casefold() not in self.area_names:
            unknown_value(report, "business_area", area, self.areas)

    def check_goals(self, row: Row, report: Report) -> None:
        for goal in _split(row.values.get("goals", "")):
            if goal.casefold() not in self.goal_names:
                unknown_value(report, "goals", goal, self.goals)

    def as_listed(self, person: Person) -> Person:
        """The business area and goals written as the lists write them."""
        return dataclasses.replace(
            person,
            business_area=self.area_names.get(person.business_area.casefold(),
                                              person.business_area),
            goals=frozenset(self.goal_names.get(g.casefold(), g) for g in person.goals),
        )


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _check_pairs(rows: list[Row], checks: _Checks, problems: Problems) -> None:
    """A lock or an exclusion names someone the person may be paired with at all: else
    the file is refused at its row (the matching run would fail, or the rule mean nothing).
    Read from each row's own cells, so that a row with other problems is checked too."""
    sides = {}
    for row in rows:
        v, place = row.values, checks.municipality_of(row)
        if v.get("id") and place is not None:
            langs = frozenset(x.casefold() for x in _split(v.get("languages", "")))
            sides[v["id"]] = (row, Person(v["id"], v.get("role", "").strip().casefold(),
                                          place.code, languages=langs or frozenset({"sv"})))
    rules = _pair_rules()
    for row in rows:
        me = sides.get(row.values.get("id", ""))
        if me is None:
            continue
        named = [("exclude", other) for other in sorted(set(_split(row.values.get("exclude",
                                                                                   ""))))]
        named += [("lock", row.values["lock"])] if row.values.get("lock") else []
        for column, other_id in named:
            if other_id not in sides:
                continue  # (the engine reports an id that is not in the file)
            other_row, other = sides[other_id]
            if column == "lock" and (me[1].role, other.role) != (ADEPT, MENTOR):
                continue  # (the engine reports a lock that is not an adept's on a mentor)
            broken = pair_rule_broken(me[1], other)
            if broken is not None:
                Report(problems, row)(
                    _("%(me)s och %(other)s (rad %(row)s): %(rule)s", me=me[1].id,
                      other=other.id, row=other_row.number, rule=rules[broken]), column)


def plan_people(actor: User, round_: MentorRound, cmd: ImportFile) -> Plan[list[_Person]]:
    """Phase 1: every problem, and what the file would do; writes nothing."""
    require_state(round_, DRAFT, OPEN, action=_("importera deltagare"))
    table = read_upload(cmd, EXPECTED, ALIASES)
    rows = table.rows
    if not rows:
        raise ServiceError(_("Filen har inga rader med personer (mallens exempelrader läses "
                             "inte in)."), field="file")
    problems = Problems()
    if "email" not in rows[0].values:
        problems.add(1, _("kolumnen email (e-post) saknas"))
    people, found = people_by_row([r.as_written for r in rows], places(),
                                  [r.number for r in rows])
    for p in found:
        problems.add(p.row, p.message, p.column)
    checks = _Checks(actor, rows, people)
    check_every_row(rows, checks.all(), problems)
    _check_pairs(rows, checks, problems)

    items = [
        _Person(row.number, checks.as_listed(person), checks.email[row.number],
                checks.users.get(checks.email[row.number]))
        for row, person in zip(rows, people, strict=True) if person is not None
    ]
    counts = _counts(round_, items)
    notes = [ngettext("%(num)s nytt konto skapas och får en inbjudan.",
                      "%(num)s nya konton skapas och får en inbjudan.",
                      counts.created[ACCOUNTS])] if counts.created[ACCOUNTS] else []
    preview = Preview(counts, table.examples, problems.found, notes, cmd.filename)
    return Plan(preview, items)


def preview_people(actor: User, round_: MentorRound, cmd: ImportFile) -> Preview:
    return plan_people(actor, round_, cmd).preview


def _profile(person: Person) -> dict[str, object]:
    """An enrolment's profile as the file gives it (what `_apply_row` writes)."""
    return {
        "role": person.role,
        "business_area": person.business_area,
        "level": person.level,
        "years_as_manager": person.years_as_manager,
        "goals": sorted(person.goals),
        "languages": sorted(person.languages),
        "gender": person.gender,
        "gender_preference": person.gender_preference if person.role == ADEPT else None,
        "meeting_mode": person.meeting_mode,
        "capacity": person.capacity if person.role == MENTOR else 1,
    }


def _counts(round_: MentorRound, items: list[_Person]) -> ImportResult:
    users = [i.user.id for i in items if i.user is not None]
    enrolled = {e.user_id: e for e in db.session.scalars(
        select(Enrolment).where(Enrolment.round_id == round_.id, Enrolment.user_id.in_(users)))}
    counts = ImportResult()
    for item in items:
        enrolment = enrolled.get(item.user.id) if item.user is not None else None
        if item.user is None:
            counts.created[ACCOUNTS] += 1
        if enrolment is None:
            counts.added += 1
        elif enrolment.external_id != item.person.id or any(
                getattr(enrolment, k) != v for k, v in _profile(item.person).items()):
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts


def import_people(
    actor: User, round_: MentorRound, cmd: ImportFile, progress: Callable | None = None
) -> ImportResult:
    """Phase 2, all or nothing; `progress(done, total)` is told every 100 people (jobs).

    `added`: new in the round, `updated`: already in it and changed, `unchanged`: already
    in it as the file has it, `created[ACCOUNTS]`: new accounts."""
    plan = plan_people(actor, round_, cmd)
    items = plan.confirmed()
    by_file_id: dict[str, Enrolment] = {}
    for i, item in enumerate(items):
        if progress is not None and i % 100 == 0:
            progress(i, len(items))
        by_file_id[item.person.id] = _apply_row(actor, round_, item)
    db.session.flush()
    people = [i.person for i in items]
    _rules_from_file(actor, round_, people, by_file_id)
    wishes.wishes_from_file(round_, wishes.file_wishes(people, by_file_id))
    return plan.preview.counts


def _apply_row(actor: User, round_: MentorRound, item: _Person) -> Enrolment:
    """One row: its account (made and invited when new), its enrolment and profile."""
    person, user = item.person, item.user
    if user is None:
        municipality = db.session.scalar(
            select(Municipality).where(Municipality.code == person.municipality))
        assert municipality is not None  # (the plan refused an unknown one)
        user = create_user(actor, NewUser(item.email, person.name, municipality.id, (PARTICIPANT,)))
    known = db.session.scalar(select(Enrolment.id).where(
        Enrolment.round_id == round_.id, Enrolment.user_id == user.id))
    enrolment = enrol_user(actor, round_, user, external_id=person.id)
    for key, value in _profile(person).items():
        setattr(enrolment, key, value)
    enrolment.profile_done_at = enrolment.profile_done_at or utcnow()
    if not known:
        if item.user is None:
            send_invitation(actor, user, invited_to_round(round_))
        else:
            tell_enrolled(user, round_, enrolment)
    return enrolment


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
        # önskat kön, mötesform, kapacitet, undantag, lås, önskemål, e-post
        ["A1", "adept", "Anna Andersson", "Bjuv", "Socialtjänst", 1, 2,
         "Leda förändring|Svåra samtal", "sv", "kvinna", "", "båda", "", "", "", "M1",
         "anna.andersson@example.org"],
        ["M1", "mentor", "Örjan Ek", "Ängelholm", "Grundskola", 2, 12, "Leda förändring",
         "sv|en", "man", "", "fysiskt", 2, "", "", "", "orjan.ek@example.org"],
    ]
    instructions = [
        _("Fyll i bladet Deltagare: en person per rad, rubrikerna på första raden."),
        _("Rubrikerna får vara de svenska i mallen eller matchningsmotorns (id, role, "
          "municipality, ... email)."),
        _("roll: mentor eller adept. kommun: namn eller kommunkod. chefsnivå: 1–3."),
        _("verksamhetsområde och mål: som i listorna i tjänsten. Mål, språk och undantag: "
          "flera värden skiljs med |, t.ex. Leda förändring|Svåra samtal."),
        _("kön: kvinna, man eller annat. mötesform: fysiskt, digitalt eller båda."),
        _("kapacitet: hur många adepter en mentor tar (1–3). undantag: id som personen inte "
          "ska matchas med. lås: mentorns id för ett låst par (bara adepter). Undantag och "
          "lås gäller bara en mentor och en adept från olika kommuner."),
        _("år som chef och kapacitet: heltal, utan decimaler."),
    ]
    return template_xlsx(_("Deltagare"), header, examples, instructions)
