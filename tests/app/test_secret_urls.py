"""Pages opened by a secret in their URL (invitations, password resets, calendar feeds)
are never stored by a browser or proxy (issue 23, item 9): one rule in
mentorship.security, checked here for every route that takes such an argument."""

from __future__ import annotations

from mentorship.security import SECRET_URL_ARGUMENTS


def _secret_rules(app):
    return [rule for rule in app.url_map.iter_rules()
            if SECRET_URL_ARGUMENTS & set(rule.arguments) and "GET" in (rule.methods or ())]


def test_every_route_with_a_secret_in_its_url_is_sent_no_store(app, client):
    rules = _secret_rules(app)
    endpoints = {rule.endpoint for rule in rules}
    # The ones that exist today; a new one is covered by the same rule without listing it.
    assert {"auth.accept_invitation", "auth.reset_password", "feeds.feed"} <= endpoints
    for rule in rules:
        with app.test_request_context():
            from flask import url_for

            url = url_for(rule.endpoint, **{a: "x" * 43 for a in rule.arguments})
        response = client.get(url)
        assert response.headers.get("Cache-Control") == "no-store", (rule.rule, response.status)


def test_a_valid_invitation_and_reset_page_is_no_store(app, client, make_user):
    from mentorship.auth.services import INVITE, RESET, issue_token
    from mentorship.extensions import db

    user = make_user("ny@example.org")
    with app.app_context():
        from mentorship.auth.models import User

        fresh = db.session.get(User, user.id)
        invite, reset = issue_token(None, fresh, INVITE), issue_token(None, fresh, RESET)
        db.session.commit()
    for url in (f"/inbjudan/{invite}", f"/nytt-losenord/{reset}"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store"


def test_the_login_page_may_be_stored(client):
    # The rule is about secrets: an ordinary public page keeps the default.
    assert client.get("/logga-in").headers.get("Cache-Control") != "no-store"
