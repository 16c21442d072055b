"""Issue 23.1, consent before an account is linked to a network: a coordinator who may not
manage an account (an admin's) can only invite it, in the same words whether the address
has an account or not, and nothing is published until the holder says yes; only the holder
answers an invitation; a coordinator hands over to such an account by consent alone; and
invitations are exported, erased and lapse with the holder's data.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from mentorship.auth.models import User
from mentorship.extensions import db
from tests.app.conftest import ADMIN_EMAIL
from tests.app.networks.conftest import coordinated_network
from tests.said import flashes


def test_a_participant_coordinator_cannot_publish_an_account(app, client, auth, admin,
                                                             make_user):
    from mentorship.mail.models import OutboxMessage
    from mentorship.networks.invitation_models import NetworkInvitation

    coord = make_user("samordnare@example.org", municipality="Bjuv")
    with app.test_request_context():
        network = coordinated_network("Grindnätverket", coord.email)
        db.session.commit()
        network_id = network.id
    auth.login(coord.email)
    answers = []
    for email in (ADMIN_EMAIL, "finns.inte@example.org", ADMIN_EMAIL):
        response = client.post(f"/natverk/{network_id}/medlemmar/ny", data={
            "name": "", "municipality_id": "0", "role_title": "", "email": "",
            "account_email": email}, follow_redirects=True)
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        answers.append(html.split("<main", 1)[1].split("</h1>", 1)[0])
        assert "Ada Admin" not in html and ADMIN_EMAIL not in html
    assert len(set(answers)) == 1, "the answer tells whether the address has an account"
    with app.app_context():
        invitation = db.session.scalar(select(NetworkInvitation))
        assert (invitation.user_id, invitation.kind) == (admin.id, "member")
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.recipient == ADMIN_EMAIL)) == 1  # asked again: no second e-mail
    # Nothing is published until the holder says yes.
    assert "Ada Admin" not in client.get(f"/natverk/{network_id}").get_data(as_text=True)
    auth.logout()
    auth.login(ADMIN_EMAIL)
    page = client.get("/natverk/inbjudningar").get_data(as_text=True)
    assert "Grindnätverket" in page
    response = client.post(f"/natverk/inbjudningar/{invitation.id}/ja")
    assert response.status_code == 302
    assert "Ada Admin" in client.get(f"/natverk/{network_id}").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(NetworkInvitation)) == 0


def test_an_invitation_is_answered_only_by_its_holder(app, client, auth, admin, make_user):
    from mentorship.networks import invitations
    from mentorship.networks.invitation_models import MEMBER, NetworkInvitation
    from mentorship.networks.models import NetworkMember

    coord = make_user("samordnare@example.org", municipality="Bjuv")
    make_user("nyfiken@example.org", municipality="Bjuv")
    with app.test_request_context():
        network = coordinated_network("Samtyckesnätverket", coord.email)
        invitations.invite(db.session.get(User, coord.id), network,
                           invitations.Invite(ADMIN_EMAIL, MEMBER))
        db.session.commit()
        invitation_id = db.session.scalar(select(NetworkInvitation.id))
    auth.login("nyfiken@example.org")
    assert "Samtyckesnätverket" not in client.get("/natverk/inbjudningar").get_data(as_text=True)
    assert client.post(f"/natverk/inbjudningar/{invitation_id}/ja").status_code == 404
    auth.logout()
    auth.login(ADMIN_EMAIL)
    assert client.post(f"/natverk/inbjudningar/{invitation_id}/nej").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(NetworkMember)) == 0
        assert db.session.scalar(select(func.count()).select_from(NetworkInvitation)) == 0


def test_a_coordinator_hands_over_to_someone_they_may_not_manage_only_by_consent(
        app, client, auth, make_user):
    from mentorship.networks.invitations import sent_message
    from mentorship.networks.rights import current_coordinator, get_network

    coord = make_user("samordnare@example.org", municipality="Bjuv")
    heir = make_user("arvtagare@example.org", municipality="Klippan", name="Arvid Arvtagare")
    with app.test_request_context():
        network = coordinated_network("Överlämningsnätverket", coord.email)
        db.session.commit()
        network_id = network.id
    auth.login(coord.email)
    response = client.post(f"/natverk/{network_id}/samordnare", data={"email": heir.email},
                           follow_redirects=True)
    with app.test_request_context():
        neutral = sent_message()  # said whether the address has an account or not
    assert flashes(response) == [("info", neutral)]
    assert heir.name not in response.get_data(as_text=True)
    with app.app_context():
        assert current_coordinator(get_network(None, network_id)).user_id == coord.id
    auth.logout()
    auth.login(heir.email)
    page = client.get("/natverk/inbjudningar").get_data(as_text=True)
    assert "Överlämningsnätverket" in page and "Samordnare" in page
    from mentorship.networks.invitation_models import NetworkInvitation

    with app.app_context():
        invitation_id = db.session.scalar(select(NetworkInvitation.id))
    assert client.post(f"/natverk/inbjudningar/{invitation_id}/ja").status_code == 302
    with app.app_context():
        network = get_network(None, network_id)
        assert current_coordinator(network).user_id == heir.id
        assert [c.user_id for c in network.coordinators if c.ended_on] == [coord.id]


def test_invitations_are_exported_erased_and_lapse(app, make_user):
    from datetime import UTC, datetime

    from mentorship.networks import invitations, privacy
    from mentorship.networks.invitation_models import MEMBER, NetworkInvitation
    from mentorship.privacy.retention import Periods

    coord = make_user("samordnare@example.org", municipality="Bjuv")
    holder = make_user("innehavare@example.org", municipality="Klippan")
    with app.test_request_context():
        network = coordinated_network("Integritetsnätverket", coord.email)
        actor = db.session.get(User, coord.id)
        invitations.invite(actor, network, invitations.Invite(holder.email, MEMBER, "kulturchef"))
        sections = privacy.export(db.session.get(User, holder.id))
        rows = next(s for s in sections if s.key == "nätverk-inbjudningar").data
        assert [(r["nätverk"], r["roll"]) for r in rows] == [("Integritetsnätverket",
                                                              "kulturchef")]
        assert privacy.erase([holder.id]) == {privacy.INVITATIONS: 1}
        invitations.invite(actor, network, invitations.Invite(holder.email, MEMBER))
        now = datetime.now(UTC)
        assert privacy.expire(now, Periods({})).get(privacy.INVITATIONS) is None
        later = now + timedelta(days=invitations.VALID_DAYS + 1)
        assert invitations.pending(db.session.get(User, holder.id))  # still waiting now
        assert privacy.expire(later, Periods({}))[privacy.INVITATIONS] == 1
        assert db.session.scalar(select(func.count()).select_from(NetworkInvitation)) == 0
        db.session.rollback()
