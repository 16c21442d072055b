"""Deny by default: every route declares who may use it."""

import pytest

from mentorship.access import PUBLIC, policy_of


def test_every_route_declares_who_may_use_it(app):
    missing = [
        rule.rule
        for rule in app.url_map.iter_rules()
        if policy_of(app.view_functions[rule.endpoint]) is None
    ]
    assert missing == []


def test_a_view_without_a_policy_is_refused(app):
    from flask import Flask

    from mentorship.access import enforce_policy

    probe = Flask("probe")
    probe.config["SECRET_KEY"] = "x"
    from flask_login import LoginManager

    LoginManager(probe)
    probe.before_request(enforce_policy)
    probe.add_url_rule("/undeclared", "undeclared", lambda: "secret")
    assert probe.test_client().get("/undeclared").status_code == 403


def non_public_get_rules(app):
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if policy_of(view)[0] == PUBLIC or "GET" not in rule.methods:
            continue
        values = {arg: 1 for arg in rule.arguments}
        if "kind" in rule.arguments:
            values["kind"] = "kommun"
        if "action" in rule.arguments:
            values["action"] = "avveckla"
        if "token" in rule.arguments:
            values["token"] = "x"
        if "fmt" in rule.arguments:
            values["fmt"] = "csv"
        yield rule, values


def test_anonymous_users_are_sent_to_login_everywhere(app, client):
    with app.test_request_context():
        from flask import url_for

        for rule, values in non_public_get_rules(app):
            try:
                url = url_for(rule.endpoint, **values)
            except Exception:  # a converter the walk cannot fill
                continue
            response = client.get(url)
            assert response.status_code == 302, rule.rule
            assert response.headers["Location"].startswith("/logga-in"), rule.rule


@pytest.mark.parametrize("method", ["post"])
def test_anonymous_posts_change_nothing(app, client, method):
    response = client.post("/personer/bjud-in", data={"email": "x@example.org", "name": "X",
                                                      "municipality_id": 1, "roles": ["admin"]})
    assert response.status_code == 302 and "/logga-in" in response.headers["Location"]
