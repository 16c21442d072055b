"""Operator commands; they call the same services as the views and commit once."""

from __future__ import annotations

import click
from flask import Flask, current_app
from sqlalchemy import func, select

from mentorship.auth.models import User
from mentorship.auth.services import NewUser, create_user
from mentorship.auth.sso.cli import init_cli as init_sso_cli
from mentorship.extensions import db
from mentorship.jobs.cli import init_cli as init_jobs_cli
from mentorship.mail.cli import init_cli as init_mail_cli
from mentorship.mentoring.cli import init_cli as init_mentoring_cli
from mentorship.networks.cli import init_cli as init_network_cli
from mentorship.networks.services import seed_fields
from mentorship.privacy.services import purge as run_purge
from mentorship.reference.models import Municipality
from mentorship.reference.services import seed_reference_data
from mentorship.refusals import ServiceError
from mentorship.trainees.cli import init_cli as init_trainee_cli


def init_cli(app: Flask) -> None:
    init_mentoring_cli(app)
    init_trainee_cli(app)
    init_mail_cli(app)
    init_jobs_cli(app)
    init_network_cli(app)
    init_sso_cli(app)

    @app.cli.command("seed")
    def seed() -> None:
        """Create the member municipalities, business areas and network fields (idempotent)."""
        added = seed_reference_data()
        fields = seed_fields()
        db.session.commit()
        click.echo(f"Referensdata: {added} nya rader.")
        click.echo(f"Samverkansområden för nätverk: {fields} nya.")

    @app.cli.command("demo")
    @click.option("--if-empty", is_flag=True, help="Only when the database has no users.")
    def demo(if_empty: bool) -> None:
        """Fill the database with demo data (idempotent)."""
        # deferred: the demo's data (1,100 lines) loads for `flask demo`, not with every app
        from mentorship.demo import run_demo

        if if_empty and db.session.scalar(select(func.count()).select_from(User)):
            click.echo("Databasen har redan data; demodata hoppas över.")
            return
        for line in run_demo(current_app.config["DEMO_PASSWORD"]):
            click.echo(line)
        db.session.commit()
        click.echo("Demodata klar.")

    @app.cli.group("gdpr")
    def gdpr() -> None:
        """Personal data: retention purge."""

    @gdpr.command("purge")
    def purge() -> None:
        """Remove or anonymise what has passed its retention period (idempotent)."""
        counts = run_purge()
        db.session.commit()
        done = ", ".join(f"{kind}: {n}" for kind, n in sorted(counts.items()) if n)
        click.echo(f"Gallring klar. {done or 'Inget hade passerat sin tid.'}")

    @app.cli.command("create-admin")
    @click.argument("email")
    @click.argument("name")
    @click.option("--municipality", "code", default="1283", help="Official code.")
    @click.password_option()
    def create_admin(email: str, name: str, code: str, password: str) -> None:
        """Create an admin account (first deployment)."""
        municipality = db.session.scalar(select(Municipality).where(Municipality.code == code))
        if municipality is None:
            raise click.ClickException("Okänd kommunkod; kör `flask seed` först.")
        try:
            create_user(None, NewUser(email, name, municipality.id, ("admin",)), password=password)
        except ServiceError as err:
            db.session.rollback()
            raise click.ClickException(err.message) from None
        db.session.commit()
        click.echo(f"Administratör {email} skapad.")
