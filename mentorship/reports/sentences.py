"""The year's report as sections of paragraphs, one per programme (see paragraphs.py for
how a paragraph carries its figures and their links)."""

from __future__ import annotations

from mentorship.reports.figures import YearFigures
from mentorship.reports.mentor_text import mentor_section
from mentorship.reports.network_text import network_section
from mentorship.reports.paragraphs import Section
from mentorship.reports.trainee_text import trainee_section


def sections(figures: YearFigures) -> list[Section]:
    return [mentor_section(figures), trainee_section(figures), network_section(figures)]
