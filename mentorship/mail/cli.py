"""`flask mail worker` (a long-running loop) and `flask mail deliver` (one pass, cron)."""

from __future__ import annotations

import click
from flask import Flask, current_app

from mentorship.mail.services import smtp_configured


def init_cli(app: Flask) -> None:
    @app.cli.group("mail")
    def mail_group() -> None:
        """Deliver the outbox over SMTP (never done inside a web request)."""

    @mail_group.command("deliver")
    @click.option("--limit", type=int, default=None, help="At most this many messages.")
    def deliver(limit: int | None) -> None:
        """One pass: send what is due, then exit (for cron)."""
        # deferred: the mail sender (smtplib, email) loads for the mail commands, not with
        # every app
        from mentorship.mail.delivery import deliver as run_pass

        if not smtp_configured():
            click.echo(
                "Ingen e-postserver (MENTORSHIP_MAIL_SERVER); meddelandena stannar i utkorgen."
            )
            return
        counts = run_pass(limit)
        click.echo(f"Skickade: {counts['sent']}, misslyckade: {counts['failed']}.")

    @mail_group.command("worker")
    @click.option("--poll", type=float, default=None, help="Seconds between passes.")
    def worker(poll: float | None) -> None:
        """Deliver continuously (run it as a service of its own)."""
        # deferred: the mail sender (smtplib, email) loads for the mail commands, not with
        # every app
        from mentorship.mail.delivery import run_worker

        run_worker(poll or current_app.config["MAIL_POLL_SECONDS"])
