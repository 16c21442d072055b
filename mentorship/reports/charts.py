"""The year's charts, drawn by matplotlib (the Agg canvas: no display, safe in a worker):
managers per municipality in the year's rounds, trainee outcomes per cohort since the start,
and the study visits on a map of the member municipalities' seats. The page shows each with
the table of its numbers; the exports embed the same PNG."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext as _

from mentorship.reports.figures import YearFigures

BLUE, GREY, GREEN = "#1d5c8a", "#b8c4ce", "#2e7d32"


@dataclass(frozen=True)
class Chart:
    name: str  # in the URL
    title: str
    alt: str
    draw: Callable[[YearFigures], bytes]


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return buffer.getvalue()


def _figure(width: float, height: float):
    # The object API, not pyplot: no global state shared between requests or threads.
    # deferred: matplotlib takes 0.5 s to import; only drawing a chart needs it
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height))
    figure.patch.set_facecolor("white")
    return figure


def participants(figures: YearFigures) -> bytes:
    rows = figures.mentor.per_municipality
    figure = _figure(7, 0.35 * len(rows) + 1)
    ax = figure.add_subplot()
    names = [name for name, _n in rows][::-1]
    counts = [n for _name, n in rows][::-1]
    bars = ax.barh(names, counts, color=BLUE)
    ax.bar_label(bars, padding=3)
    ax.set_xlabel(_("Chefer"))
    ax.set_title(_("Deltagande chefer per kommun, %(year)s", year=figures.scope.year))
    ax.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def outcomes(figures: YearFigures) -> bytes:
    lines = figures.trainee.history
    figure = _figure(max(6, 0.45 * len(lines) + 2), 3.6)
    ax = figure.add_subplot()
    labels = [line.label for line in lines]
    permanent = [line.permanent for line in lines]
    other = [line.trainees - line.permanent for line in lines]
    ax.bar(labels, permanent, color=GREEN, label=_("Tillsvidareanställda"))
    ax.bar(labels, other, bottom=permanent, color=GREY, label=_("Övriga"))
    ax.set_xlabel(_("Traineegrupp"))
    ax.set_ylabel(_("Traineer"))
    ax.set_title(_("Tillsvidareanställning efter traineeåret, per traineegrupp"))
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    ax.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def coverage(figures: YearFigures) -> bytes:
    trainee = figures.trainee
    places = [(name, visited, trainee.positions.get(name)) for name, visited
              in trainee.coverage]
    figure = _figure(6, 5)
    ax = figure.add_subplot()
    for k, (name, visited, position) in enumerate(places):
        lat, lon = position if position else (-k, 0.0)
        ax.scatter([lon], [lat], s=140, color=BLUE if visited else "white",
                   edgecolors=BLUE, linewidths=2, zorder=2)
        ax.annotate(name, (lon, lat), textcoords="offset points", xytext=(9, -4))
    ax.set_title(_("Studiebesök %(year)s: %(n)s av %(members)s kommuner",
                   year=figures.scope.year, n=len(trainee.visited),
                   members=len(trainee.members)))
    ax.set_axis_off()
    ax.set_aspect(1.8)  # a degree of longitude is about 0.56 of one of latitude at 56° N
    ax.margins(0.25)
    return _png(figure)


def charts() -> list[Chart]:
    return [
        Chart("deltagare", _("Deltagande chefer per kommun"),
              _("Stapeldiagram över deltagande chefer per kommun. Siffrorna finns i tabellen "
                "under diagrammet."), participants),
        Chart("utfall", _("Tillsvidareanställning per traineegrupp"),
              _("Stapeldiagram över traineer med tillsvidareanställning per traineegrupp. "
                "Siffrorna finns i tabellen under diagrammet."), outcomes),
        Chart("studiebesok", _("Studiebesök i medlemskommunerna"),
              _("Karta över medlemskommunerna där kommuner som tog emot studiebesök är "
                "ifyllda. Samma uppgifter finns i tabellen under kartan."), coverage),
    ]


def chart(name: str) -> Chart | None:
    return next((c for c in charts() if c.name == name), None)
