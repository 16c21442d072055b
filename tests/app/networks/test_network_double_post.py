"""Issue 23.5: a form that creates a row without a natural key, posted twice with the same
token (a double click, a resend), makes one row; the second post gets a message."""

import re

from sqlalchemy import func, select

from mentorship.extensions import db
from tests.app.networks.conftest import muni_id
from tests.said import flashes, refused


def _once_message(app) -> str:
    from mentorship.duplicates import messages

    with app.test_request_context():
        return messages()["uq_form_once_token"]


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
    # The first post's success, then the second's: the form was already saved once.
    shown = flashes(client.get(url))
    assert [kind for kind, _text in shown] == ["success", "error"]
    assert shown[1][1] == _once_message(app)
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
    page = client.post(url, data=data)
    assert page.status_code == 200 and refused(page) == {"municipality_id"}
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(NetworkMember)) == before
    assert client.post(url, data={**data, "municipality_id": perstorp}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(NetworkMember)) == before + 1
