"""Tables for download (CSV/XLSX through mentorship.exports) and the engine's PAIRS.csv.

The download tables speak the reader's language, as the trainee exports do; PAIRS.csv
keeps the engine's column names, which other tools read.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from matching import CRITERIA, Reason, describe
from matching.csvwrite import csv_text, format_number, safe_text_cell
from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.jobs.exportfiles import Table
from mentorship.mentoring.closing import evaluation
from mentorship.mentoring.labels import group_labels, role_labels
from mentorship.mentoring.models import (
    Enrolment,
    MentorPair,
    MentorRound,
    ProposedPair,
    WorkshopSignup,
)
from mentorship.mentoring.pairing.proposals import latest_run
from mentorship.mentoring.pairing.reasons import reason_texts
from mentorship.mentoring.talks import services as talks
from mentorship.mentoring.workshops import services as workshops
from mentorship.reference.models import Municipality
from mentorship.small_groups import MIN_ANSWERS

PAIRS_HEADER = ["adept_id", "mentor_id", "score", *CRITERIA, "reasons"]
NAME_COLUMNS = ["adept_name", "adept_municipality", "mentor_name", "mentor_municipality"]


def engine_pairs(round_: MentorRound) -> tuple[str, list[list]]:
    """The published (active) pairs, or else the current proposal (unmatched adepts last),
    in the engine's PAIRS.csv columns followed by the names. Returns (source, rows)."""
    published = list(
        db.session.scalars(
            select(MentorPair)
            .where(MentorPair.round_id == round_.id, MentorPair.ended_at.is_(None))
            .options(joinedload(MentorPair.adept), joinedload(MentorPair.mentor))
            .order_by(MentorPair.id)
        ).unique()
    )
    if published:
        return "published", [_engine_row(p.adept, p.mentor, p) for p in published]
    run = latest_run(round_)
    if run is None:
        return "none", []
    rows = list(
        db.session.scalars(
            select(ProposedPair)
            .where(ProposedPair.run_id == run.id)
            .options(joinedload(ProposedPair.adept), joinedload(ProposedPair.mentor))
            .order_by(ProposedPair.mentor_id.is_(None), ProposedPair.id)
        ).unique()
    )
    return "proposal", [_engine_row(r.adept, r.mentor, r) for r in rows]


def _engine_row(adept, mentor, row) -> list[str]:
    """A PAIRS.csv row exactly as the engine writes it: numbers with two decimals and no
    guard (a negative distance stays a number), text cells guarded against formulas."""
    text = safe_text_cell
    if mentor is None:
        return [text(adept.external_id), "", "", *("" for _ in CRITERIA),
                text(_engine_words(row.reasons) or row.unmatched_reason or ""),
                text(adept.user.name),
                text(adept.user.municipality.name), "", ""]
    contributions = row.contributions or {}
    return [
        text(adept.external_id),
        text(mentor.external_id),
        format_number(float(row.score or 0)),
        *(format_number(float(contributions.get(k, 0.0))) for k in CRITERIA),
        text(_engine_words(row.reasons)),
        text(adept.user.name),
        text(adept.user.municipality.name),
        text(mentor.user.name),
        text(mentor.user.municipality.name),
    ]


def _engine_words(reasons: list | None) -> str:
    """Stored reason codes worded as the engine's PAIRS.csv words them (Swedish)."""
    return "; ".join(
        r if isinstance(r, str)
        else (r.get("params") or {}).get("text", "") if r.get("code") == "text"
        else describe(Reason.from_dict(r))
        for r in reasons or []
    )


def engine_pairs_csv(rows: list[list[str]]) -> bytes:
    """PAIRS.csv plus the name columns, in the engine's format, with a BOM as the engine
    writes its files."""
    return ("\ufeff" + csv_text([PAIRS_HEADER + NAME_COLUMNS, *rows])).encode("utf-8")


