"""The network register's section of the year's report."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext

from mentorship.networks.models import ACTIVE, CLOSED, STARTING
from mentorship.reports.figures import YearFigures
from mentorship.reports.paragraphs import (
    Fig,
    Section,
    count,
    decimal,
    link,
    paragraph,
    slot,
)
from mentorship.reports.words import in_words, join_and
from mentorship.small_groups import MIN_ANSWERS


def network_section(figures: YearFigures) -> Section:
    scope, network = figures.scope, figures.network
    section = Section("network", _("Nätverksregistret"))
    figs = {
        "year": Fig(str(scope.year)),
        "networks": count(network.networks, link(scope, "networks.index"), neuter=True),
        "active": count(network.totals[ACTIVE], link(scope, "networks.index", status=ACTIVE),
                     neuter=True),
        "starting": count(network.totals[STARTING],
                       link(scope, "networks.index", status=STARTING), neuter=True),
        "closed": count(network.totals[CLOSED], link(scope, "networks.index", status=CLOSED),
                     neuter=True),
        "municipality": Fig(scope.municipality or ""),
        "purposes": count(len(network.purposes), link(scope, "networks.index"), neuter=True),
    }
    if scope.municipality_id is not None:
        first = ngettext(
            "Vid utgången av %(year)s deltog %(municipality)s i %(networks)s nätverk:",
            "Vid utgången av %(year)s deltog %(municipality)s i %(networks)s nätverk:",
            network.networks, year=slot("year"), municipality=slot("municipality"),
            networks=slot("networks"))
    else:
        first = ngettext(
            "Vid utgången av %(year)s fanns %(networks)s nätverk i registret:",
            "Vid utgången av %(year)s fanns %(networks)s nätverk i registret:",
            network.networks, year=slot("year"), networks=slot("networks"))
    states = [
        ngettext("%(active)s aktivt", "%(active)s aktiva", network.totals[ACTIVE],
                 active=slot("active")) if network.totals[ACTIVE] else "",
        _("%(starting)s under uppstart", starting=slot("starting"))
        if network.totals[STARTING] else "",
        ngettext("%(closed)s avslutat", "%(closed)s avslutade", network.totals[CLOSED],
                 closed=slot("closed")) if network.totals[CLOSED] else "",
    ]
    counts = join_and(states) + "."
    if not network.networks:
        first, counts = _("Vid utgången av %(year)s fanns inga nätverk i registret.",
                          year=slot("year")), ""
    purposes = ngettext(
        "%(purposes)s nätverk har beskrivit sitt syfte för %(year)s.",
        "%(purposes)s nätverk har beskrivit sitt syfte för %(year)s.",
        len(network.purposes), purposes=slot("purposes"), year=slot("year")
    ) if network.purposes else _("Inget nätverk har beskrivit sitt syfte för %(year)s.",
                                 year=slot("year"))
    section.paragraphs.append(paragraph("network.register", [first, counts, purposes], figs))
    if not network.surveys:
        section.paragraphs.append(paragraph("network.survey", [_(
            "Ingen nätverksenkät genomfördes under %(year)s; enkäten görs minst vartannat år.",
            year=slot("year"))], {"year": Fig(str(scope.year))}))
    for survey, overall, networks in network.surveys:
        url = link(scope, "networks.survey_results", admin_only=True, survey_id=survey.id)
        first_figure = overall.figures[0] if overall.figures else None
        figs = {"title": Fig(survey.title, url),
                "answers": count(overall.answers, url, neuter=True),
                "networks": count(networks, url, neuter=True), "min": Fig(in_words(MIN_ANSWERS)),
                "average": Fig(decimal(first_figure.average if first_figure else None)),
                "question": Fig(first_figure.label if first_figure else "")}
        messages = [ngettext(
            "Enkäten %(title)s fick %(answers)s svar från %(networks)s nätverk.",
            "Enkäten %(title)s fick %(answers)s svar från %(networks)s nätverk.",
            overall.answers, title=slot("title"), answers=slot("answers"),
            networks=slot("networks"))]
        if first_figure is None or first_figure.hidden:
            messages.append(_("Med färre än %(min)s svar redovisas inga betyg.",
                              min=slot("min")))
        else:
            messages.append(_("På frågan ”%(question)s” blev genomsnittet %(average)s av 5.",
                              question=slot("question"), average=slot("average")))
        section.paragraphs.append(paragraph(f"network.survey.{survey.id}", messages, figs))
    return section
