"""Import of earlier cohorts (since 2006) from a CSV or XLSX file: all-or-nothing.

One row per trainee. Columns (the header row, any order, case-insensitive):

    grupp              the cohort number (required), e.g. 12
    gruppstart         the cohort's start date, ÅÅÅÅ-MM-DD (required when the group is new)
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

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from mentorship.extensions import db
from mentorship.imports import Row, read_table, template_xlsx
from mentorship.reference.models import Municipality
from mentorship.services import ServiceError
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


class ImportFailed(ServiceError):
    def __init__(self, errors: list[str]) -> None:
        super().__init__(_("Filen lästes inte in. Rätta raderna nedan och försök igen."), "file")
        self.errors = errors


@dataclass
class ImportResult:
    added: int = 0
    unchanged: int = 0
    cohorts_added: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class _Parsed:
    row: int
    cohort: int
    cohort_start: date | None
    name: str
    host: Municipality
    position_title: str
    outcome: OutcomeData | None


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


def _parse(
    rows: list[Row], municipalities: dict[str, Municipality], errors: list[str]
) -> list[_Parsed]:
    parsed = []
    seen: dict[tuple[int, str], int] = {}
    for row in rows:
        v = row.values
        n = row.number
        before = len(errors)

        def err(message: str, n: int = n) -> None:
            errors.append(_("Rad %(n)s: %(message)s", n=n, message=message))

        for column in REQUIRED:
            if not v.get(column):
                err(_("kolumnen ”%(c)s” är tom.", c=column))
        number = None
        if v.get("grupp"):
            try:
                number = int(v["grupp"])
                if number < 1:
                    raise ValueError
            except ValueError:
                err(_("grupp ska vara ett heltal, t.ex. 12."))
        start = _date(v.get("gruppstart", ""))
        if v.get("gruppstart") and start is None:
            err(_("gruppstart ska skrivas ÅÅÅÅ-MM-DD."))
        host = municipalities.get(v.get("värdkommun", "").lower())
        if v.get("värdkommun") and host is None:
            err(_("okänd värdkommun ”%(m)s”.", m=v["värdkommun"]))
        outcome = None
        if v.get("utfall"):
            code = _outcome_code(v["utfall"])
            employer = municipalities.get(v.get("anställande kommun", "").lower())
            started = _date(v.get("anställd från", ""))
            if code is None:
                err(_("okänt utfall ”%(u)s”.", u=v["utfall"]))
            elif code in MEMBER_CATEGORIES and employer is None:
                err(_("anställande kommun saknas eller är okänd."))
            if v.get("anställd från") and started is None:
                err(_("anställd från ska skrivas ÅÅÅÅ-MM-DD."))
            if code is not None:
                outcome = OutcomeData(
                    category=code,
                    employer_municipality_id=employer.id
                    if employer and code in MEMBER_CATEGORIES
                    else None,
                    position_title=v.get("anställningstitel", ""),
                    start_date=started,
                    version=0,
                )
        name = " ".join(v.get("namn", "").split())
        if number is not None and name:
            key = (number, name.lower())
            if key in seen:
                err(
                    _(
                        "%(name)s i grupp %(g)s finns redan på rad %(r)s.",
                        name=name,
                        g=number,
                        r=seen[key],
                    )
                )
            seen.setdefault(key, n)
        # (grupp and värdkommun are required: without errors both are known)
        if len(errors) == before and number is not None and host is not None:
            parsed.append(_Parsed(n, number, start, name, host, v.get("befattning", ""), outcome))
    return parsed


def import_history(filename: str, data: bytes) -> ImportResult:
    """Reads the whole file first; changes nothing unless every row is right."""
    rows = read_table(filename, data, REQUIRED)
    if not rows:
        raise ServiceError(_("Filen har inga rader under rubrikraden."), field="file")
    header = set(rows[0].values)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ServiceError(
            _("Kolumner saknas: %(c)s. Rubrikraden ska vara första raden i tabellen.",
              c=", ".join(missing)),
            field="file",
        )
    municipalities: dict[str, Municipality] = {}
    for m in db.session.scalars(select(Municipality)):
        municipalities[m.name.lower()] = m
        municipalities[m.code] = m
    cohorts = {c.number: c for c in db.session.scalars(select(Cohort))}
    errors: list[str] = []
    parsed = _parse(rows, municipalities, errors)
    for p in parsed:
        if p.cohort not in cohorts and p.cohort_start is None:
            errors.append(
                _("Rad %(n)s: grupp %(g)s finns inte; fyll i gruppstart.", n=p.row, g=p.cohort)
            )
    if errors:
        raise ImportFailed(errors)

    existing = {
        (t.cohort_id, t.name.lower())
        for t in db.session.scalars(select(Trainee).options(joinedload(Trainee.user)))
    }
    result = ImportResult()
    for p in parsed:
        cohort = cohorts.get(p.cohort)
        if cohort is None:
            cohort = Cohort(number=p.cohort, start_date=p.cohort_start, length_months=12)
            db.session.add(cohort)
            db.session.flush()
            cohorts[p.cohort] = cohort
            result.cohorts_added.append(p.cohort)
        if (cohort.id, p.name.lower()) in existing:
            result.unchanged += 1
            continue
        trainee = Trainee(
            cohort_id=cohort.id,
            imported_name=p.name,
            host_municipality_id=p.host.id,
            position_title=p.position_title,
        )
        db.session.add(trainee)
        db.session.flush()
        existing.add((cohort.id, p.name.lower()))
        if p.outcome is not None:
            report_outcome(None, trainee, p.outcome, source="import")
        result.added += 1
    db.session.flush()
    return result


def template() -> bytes:
    """The import file to fill in, with the columns above and one example row."""
    examples = [[15, date(2020, 9, 1), "Anna Berg", "Bjuv", "utredare", "tillsvidare", "Bjuv",
                 "utredare", date(2021, 9, 1)]]
    instructions = [
        _("Fyll i bladet Trainees: en trainee per rad, rubrikerna på första raden."),
        _("grupp, namn och värdkommun krävs; gruppstart krävs om gruppen inte finns än."),
        _("Datum skrivs ÅÅÅÅ-MM-DD. Kommuner med namn eller kommunkod."),
        _("utfall: tillsvidare, visstid, utanför, studier, söker arbete eller okänt."),
        _("Spara som .xlsx eller som CSV (UTF-8 eller semikolonavgränsad) och ladda upp."),
    ]
    return template_xlsx(_("Trainees"), list(COLUMNS), examples, instructions)
