"""Issue 11.2 and 11.4: the login throttle's buckets cannot be moved by the client.

The address bucket follows the address the trusted proxies saw (MENTORSHIP_TRUSTED_PROXIES,
werkzeug's ProxyFix), never a header a client forged; the account bucket is keyed on the
address the login itself read, whether the body was a form or JSON.
"""

from __future__ import annotations

import re

from tests.conftest import DEMO_PASSWORD
from tests.said import form_refused, refused

PROXY = "127.0.0.1"


def _wrong_login(client, n: int, forwarded: str | None, remote: str = PROXY):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return client.post(
        "/logga-in",
        data={"email": f"nobody{n}@example.org", "password": "wrong"},
        headers=headers,
        environ_base={"REMOTE_ADDR": remote},
    )


def test_without_trusted_proxies_a_forged_header_does_not_move_the_bucket(app, client):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "3 per 15 minutes"
    assert app.config["TRUSTED_PROXIES"] == 0  # the default
    for n in range(3):
        assert _wrong_login(client, n, f"10.0.0.{n}", remote="198.51.100.7").status_code == 200
    assert _wrong_login(client, 9, "10.0.0.99", remote="198.51.100.7").status_code == 429
    # Another client (another socket address) is not affected.
    assert _wrong_login(client, 10, None, remote="198.51.100.8").status_code == 200


def test_behind_one_proxy_each_client_has_its_own_bucket(app, client, make_user):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "3 per 15 minutes"
    app.config["TRUSTED_PROXIES"] = 1
    make_user("kim@example.org")
    # One attacker behind the proxy, forging what comes before the proxy's own entry.
    for n in range(3):
        forged = f"10.0.0.{n}, 203.0.113.5"
        assert _wrong_login(client, n, forged).status_code == 200
    assert _wrong_login(client, 9, "10.9.9.9, 203.0.113.5").status_code == 429
    # Everyone else behind the same proxy logs in as usual.
    ok = client.post(
        "/logga-in",
        data={"email": "kim@example.org", "password": DEMO_PASSWORD},
        headers={"X-Forwarded-For": "203.0.113.77"},
        environ_base={"REMOTE_ADDR": PROXY},
    )
    assert ok.status_code == 302


def _csrf_token(client) -> str:
    html = client.get("/logga-in").get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"',
                     html).group(1)


def test_a_json_login_counts_against_the_same_account(app, client, make_user):
    app.config["WTF_CSRF_ENABLED"] = True
    make_user("kim@example.org")
    token = _csrf_token(client)
    for _ in range(5):
        response = client.post(
            "/logga-in",
            json={"email": "Kim@Example.org ", "password": "wrong"},
            headers={"X-CSRFToken": token},
        )
        assert response.status_code == 200
        # The password was checked and refused (the form's message; the address was read).
        assert form_refused(response) and refused(response) == set()
    for body in ({"json": {"email": "kim@example.org", "password": DEMO_PASSWORD}},
                 {"data": {"email": "kim@example.org", "password": DEMO_PASSWORD,
                           "csrf_token": token}}):
        response = client.post("/logga-in", headers={"X-CSRFToken": token}, **body)
        assert response.status_code == 429, body


def test_a_json_body_a_form_could_not_have_sent_is_a_400_not_an_error(app, client):
    for body in ({"email": 5, "password": "x"}, {"email": ["a@example.org"], "password": "x"},
                 ["a@example.org"], "x"):
        assert client.post("/logga-in", json=body).status_code == 400, body
    assert client.post("/logga-in", data="{", content_type="application/json").status_code == 400
