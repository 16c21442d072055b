"""CSRF as in production, on every state-changing route (the route matrix's targets)."""

from __future__ import annotations

from sqlalchemy import select

from mentorship.extensions import db
from tests.app.route_targets import _targets, _url


def _row_counts(app) -> dict[str, int]:
    from sqlalchemy import func

    with app.app_context():
        return {
            table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables
        }


def test_every_state_changing_route_refuses_a_forged_post_over_https(matrix_app):
    """CSRF as in production (HTTPS, tokens on): every POST route, public ones included,
    refuses a post without the token and one with the token from another site's page, to
    a logged-in admin (who may use every route); nothing is written."""
    import re

    app = matrix_app
    app.config["WTF_CSRF_ENABLED"] = True
    targets = _targets(app)
    base = "https://mentor.example.org"
    client = app.test_client()
    login_page = client.get("/logga-in", base_url=base).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                      r'value="([^"]+)" name="csrf_token"', login_page)
    token = token.group(1) or token.group(2)
    response = client.post(
        "/logga-in", base_url=base, headers={"Referer": f"{base}/logga-in"},
        data={"email": "admin@example.org", "password": "mentorship-demo", "csrf_token": token},
    )
    assert response.status_code == 302, "the admin logs in with the token"
    before = _row_counts(app)
    posts = [r for r in app.url_map.iter_rules() if "POST" in r.methods]
    assert len(posts) > 40
    wrong = []
    for rule in sorted(posts, key=lambda r: r.rule):
        url = _url(app, rule, targets["values"], targets["export_kind"])
        forged = {"role": "admin", "user_id": "1", "email": "x@example.org"}
        without = client.post(url, base_url=base, data=forged,
                              headers={"Referer": f"{base}/"})
        elsewhere = client.post(url, base_url=base, data={**forged, "csrf_token": token},
                                headers={"Referer": "https://evil.example/form"})
        for kind, status in (("no token", without.status_code),
                             ("other site", elsewhere.status_code)):
            if status != 400:
                wrong.append(f"POST {url} ({kind}): {status}, expected 400")
    assert not wrong, "\n".join(wrong)
    assert _row_counts(app) == before
