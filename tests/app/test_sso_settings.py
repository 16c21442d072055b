"""Issue 26: a municipality's identity provider as admins and operators set it: the
command line, the https rule for issuers, and the admin page that keeps the secret out."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from mentorship.auth.sso import services
from mentorship.extensions import db
from mentorship.reference.models import Municipality
from tests.said import refused

ISSUER = "https://login.microsoftonline.com/t/v2.0"


def _set_klippan_and_try_its_domain_for_bjuv(app, runner, monkeypatch):
    """Klippan's provider set from the command line (a trailing slash, mixed-case and
    @-prefixed domains, passwords off), the list, and Bjuv asking for Klippan's domain."""
    monkeypatch.setitem(app.config, "SSO_SECRET_1276", "s3cret")
    result = runner.invoke(args=[
        "sso", "set", "klippan", "--issuer", ISSUER + "/",
        "--client-id", "app-1", "--domains", "Klippan.se, @kommun.klippan.se", "--no-passwords",
    ])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(args=["sso", "list"]).output
    taken = runner.invoke(args=[
        "sso", "set", "Bjuv", "--issuer", "https://idp.bjuv.se", "--client-id", "b",
        "--domains", "klippan.se",
    ])
    return listed, taken


def _provider(app, name: str):
    with app.app_context():
        municipality = db.session.scalar(select(Municipality).where(Municipality.name == name))
        provider = services.provider_of(municipality.id)
        if provider is None:
            return None
        return (provider.issuer, provider.client_id, provider.domain_list,
                provider.passwords_allowed, bool(services.client_secret(provider)))


def test_the_command_line_sets_lists_and_removes_a_provider(app, runner, monkeypatch):
    listed, taken = _set_klippan_and_try_its_domain_for_bjuv(app, runner, monkeypatch)
    assert _provider(app, "Klippan") == (
        ISSUER, "app-1", ["klippan.se", "kommun.klippan.se"], False, True)
    [line] = [li for li in listed.splitlines() if li.startswith("1276 Klippan")]
    for shown in (ISSUER, "app-1", "klippan.se, kommun.klippan.se"):
        assert shown in line, shown
    # A domain belongs to one municipality: Bjuv gets nothing, and hears whose it is.
    assert taken.exit_code != 0 and "klippan.se" in taken.output and "Klippan" in taken.output
    assert _provider(app, "Bjuv") is None
    unknown = runner.invoke(args=["sso", "set", "Lund", "--issuer", "https://x.se",
                                  "--client-id", "x", "--domains", "lund.se"])
    assert unknown.exit_code != 0 and "Okänd kommun" in unknown.output
    assert runner.invoke(args=["sso", "remove", "1276"]).exit_code == 0
    assert _provider(app, "Klippan") is None
    assert "1276" not in runner.invoke(args=["sso", "list"]).output


@pytest.mark.wording
def test_the_command_line_reads_as_written(app, runner, monkeypatch):
    listed, taken = _set_klippan_and_try_its_domain_for_bjuv(app, runner, monkeypatch)
    assert listed.splitlines() == [
        "1276 Klippan: https://login.microsoftonline.com/t/v2.0 klient app-1; "
        "klippan.se, kommun.klippan.se; lösenord avstängda; hemlighet finns"]
    assert "klippan.se hör redan till Klippan" in taken.output
    runner.invoke(args=["sso", "remove", "1276"])
    assert runner.invoke(args=["sso", "list"]).output == "Ingen kommun har egen inloggning.\n"


@pytest.mark.parametrize(
    "issuer, development, ok",
    [
        ("https://login.microsoftonline.com/t/v2.0", False, True),
        ("http://127.0.0.1:9000", True, True),
        ("http://127.0.0.1:9000", False, False),  # production: https only
        ("http://idp.klippan.se", True, False),  # plain http elsewhere: never
        ("https://idp.klippan.se/?x=1", False, False),
        ("javascript:alert(1)", True, False),
    ],
)
def test_only_https_issuers_outside_development(app, issuer, development, ok):
    from mentorship.refusals import ServiceError

    app.config.update(TESTING=development, ENV="development" if development else "production")
    with app.app_context():
        if ok:
            assert services.check_issuer(issuer) == issuer
        else:
            with pytest.raises(ServiceError) as refused:
                services.check_issuer(issuer)
            assert refused.value.field == "issuer"


def test_the_admin_page_keeps_the_secret_out_and_checks_what_is_typed(
    client, app, login_as, tmp_path
):
    login_as("admin")
    with app.app_context():
        klippan = db.session.scalar(select(Municipality).where(Municipality.name == "Klippan"))
    url = f"/register/kommuner/{klippan.id}/inloggning"
    bad = client.post(url, data={"issuer": "ftp://x", "client_id": "", "domains": "not a domain"})
    assert bad.status_code == 200 and "client_id" in refused(bad)
    assert _provider(app, "Klippan") is None
    saved = client.post(url, data={
        "issuer": "https://login.microsoftonline.com/t/v2.0", "client_id": "app-1",
        "domains": "klippan.se", "passwords_allowed": "y",
    })
    assert saved.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "MENTORSHIP_SSO_SECRET_1276" in page  # where to put the missing secret
    assert "http://localhost/logga-in/kommun/svar" in page  # the redirect URI to register
    (tmp_path / "sso").mkdir()
    (tmp_path / "sso" / "1276.secret").write_text("from-a-file\n")
    app.instance_path = str(tmp_path)
    try:
        page = client.get(url).get_data(as_text=True)
        assert "MENTORSHIP_SSO_SECRET_1276" not in page and "sso/1276.secret" not in page
        assert "from-a-file" not in page  # the secret itself is never shown
    finally:
        app.instance_path = app.config["INSTANCE_PATH_FOR_TESTS"]
    assert client.get(f"{url}/ta-bort").status_code == 200
    assert client.post(f"{url}/ta-bort").status_code == 302
    with app.app_context():
        assert services.provider_of(klippan.id) is None


@pytest.mark.wording
def test_the_admin_page_says_the_secret_is_on_the_server(client, app, login_as, tmp_path):
    login_as("admin")
    with app.app_context():
        klippan = db.session.scalar(select(Municipality).where(Municipality.name == "Klippan"))
        klippan_id = klippan.id
        services.set_provider(None, services.ProviderSettings(
            municipality_id=klippan_id, issuer=ISSUER, client_id="app-1", domains=("klippan.se",)))
        db.session.commit()
    (tmp_path / "sso").mkdir()
    (tmp_path / "sso" / "1276.secret").write_text("from-a-file\n")
    app.instance_path = str(tmp_path)
    try:
        page = client.get(f"/register/kommuner/{klippan_id}/inloggning").get_data(as_text=True)
        assert "Klienthemligheten finns på servern." in page
    finally:
        app.instance_path = app.config["INSTANCE_PATH_FOR_TESTS"]
