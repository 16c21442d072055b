"""`flask --app wsgi annual-report ÅR [--format docx|pdf|html] [-o FIL]`: the cooperation's
version of the year's report (with the coordinator's edits), the same file as the page's
export."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from mentorship.reports import exports
from mentorship.reports.blueprint import bp
from mentorship.reports.services import valid_year, year_report


@bp.cli.command("annual-report")
@click.argument("year", type=int)
@click.option("--format", "fmt", type=click.Choice(exports.FORMATS), default="docx",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="The file to write (default: aret-i-siffror-ÅR.<format>).")
def annual_report(year: int, fmt: str, output: str | None) -> None:
    """Write the year's report on the programmes as a Word document, a PDF or HTML."""
    if not valid_year(year):
        raise click.BadParameter(f"{year} is not a year of the programmes", param_hint="ÅR")
    # The sentences link their figures (url_for) and speak the default language.
    with current_app.test_request_context():
        report = year_report(None, year)
        body = exports.render(report, fmt)
        path = Path(output or exports.filename(report, fmt))
    path.write_bytes(body)
    click.echo(f"{path}: {len(body)} bytes")
