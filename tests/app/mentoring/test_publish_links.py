"""Issue 11.5: publish mails link to BASE_URL whatever Host the coordinator's request had."""

from __future__ import annotations

from tests.app.test_links_from_base_url import (
    BASE,
    HOST,
    _bodies,
    _links,
    login_on_forged_host,
)


def test_publish_mails_link_to_the_base_url(app, client, auth, build_round, admin_user):
    app.config["BASE_URL"] = BASE
    r = build_round(pairs=2)
    login_on_forged_host(client, admin_user.email)
    client.post(
        f"/mentorskap/omgangar/{r.id}/matchning/kor",
        data={"min_score": "0", "w_business_area": "30", "w_goals": "40", "w_experience": "20",
              "w_gender": "10", "w_distance": "20"},
        headers=HOST,
    )
    assert client.post(f"/mentorskap/omgangar/{r.id}/publicera", headers=HOST).status_code \
        == 302
    bodies = [b for b in _bodies(app) if "/mentorskap" in b]
    links = _links(bodies)
    assert len(bodies) == 4 and links
    assert all(link.startswith(BASE + "/mentorskap/") for link in links), links