def pairs_table(round_: MentorRound) -> tuple[list[str], list[list]]:
    header = [
        _("Adept"), _("Adeptens kommun"), _("Adeptens verksamhetsområde"), _("Mentor"),
        _("Mentorns kommun"), _("Mentorns verksamhetsområde"), _("Poäng"), _("Skäl"),
        _("Antal samtal"), _("Senaste samtal"), _("Avslutat"), _("Skäl för avslut"),
    ]
    rows = [
        [
            r.pair.adept.user.name, r.pair.adept.user.municipality.name, r.pair.adept.business_area,
            r.pair.mentor.user.name, r.pair.mentor.user.municipality.name,
            r.pair.mentor.business_area, r.pair.score, "; ".join(reason_texts(r.pair.reasons)),
            r.talks, r.last_talk, r.pair.ended_at, r.pair.ended_reason or "",
        ]
        for r in talks.pair_overview(round_)
    ]
    return header, rows


def workshops_table(round_: MentorRound) -> tuple[list[str], list[list]]:
    header = [_("Programworkshop"), _("Tid"), _("Plats"), _("Värdkommun"), _("Platser"),
              _("Deltagare"), _("Kommun"), _("Roll"), _("Närvarade")]
    roles = role_labels()
    # Plain rows, not objects: a round of 540 people has over 2,000 sign-ups.
    items = workshops.round_workshops(round_)
    signups = db.session.execute(
        select(WorkshopSignup.workshop_id, User.name, Municipality.name, Enrolment.role,
               WorkshopSignup.attended)
        .join(Enrolment, Enrolment.id == WorkshopSignup.enrolment_id)
        .join(User, User.id == Enrolment.user_id)
        .join(Municipality, Municipality.id == User.municipality_id)
        .where(WorkshopSignup.workshop_id.in_([w.id for w in items] or [0]))
        .order_by(WorkshopSignup.id)
    )
    by_workshop: dict[int, list] = {}
    for workshop_id, *person in signups:
        by_workshop.setdefault(workshop_id, []).append(person)
    rows = []
    for w in items:
        base = [w.title, w.starts_at, w.place or w.link,
                w.host_municipality.name if w.host_municipality else "", w.capacity]
        signed = by_workshop.get(w.id, [])
        if not signed:
            rows.append([*base, "", "", "", ""])
        for name, municipality, role, attended in signed:
            rows.append([*base, name, municipality, roles.get(role, ""), attended])
    return header, rows


def evaluation_table(round_: MentorRound) -> tuple[list[str], list[list]]:
    """The page's figures and free-text answers, hidden by the same rule
    (`evaluation.results` decides; the export never counts for itself)."""
    header = [_("Fråga"), _("Svarsgrupp"), _("Antal svar"), _("Medel"), "1", "2", "3", "4", "5",
              _("Fritextsvar")]
    result = evaluation.results(round_)
    groups = group_labels()
    fewer, hidden = _("färre än %(n)s", n=MIN_ANSWERS), _("dolt")
    rows = []
    for f in result.figures:
        if f.hidden or f.counts is None:  # (counts are None exactly when hidden)
            rows.append([f.label, groups[f.group], fewer, hidden, "", "", "", "", "", ""])
        else:
            rows.append([f.label, groups[f.group], f.answers, f.average,
                         *(f.counts[n] for n in (1, 2, 3, 4, 5)), ""])
    free_text = _("Fritextsvar")
    if result.comments is None:
        rows.append([free_text, groups["all"], fewer, hidden, "", "", "", "", "", ""])
    else:
        rows.extend([free_text, groups["all"], "", "", "", "", "", "", "", comment]
                    for comment in result.comments)
    return header, rows


EXPORTS = {
    "par": (pairs_table, "par"),
    "workshoppar": (workshops_table, "workshoppar"),
    "utvardering": (evaluation_table, "utvardering"),
}


def round_table(round_: MentorRound, kind: str) -> Table:
    """A round's export `kind` (a key of EXPORTS): what the direct download and the export
    job both write."""
    build, name = EXPORTS[kind]
    header, rows = build(round_)
    return Table(f"mentorsprogram-{round_.id}-{name}", header, list(rows), "mentor_round",
                 round_.id)
