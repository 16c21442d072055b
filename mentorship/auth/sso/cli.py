"""`flask sso set|list|remove`: a municipality's identity provider from the command line."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from mentorship.auth.sso import services
from mentorship.extensions import db
from mentorship.refusals import ServiceError

sso_cli = AppGroup("sso", help="Inloggning med kommunens konto (OpenID Connect).")


def _municipality(name_or_code: str):
    municipality = services.find_municipality(name_or_code)
    if municipality is None:
        raise click.ClickException(f"Okänd kommun: {name_or_code} (ange namn eller kommunkod).")
    return municipality


@sso_cli.command("set")
@click.argument("kommun")
@click.option("--issuer", required=True, help="The provider's issuer URL (https).")
@click.option("--client-id", required=True, help="The app's client id at the provider.")
@click.option("--domains", required=True, help="E-mail domains, comma-separated.")
@click.option("--no-passwords", is_flag=True, help="No passwords for its people.")
@click.option("--self-signup", is_flag=True, help="New employees become participants.")
def set_provider(kommun, issuer, client_id, domains, no_passwords, self_signup) -> None:
    """Give KOMMUN (name or official code) an identity provider; the client secret is read
    from MENTORSHIP_SSO_SECRET_<CODE> or instance/sso/<CODE>.secret."""
    municipality = _municipality(kommun)
    cmd = services.ProviderSettings(
        municipality_id=municipality.id,
        issuer=issuer,
        client_id=client_id,
        domains=tuple(domains.split(",")),
        passwords_allowed=not no_passwords,
        self_signup=self_signup,
    )
    try:
        provider = services.set_provider(None, cmd)
    except ServiceError as err:
        raise click.ClickException(err.message) from None
    db.session.commit()
    click.echo(f"{municipality.name} ({municipality.code}): {provider.issuer}, "
               f"domäner {', '.join(provider.domain_list)}.")
    if not services.client_secret(provider):
        click.echo(f"Klienthemligheten saknas: sätt MENTORSHIP_SSO_SECRET_{municipality.code}.")


@sso_cli.command("list")
def list_providers() -> None:
    """Every municipality with an identity provider."""
    rows = services.providers()
    if not rows:
        click.echo("Ingen kommun har egen inloggning.")
    for p in rows:
        secret = "hemlighet finns" if services.client_secret(p) else "HEMLIGHET SAKNAS"
        passwords = "lösenord tillåtna" if p.passwords_allowed else "lösenord avstängda"
        click.echo(f"{p.municipality.code} {p.municipality.name}: {p.issuer} "
                   f"klient {p.client_id}; {', '.join(p.domain_list)}; {passwords}; {secret}")


@sso_cli.command("remove")
@click.argument("kommun")
def remove_provider(kommun) -> None:
    """Remove KOMMUN's identity provider (its people log in with passwords again)."""
    municipality = _municipality(kommun)
    provider = services.provider_of(municipality.id)
    if provider is None:
        raise click.ClickException(f"{municipality.name} har ingen egen inloggning.")
    services.remove_provider(None, provider)
    db.session.commit()
    click.echo(f"Inloggningen med kontot i {municipality.name} är borttagen.")


def init_cli(app: Flask) -> None:
    app.cli.add_command(sso_cli)
