"""Import of earlier cohorts (since 2006) from a CSV or XLSX file: previewed, then all or
nothing (`mentorship.import_preview`).

One row per trainee. Columns (the header row, any order, case-insensitive):

    grupp              the cohort number (required), e.g. 12
    gruppstart         the cohort's start date, ÅÅÅÅ-MM-DD (required for a new group, on
                       one of its rows: its first row is enough)
    namn               the trainee's name (required)
    värdkommun         the host municipality, name or code (required)
    befattning         position title during the trainee year
    utfall             tillsvidare | visstid | utanför | studier | söker arbete | okänt
                       (empty: not reported yet)
    anställande kommun member municipality, name or code (required for tillsvidare/visstid)
    anställningstitel  position title of the employment
    anställd från      start date of the employment, ÅÅÅÅ-MM-DD

A trainee already in the group with the same name is left as it is, so importing the same
file twice adds nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from mentorship.extensions import db
from mentorship.import_preview import (
    Plan,
    Preview,
    RowCheck,
    check_every_row,
    read_upload,
    read_whole_number,
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
from mentorship.reference.models import Municipality
from mentorship.refusals import ServiceError
from mentorship.trainees.labels import outcome_labels
from mentorship.trainees.models import (
    EMPLOYED_OUTSIDE,
    FIXED_TERM_MEMBER,
    MEMBER_CATEGORIES,
    OUTCOME_CATEGORIES,
    PERMANENT_MEMBER,
    SEEKING_WORK,
    STUDIES,
    UNKNOWN,
    Cohort,
    Trainee,
)
from mentorship.trainees.outcomes.services import OutcomeData, report_outcome

COLUMNS = (
    "grupp",
    "gruppstart",
    "namn",
    "värdkommun",
    "befattning",
    "utfall",
    "anställande kommun",
    "anställningstitel",
    "anställd från",
)
REQUIRED = ("grupp", "namn", "värdkommun")
#: The header `read_upload` looks for, and other names of its columns (none).
EXPECTED = REQUIRED
ALIASES: dict[str, str] = {}
OUTCOME_WORDS = {
    "tillsvidare": PERMANENT_MEMBER,
    "tillsvidareanställning": PERMANENT_MEMBER,
    "visstid": FIXED_TERM_MEMBER,
    "visstidsanställning": FIXED_TERM_MEMBER,
    "utanför": EMPLOYED_OUTSIDE,
    "studier": STUDIES,
    "söker arbete": SEEKING_WORK,
    "okänt": UNKNOWN,
}


#: ImportResult.created: the cohorts the file added.
COHORTS = "cohorts"


@dataclass(frozen=True)
class _Parsed:
    row: int
    cohort: int
    name: str
    host: Municipality
    position_title: str
    outcome: OutcomeData | None


@dataclass(frozen=True)
class _History:
    parsed: list[_Parsed]
    starts: dict[int, date]  # the start of each new group


def _trainees() -> set[tuple[int, str]]:
    """(group id, lower-cased name) of every trainee there is."""
    query = select(Trainee).options(joinedload(Trainee.user))
    return {(t.cohort_id, t.name.lower()) for t in db.session.scalars(query)}


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _outcome_code(text: str) -> str | None:
    word = text.strip().lower()
    if word in OUTCOME_CATEGORIES:
        return word
    if word in OUTCOME_WORDS:
        return OUTCOME_WORDS[word]
    for code, label in outcome_labels().items():
        if str(label).lower() == word:
            return code
    return None


class _Checks:
    """Each column's check, run on every row; `parsed` keeps the rows without problems."""

    def __init__(self) -> None:
        self.municipalities: dict[str, Municipality] = {}
        for m in db.session.scalars(select(Municipality)):
            self.municipalities[m.name.lower()] = m
            self.municipalities[m.code] = m
        self.cohorts = {c.number: c for c in db.session.scalars(select(Cohort))}
        self.starts: dict[int, tuple[date, int]] = {}  # a new group's start, and its row
        self.first_row: dict[int, int] = {}
        self.seen: dict[tuple[int, str], int] = {}
        self.group: dict[int, int] = {}  # row -> its group's number
        self.host: dict[int, Municipality] = {}  # row -> its host municipality
        self.outcome: dict[int, OutcomeData] = {}  # row -> its outcome
        self.parsed: list[_Parsed] = []

    def all(self) -> list[RowCheck]:
        """Every row check, each run on every row (a new column's check goes here)."""
        return [self.check_required, self.check_group, self.check_start, self.check_host,
                self.check_outcome, self.check_dates, self.check_duplicate, self.parse]

    def check_required(self, row: Row, report: Report) -> None:
        for column in REQUIRED:
            if not row.values.get(column):
                report(_("är tom"), column)

    def check_group(self, row: Row, report: Report) -> None:
        if not row.values.get("grupp"):
            return
        number = read_whole_number(report, "grupp", row.values["grupp"])
        if number is not None and number < 1:
            report(_("ska vara ett gruppnummer, t.ex. 12"), "grupp")
        elif number is not None:
            self.group[row.number] = number
            self.first_row.setdefault(number, row.number)

    def check_start(self, row: Row, report: Report) -> None:
        text = row.values.get("gruppstart", "")
        start = _date(text)
        if text and start is None:
            report(_("skriv datumet ÅÅÅÅ-MM-DD"), "gruppstart")
        number = self.group.get(row.number)
        if start is None or number is None or number in self.cohorts:
            return
        earlier = self.starts.setdefault(number, (start, row.number))
        if earlier[0] != start:
            report(_("grupp %(g)s startar %(d)s enligt rad %(r)s", g=number,
                     d=earlier[0].isoformat(), r=earlier[1]), "gruppstart")

    def check_dates(self, row: Row, report: Report) -> None:
        if row.values.get("anställd från") and _date(row.values["anställd från"]) is None:
            report(_("skriv datumet ÅÅÅÅ-MM-DD"), "anställd från")

    def check_duplicate(self, row: Row, report: Report) -> None:
        name = " ".join(row.values.get("namn", "").split())
        number = self.group.get(row.number)
        if number is not None and name:
            key = (number, name.lower())
            if key in self.seen:
                report(_("%(name)s i grupp %(g)s finns redan på rad %(r)s", name=name,
                         g=number, r=self.seen[key]), "namn")
            self.seen.setdefault(key, row.number)

    def check_host(self, row: Row, report: Report) -> None:
        text = row.values.get("värdkommun", "")
        host = self.municipalities.get(text.lower())
        if text and host is None:
            unknown_value(report, "värdkommun", text, self._names())
        elif host is not None:
            self.host[row.number] = host

    def check_outcome(self, row: Row, report: Report) -> None:
        if row.values.get("utfall"):
            outcome = self._outcome(row, report)
            if outcome is not None:
                self.outcome[row.number] = outcome

    def parse(self, row: Row, report: Report) -> None:
        """(Last: a row without problems, as the apply step takes it.)"""
        number, host = self.group.get(row.number), self.host.get(row.number)
        if report or number is None or host is None:
            return
        self.parsed.append(_Parsed(row.number, number, " ".join(row.values["namn"].split()),
                                   host, row.values.get("befattning", ""),
                                   self.outcome.get(row.number)))

    def _names(self) -> list[str]:
        return sorted({m.name for m in self.municipalities.values()})

    def _outcome(self, row: Row, report: Report) -> OutcomeData | None:
        v = row.values
        code = _outcome_code(v["utfall"])
        if code is None:
            unknown_value(report, "utfall", v["utfall"], list(OUTCOME_WORDS))
            return None
        employer = self.municipalities.get(v.get("anställande kommun", "").lower())
        if code in MEMBER_CATEGORIES and employer is None:
            report(_("saknas eller är okänd (krävs för tillsvidare och visstid)"),
                   "anställande kommun")
        return OutcomeData(
            category=code,
            employer_municipality_id=employer.id
            if employer and code in MEMBER_CATEGORIES else None,
            position_title=v.get("anställningstitel", ""),
            start_date=_date(v.get("anställd från", "")),
            version=0,
        )

    def check_new_groups(self, rows: list[Row], problems: Problems) -> None:
        """A new group needs its start date on one of its rows (the first is enough)."""
        by_number = {r.number: r for r in rows}
        for number, first in sorted(self.first_row.items(), key=lambda kv: kv[1]):
            if number not in self.cohorts and number not in self.starts:
                Report(problems, by_number[first])(
                    _("grupp %(g)s finns inte än: skriv dess startdatum på gruppens första "
                      "rad", g=number), "gruppstart")


