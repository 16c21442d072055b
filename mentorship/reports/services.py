"""A year's report: the figures, the generated paragraphs and the coordinator's own
wording of them (the cooperation's version only; an HR contact's version is always the
generated one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.refusals import ServiceError, require_admin
from mentorship.reports.figures import YearFigures, year_figures
from mentorship.reports.models import ReportParagraph
from mentorship.reports.paragraphs import Paragraph, Section
from mentorship.reports.sentences import sections

FIRST_YEAR = 2006  # the trainee programme's first year


def today() -> date:
    return date.today()


def valid_year(year: int) -> bool:
    return FIRST_YEAR <= year <= today().year


def default_year() -> int:
    """The annual report is written in the spring about the year before; from July the
    page opens on the year in progress (the demo's year, mentorship.demo.report)."""
    return today().year if today().month >= 7 else today().year - 1


@dataclass
class YearReport:
    figures: YearFigures
    sections: list[Section]

    @property
    def year(self) -> int:
        return self.figures.scope.year

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]

    def paragraph(self, key: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.key == key), None)


def year_report(actor: User | None, year: int) -> YearReport:
    figures = year_figures(actor, year)
    report = YearReport(figures, sections(figures))
    if figures.scope.admin:
        edits = {e.key: e for e in db.session.scalars(
            select(ReportParagraph).where(ReportParagraph.year == year))}
        for p in report.paragraphs:
            if p.key in edits:
                p.edited, p.edited_at = edits[p.key].text, edits[p.key].edited_at
    return report


@dataclass(frozen=True)
class ParagraphText:
    year: int
    key: str
    text: str


def save_paragraph(actor: User, report: YearReport, cmd: ParagraphText) -> ReportParagraph:
    """The coordinator's wording; the generated text again (unchanged) stores nothing."""
    require_admin(actor)
    paragraph = report.paragraph(cmd.key)
    if paragraph is None:
        raise ServiceError(_("Stycket finns inte i årets rapport."))
    text = " ".join((cmd.text or "").split())
    if not text:
        raise ServiceError(_("Skriv stycket, eller återställ den genererade texten."), "text")
    if len(text) > 4000:
        raise ServiceError(_("Skriv högst 4000 tecken."), "text")
    row = db.session.scalar(select(ReportParagraph).where(
        ReportParagraph.year == cmd.year, ReportParagraph.key == cmd.key))
    if text == paragraph.generated:
        if row is not None:
            db.session.delete(row)
            db.session.flush()
        return ReportParagraph(year=cmd.year, key=cmd.key, text=text)
    if row is None:
        row = ReportParagraph(year=cmd.year, key=cmd.key, text=text)
        db.session.add(row)
    row.text = text
    db.session.flush()
    return row


def reset_paragraph(actor: User, report: YearReport, key: str) -> bool:
    """The report's paragraph `key` back to the generated text; False when it was not
    edited."""
    require_admin(actor)
    row = db.session.scalar(select(ReportParagraph).where(
        ReportParagraph.year == report.year, ReportParagraph.key == key))
    if row is None:
        return False
    db.session.delete(row)
    db.session.flush()
    return True
