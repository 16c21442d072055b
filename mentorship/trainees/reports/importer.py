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

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from mentorship.extensions import db
from mentorship.imports import (
    ImportFile,
    ImportResult,
    Report,
    Row,
    check_rows,
    read_table,
    template_xlsx,
)
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


#: ImportResult.created: the cohorts the file added.
COHORTS = "cohorts"


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


def _row_check(
    municipalities: dict[str, Municipality], cohorts: dict[int, Cohort]
) -> Callable[[Row, Report], _Parsed | None]:
    """Checks one row (and that no trainee is on two rows) into a _Parsed."""
    seen: dict[tuple[int, str], int] = {}

    def check(row: Row, err: Report) -> _Parsed | None:  # noqa: C901, PLR0912
        v = row.values
        n = row.number
        for column in REQUIRED:
            if not v.get(column):
                err(_("kolumnen ”%(c)s” är tom.", c=column), column)
        number = None
        if v.get("grupp"):
            try:
                number = int(v["grupp"])
                if number < 1:
                    raise ValueError
            except ValueError:
                err(_("grupp ska vara ett heltal, t.ex. 12."), "grupp")
        start = _date(v.get("gruppstart", ""))
        if v.get("gruppstart") and start is None:
            err(_("gruppstart ska skrivas ÅÅÅÅ-MM-DD."), "gruppstart")
        host = municipalities.get(v.get("värdkommun", "").lower())
        if v.get("värdkommun") and host is None:
            err(_("okänd värdkommun ”%(m)s”.", m=v["värdkommun"]), "värdkommun")
        outcome = None
        if v.get("utfall"):
            code = _outcome_code(v["utfall"])
            employer = municipalities.get(v.get("anställande kommun", "").lower())
            started = _date(v.get("anställd från", ""))
            if code is None:
                err(_("okänt utfall ”%(u)s”.", u=v["utfall"]), "utfall")
            elif code in MEMBER_CATEGORIES and employer is None:
                err(_("anställande kommun saknas eller är okänd."), "anställande kommun")
            if v.get("anställd från") and started is None:
                err(_("anställd från ska skrivas ÅÅÅÅ-MM-DD."), "anställd från")
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
                err(_("%(name)s i grupp %(g)s finns redan på rad %(r)s.", name=name, g=number,
                      r=seen[key]))
            seen.setdefault(key, n)
        # (grupp and värdkommun are required: without a problem both are known)
        if err or number is None or host is None:
            return None
        if number not in cohorts and start is None:
            err(_("grupp %(g)s finns inte; fyll i gruppstart.", g=number), "gruppstart")
            return None
        return _Parsed(n, number, start, name, host, v.get("befattning", ""), outcome)

    return check


def import_history(cmd: ImportFile) -> ImportResult:
    """Reads the whole file first; changes nothing unless every row is right.

    `added`: new trainees, `unchanged`: already in their group, `created[COHORTS]`: new
    groups."""
    rows = read_table(cmd.filename, cmd.data, REQUIRED)
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
    parsed = check_rows(rows, _row_check(municipalities, cohorts),
                        _("Filen lästes inte in. Rätta raderna nedan och försök igen."))

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
            result.created[COHORTS] += 1
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
    ]
    return template_xlsx(_("Trainees"), list(COLUMNS), examples, instructions)