def plan_history(cmd: ImportFile) -> Plan[_History]:
    """Phase 1: every problem of the file and what it would add; writes nothing."""
    table = read_upload(cmd, EXPECTED, ALIASES)
    rows = table.rows
    if not rows:
        raise ServiceError(_("Filen har inga rader under rubrikraden (mallens exempelrader "
                             "läses inte in)."), field="file")
    missing = [c for c in REQUIRED if c not in rows[0].values]
    if missing:
        raise ServiceError(
            _("Kolumner saknas: %(c)s. Rubrikraden ska vara första raden i tabellen.",
              c=", ".join(missing)),
            field="file",
        )
    checks = _Checks()
    problems = check_every_row(rows, checks.all())
    checks.check_new_groups(rows, problems)

    existing = _trainees()
    counts = ImportResult()
    for p in checks.parsed:
        cohort = checks.cohorts.get(p.cohort)
        if cohort is not None and (cohort.id, p.name.lower()) in existing:
            counts.unchanged += 1
        else:
            counts.added += 1
    new_groups = {p.cohort for p in checks.parsed} - set(checks.cohorts)
    counts.created[COHORTS] = len(new_groups)
    notes = [ngettext("%(num)s ny traineegrupp läggs till: %(groups)s.",
                      "%(num)s nya traineegrupper läggs till: %(groups)s.", len(new_groups),
                      groups=", ".join(str(g) for g in sorted(new_groups)))] if new_groups else []
    preview = Preview(counts, table.examples, problems.found, notes, cmd.filename)
    return Plan(preview, _History(checks.parsed,
                                  {n: s for n, (s, _row) in checks.starts.items()}))


