"""`flask rounds ...`: operator commands calling the same services as the views."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from mentorship.extensions import db
from mentorship.mentoring.closing.exports import engine_pairs, engine_pairs_csv
from mentorship.mentoring.fitcheck.services import ask_due
from mentorship.mentoring.labels import state_labels
from mentorship.mentoring.models import Enrolment, MentorRound
from mentorship.mentoring.pairing.proposals import run_matching
from mentorship.mentoring.rounds.reminders import send_automatic
from mentorship.refusals import ServiceError


def init_cli(app: Flask) -> None:
    group = AppGroup("rounds", help="Mentorsprogrammets omgångar.")

    @group.command("list")
    def list_rounds() -> None:
        """List the rounds with state and number of people."""
        with current_app.test_request_context():
            counts = dict(
                db.session.execute(
                    select(Enrolment.round_id, func.count()).group_by(Enrolment.round_id)
                ).all()
            )
            labels = state_labels()
            rows = db.session.scalars(select(MentorRound).order_by(MentorRound.id))
            for r in rows:
                click.echo(
                    f"{r.id}\t{r.name}\t{r.state} ({labels[r.state]})\t"
                    f"{counts.get(r.id, 0)} personer\t{r.starts_on} – {r.ends_on}"
                )

    @group.command("match")
    @click.argument("round_id", type=int)
    def match(round_id: int) -> None:
        """Run the engine on the round and store the proposal (as the Match button does)."""
        with current_app.test_request_context():
            round_ = db.session.get(MentorRound, round_id)
            if round_ is None:
                raise click.ClickException(f"Omgång {round_id} finns inte.")
            try:
                run = run_matching(None, round_)
            except ServiceError as err:
                raise click.ClickException(err.message) from None
            db.session.commit()
            f = run.figures
            click.echo(
                f"Förslag sparat: {f['pairs']} par, {f['unmatched']} utan mentor, "
                f"total poäng {run.total_score:.2f}, medel {f['mean_score']:.2f}."
            )

    @group.command("export")
    @click.argument("round_id", type=int)
    @click.option("--out", "out", type=click.Path(dir_okay=False), required=True)
    def export(round_id: int, out: str) -> None:
        """Write the published pairs (else the proposal) as PAIRS.csv plus names."""
        with current_app.test_request_context():
            round_ = db.session.get(MentorRound, round_id)
            if round_ is None:
                raise click.ClickException(f"Omgång {round_id} finns inte.")
            source, rows = engine_pairs(round_)
            if source == "none":
                raise click.ClickException("Omgången har varken publicerade par eller förslag.")
            Path(out).write_bytes(engine_pairs_csv(rows))
            what = "publicerade par" if source == "published" else "rader ur förslaget"
            click.echo(f"{len(rows)} {what} skrivna till {out}.")

    @group.command("remind")
    def remind() -> None:
        """Send the automatic reminders and the "Känns matchningen rätt?" questions that
        are due (run it nightly: the systemd timer in docs/operations.md)."""
        with current_app.test_request_context():
            n = send_automatic()
            asked = ask_due()
            db.session.commit()
        click.echo(f"{n} omgångar har skickat automatiska påminnelser.")
        click.echo(f"{asked} har fått frågan ”Känns matchningen rätt?”.")

    app.cli.add_command(group)
