"""Issue 26: a municipality's identity provider as admins and operators set it: the
command line, the https rule for issuers, and the admin page that keeps the secret out."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from mentorship.auth.sso import services
from mentorship.extensions import db
from mentorship.reference.models import Municipality


def test_the_command_line_sets_lists_and_removes_a_provider(app, runner, monkeypatch):
    monkeypatch.setitem(app.config, "SSO_SECRET_1276", "s3cret")
    result = runner.invoke(args=[
        "sso", "set", "klippan", "--issuer", "https://login.microsoftonline.com/t/v2.0/",
        "--client-id", "app-1", "--domains", "Klippan.se, @kommun.klippan.se", "--no-passwords",
    ])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(args=["sso", "list"]).output
    assert "1276 Klippan: https://login.microsoftonline.com/t/v2.0 klient app-1" in listed
    assert "klippan.se, kommun.klippan.se; lösenord avstängda; hemlighet finns" in listed
    taken = runner.invoke(args=[
        "sso", "set", "Bjuv", "--issuer", "https://idp.bjuv.se", "--client-id", "b",
        "--domains", "klippan.se",
    ])
    assert taken.exit_code != 0 and "klippan.se hör redan till Klippan" in taken.output
    unknown = runner.invoke(args=["sso", "set", "Lund", "--issuer", "https://x.se",
                                  "--client-id", "x", "--domains", "lund.se"])
    assert unknown.exit_code != 0 and "Okänd kommun" in unknown.output
    assert runner.invoke(args=["sso", "remove", "1276"]).exit_code == 0
    assert "Ingen kommun har egen inloggning." in runner.invoke(args=["sso", "list"]).output


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
    page = bad.get_data(as_text=True)
    assert bad.status_code == 200 and "Fyll i klient-id." in page
    saved = client.post(url, data={
        "issuer": "https://login.microsoftonline.com/t/v2.0", "client_id": "app-1",
        "domains": "klippan.se", "passwords_allowed": "y",
    })
    assert saved.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "Klienthemligheten saknas" in page and "MENTORSHIP_SSO_SECRET_1276" in page
    assert "http://localhost/logga-in/kommun/svar" in page  # the redirect URI to register
    (tmp_path / "sso").mkdir()
    (tmp_path / "sso" / "1276.secret").write_text("from-a-file\n")
    app.instance_path = str(tmp_path)
    try:
        assert "Klienthemligheten finns på servern." in client.get(url).get_data(as_text=True)
    finally:
        app.instance_path = app.config["INSTANCE_PATH_FOR_TESTS"]
    assert client.get(f"{url}/ta-bort").status_code == 200
    assert client.post(f"{url}/ta-bort").status_code == 302
    with app.app_context():
        assert services.provider_of(klippan.id) is None
