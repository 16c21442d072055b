"""Access control, proven: every route x every role, with another municipality's and
another person's records as targets.

Roles: anonymous, a participant of Bjuv, the HR contact of Bjuv, an admin. Targets: a
participant of Klippan with an enrolment, a pair, talks and a trainee placement that are
not the Bjuv participant's. Each cell states the expected status; every refused response
is checked for the target person's name and e-mail (no data of the denied kind leaks).
The table of expected statuses is tests/app/route_expectations.py; the targets, their
URLs and the clients, tests/app/route_targets.py.
"""

from __future__ import annotations

import os

from mentorship.access import PUBLIC, policy_of
from tests.app.route_expectations import EXPECTED, ROLES
from tests.app.route_targets import _client_for, _participant_of_bjuv, _targets, _url


def test_every_route_has_an_expectation(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    get_endpoints = {r.endpoint for r in app.url_map.iter_rules() if "GET" in r.methods}
    assert get_endpoints - set(EXPECTED) == set(), "add these endpoints to EXPECTED"
    assert set(EXPECTED) - endpoints == set(), "stale endpoints in EXPECTED"


def test_role_by_route_matrix(matrix_app, queries_while_rendering):
    app = matrix_app
    targets = _targets(app)
    participant = _participant_of_bjuv(app)
    clients = {role: _client_for(app, role, participant) for role in ROLES}
    with queries_while_rendering() as in_templates:
        _walk_matrix(app, targets, clients)
    assert not in_templates, "queries from templates:\n" + "\n".join(sorted(set(in_templates)))


def _walk_matrix(app, targets, clients) -> None:
    observed, wrong, leaks = {}, [], []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods:
            continue
        url = _url(app, rule, targets["values"], targets["export_kind"])
        row = []
        for index, role in enumerate(ROLES):
            response = clients[role].get(url)
            row.append(response.status_code)
            expected = EXPECTED[rule.endpoint][index]
            if response.status_code != expected:
                wrong.append(f"{role:11s} GET {url}: {response.status_code}, expected {expected}")
            if response.status_code in (302, 403, 404):
                body = response.get_data(as_text=True)
                for secret in (
                    targets["person_name"],
                    targets["person_email"],
                    targets["trainee_name"],
                ):
                    if secret in body:
                        leaks.append(f"{role} GET {url} shows {secret!r} in a refusal")
        observed[rule.endpoint] = tuple(row)
    if os.environ.get("MATRIX_PRINT"):
        for endpoint, row in sorted(observed.items()):
            print(endpoint, row)
    assert not wrong, "\n".join(wrong)
    assert not leaks, "\n".join(leaks)


def test_state_changing_routes_refuse_the_wrong_people(matrix_app):
    """POST to every route as every role that may not use it: refused, nothing leaks."""
    app = matrix_app
    targets = _targets(app)
    participant = _participant_of_bjuv(app)
    clients = {role: _client_for(app, role, participant) for role in ROLES}
    wrong = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "POST" not in rule.methods:
            continue
        kind, allowed = policy_of(app.view_functions[rule.endpoint])
        if kind == PUBLIC:
            continue
        url = _url(app, rule, targets["values"], targets["export_kind"])
        for role in ("anonymous", "participant", "hr"):
            may = role != "anonymous" and (not allowed or role in allowed)
            if may:
                continue
            status = clients[role].post(url, data={"role": "admin", "user_id": 1}).status_code
            expected = 302 if role == "anonymous" else 403
            if status != expected:
                wrong.append(f"{role} POST {url}: {status}, expected {expected}")
    assert not wrong, "\n".join(wrong)