def preview_history(cmd: ImportFile) -> Preview:
    return plan_history(cmd).preview


def import_history(cmd: ImportFile) -> ImportResult:
    """Phase 2: plans the file again and applies it only if it has no problem.

    `added`: new trainees, `unchanged`: already in their group, `created[COHORTS]`: new
    groups."""
    plan = plan_history(cmd)
    history = plan.confirmed()
    cohorts = {c.number: c for c in db.session.scalars(select(Cohort))}
    existing = _trainees()
    for p in history.parsed:
        _apply_row(p, cohorts, history.starts, existing)
    db.session.flush()
    return plan.preview.counts


def _apply_row(p: _Parsed, cohorts: dict[int, Cohort], starts: dict[int, date],
               existing: set[tuple[int, str]]) -> None:
    """One row: its group (added when new), and its trainee unless already there."""
    cohort = cohorts.get(p.cohort)
    if cohort is None:
        cohort = Cohort(number=p.cohort, start_date=starts[p.cohort], length_months=12)
        db.session.add(cohort)
        db.session.flush()
        cohorts[p.cohort] = cohort
    if (cohort.id, p.name.lower()) in existing:
        return
    trainee = Trainee(cohort_id=cohort.id, imported_name=p.name, host_municipality_id=p.host.id,
                      position_title=p.position_title)
    db.session.add(trainee)
    db.session.flush()
    existing.add((cohort.id, p.name.lower()))
    if p.outcome is not None:
        report_outcome(None, trainee, p.outcome, source="import")


def template() -> bytes:
    """The import file to fill in, with the columns above and one example row."""
    examples = [[15, date(2020, 9, 1), "Anna Berg", "Bjuv", "utredare", "tillsvidare", "Bjuv",
                 "utredare", date(2021, 9, 1)]]
    instructions = [
        _("Fyll i bladet Trainees: en trainee per rad, rubrikerna på första raden."),
        _("grupp, namn och värdkommun krävs; gruppstart krävs för en ny grupp, på gruppens "
          "första rad (de andra raderna får lämna den tom)."),
        _("Datum skrivs ÅÅÅÅ-MM-DD. Kommuner med namn eller kommunkod."),
        _("utfall: tillsvidare, visstid, utanför, studier, söker arbete eller okänt."),
    ]
    return template_xlsx(_("Trainees"), list(COLUMNS), examples, instructions)
