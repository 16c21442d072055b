"""`flask outcomes report [--format csv]`: per cohort, trainees, outcomes reported and
permanent employments in member municipalities, with the share."""

from __future__ import annotations

import csv
import io

import click
from flask import Flask
from flask.cli import AppGroup

from mentorship.trainees.cohorts.services import today
from mentorship.trainees.reports.services import cohort_summary

HEADER = ("grupp", "start", "status", "trainees", "rapporterade", "tillsvidare", "andel_procent")


def init_cli(app: Flask) -> None:
    outcomes = AppGroup("outcomes", help="Utfall efter traineeåret.")

    @outcomes.command("report")
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "csv"]),
        default="text",
        help="text (default) or csv",
    )
    def report(fmt: str) -> None:
        """Per traineegrupp: trainees, rapporterade utfall, tillsvidare i medlemskommun, andel."""
        lines = cohort_summary(None, today())
        rows = [
            (
                line.label,
                line.year,
                "avslutad" if line.finished else "pågår",
                line.trainees,
                line.reported,
                line.permanent,
                "" if line.percent is None else f"{line.percent} %",
            )
            for line in lines
        ]
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(HEADER)
            writer.writerows([(*row[:-1], row[-1].removesuffix(" %")) for row in rows])
            click.echo(buffer.getvalue(), nl=False)
            return
        if not rows:
            click.echo("Inga traineegrupper.")
            return
        click.echo(
            f"{'Grupp':>5}  {'Start':>5}  {'Status':<9} {'Trainees':>8} "
            f"{'Rapporterade':>12} {'Tillsvidare':>11} {'Andel':>6}"
        )
        for label, year, status, n, reported, permanent, share in rows:
            click.echo(
                f"{label:>5}  {year:>5}  {status:<9} {n:>8} {reported:>12} "
                f"{permanent:>11} {share:>6}"
            )

    app.cli.add_command(outcomes)
