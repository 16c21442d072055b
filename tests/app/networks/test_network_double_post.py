"""Issue 23.5: a form that creates a row without a natural key, posted twice with the same
token (a double click, a resend), makes one row; the second post gets a message."""

import re

from sqlalchemy import func, select

from mentorship.extensions import db
from tests.app.networks.conftest import muni_id


def test_a_new_member_posted_twice_is_saved_once(app, client, auth, nets):
    from mentorship.networks.models import NetworkMember

    auth.login("coord@example.org")
    url = f"/natverk/{nets.net}/medlemmar/ny"
    page = client.get(url).get_data(as_text=True)
    token = re.search(r'name="once" type="hidden" value="([^"]+)"', page)
    assert token, "the form carries its token"
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(NetworkMember))
        data = {"name": "Dubbel Klick", "municipality_id": muni_id("Perstorp"),
                "role_title": "bibliotekarie", "email": "", "once": token.group(1)}
    assert client.post(url, data=data).status_code == 302
    again = client.post(url, data=data)
    assert again.status_code == 303 and again.headers["Location"].endswith(url)
    assert "Formuläret var redan skickat och är sparat en gång." in client.get(url).get_data(
        as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(NetworkMember)) == before + 1
    # A new rendering is a new token: the same person can be added on purpose.
    fresh = re.search(r'name="once" type="hidden" value="([^"]+)"',
                      client.get(url).get_data(as_text=True)).group(1)
    assert fresh != token.group(1)


def test_a_refused_post_can_be_sent_again_with_its_token(app, client, auth, nets):
    from mentorship.networks.models import NetworkMember

    auth.login("coord@example.org")
    url = f"/natverk/{nets.net}/medlemmar/ny"
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(NetworkMember))
        perstorp = muni_id("Perstorp")
    data = {"name": "Rättad Person", "municipality_id": 0, "once": "en-och-samma-token"}
    assert "Välj kommun." in client.post(url, data=data).get_data(as_text=True)
    assert client.post(url, data={**data, "municipality_id": perstorp}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(NetworkMember)) == before + 1
