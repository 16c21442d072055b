"""`flask networks report [--year N] [--format csv]`: the register, one row per network;
`flask networks remind [--year N]`: e-mail the coordinators of networks missing this
year's purpose, goals or meeting organisation (through the outbox)."""

from __future__ import annotations

import csv
import io

import click
from flask import Flask
from flask.cli import AppGroup

from mentorship.extensions import db
from mentorship.networks.checklist import remind_coordinators
from mentorship.networks.labels import status_labels
from mentorship.networks.reports import register
from mentorship.networks.services import seed_fields, today

HEADER = ("namn", "status", "medlemskommuner", "samordnare", "syfte", "mal", "motesorganisation")


def _yes(value: bool) -> str:
    return "ja" if value else "nej"


def init_cli(app: Flask) -> None:
    networks = AppGroup("networks", help="Samarbetets nätverksregister.")

    @networks.command("report")
    @click.option("--year", type=click.IntRange(2000, 2100), default=None,
                  help="Calendar year of the plan (default: this year).")
    @click.option("--format", "fmt", type=click.Choice(["text", "csv"]), default="text",
                  help="text (default) or csv")
    def report(year: int | None, fmt: str) -> None:
        """One row per network: name, status, member municipalities, coordinator, and
        whether the year's purpose, goals and meeting organisation exist."""
        year = year or today().year
        labels = status_labels()
        rows = [
            (r.name, labels[r.status], r.municipalities, r.coordinator,
             _yes(r.purpose), _yes(r.goals), _yes(r.meetings))
            for r in register(year)
        ]
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(HEADER)
            writer.writerows(rows)
            click.echo(buffer.getvalue(), nl=False)
            return
        if not rows:
            click.echo("Inga nätverk.")
            return
        width = max(len(r[0]) for r in rows)
        click.echo(f"Nätverksregistret {year}")
        click.echo(f"{'Namn':<{width}}  {'Status':<14} {'Kommuner':>8}  {'Samordnare':<24} "
                   f"{'Syfte':<5} {'Mål':<5} {'Möten':<5}")
        for name, status, n, coordinator, purpose, goals, meetings in rows:
            click.echo(f"{name:<{width}}  {status:<14} {n:>8}  {coordinator or '-':<24} "
                       f"{purpose:<5} {goals:<5} {meetings:<5}")

    @networks.command("remind")
    @click.option("--year", type=click.IntRange(2000, 2100), default=None)
    def remind(year: int | None) -> None:
        """Queue a reminder to each coordinator whose network lacks this year's plan."""
        sent = remind_coordinators(None, year or today().year)
        db.session.commit()
        click.echo(f"Påminnelser i utkorgen: {sent}.")

    @networks.command("seed")
    def seed() -> None:
        """Create the default fields of cooperation (idempotent)."""
        added = seed_fields()
        db.session.commit()
        click.echo(f"Samverkansområden: {added} nya.")

    app.cli.add_command(networks)
