"""Issue 23.1 in a real browser: the coordinator of the HR network (an HR contact) links
an account they may not manage (an admin's), so its holder is asked first; the admin finds
the invitation, accepts it and is listed. Every page passes axe, the empty state too."""

from tests.e2e.conftest import axe_check, flash_kinds, follow, from_db, login, logout
from tests.said import flashes

NETWORK = "Nätverket för HR-ansvariga"


def _admin_in_network(app) -> tuple[int, list[int], bool]:
    """The network's id, the ids of the admin's invitations to it, and whether the admin
    is a member."""
    from sqlalchemy import select

    from mentorship.auth.models import User
    from mentorship.networks.invitation_models import NetworkInvitation
    from mentorship.networks.models import Network, NetworkMember

    def read(session):
        network_id = session.scalar(select(Network.id).where(Network.name == NETWORK))
        admin_id = session.scalar(select(User.id).where(User.email == "admin@example.org"))
        invited = list(session.scalars(select(NetworkInvitation.id).where(
            NetworkInvitation.network_id == network_id, NetworkInvitation.user_id == admin_id)))
        member = session.scalar(select(NetworkMember.id).where(
            NetworkMember.network_id == network_id, NetworkMember.user_id == admin_id,
            NetworkMember.left_on.is_(None))) is not None
        return network_id, invited, member

    return from_db(app, read)


def _sent_message(app) -> str:
    """What a coordinator is told whether the address has an account or not."""
    from mentorship.networks.invitations import sent_message

    with app.test_request_context():
        return sent_message()


def test_an_account_joins_a_network_only_when_its_holder_accepts(live_server, page):
    app, base = live_server.app, live_server.url
    network_id, invited, member = _admin_in_network(app)
    assert (invited, member) == ([], False)
    login(page, base, "hr.helsingborg@example.org", then="/natverk/")
    follow(page.get_by_role("link", name=NETWORK).first)
    follow(page.get_by_role("link", name="Lägg till medlem"))
    page.get_by_label("Konto (e-postadress)").fill("admin@example.org")
    follow(page.get_by_role("button", name="Spara"))
    assert page.url == f"{base}/natverk/{network_id}"
    # the same answer as for an address without an account: nothing given away
    assert flashes(page.content()) == [("info", _sent_message(app))]
    _id, invited, member = _admin_in_network(app)
    assert len(invited) == 1 and not member  # asked, not yet a member
    axe_check(page, "nätverket efter en inbjudan")
    logout(page)

    login(page, base, "admin@example.org", then="/natverk/")
    follow(page.locator("main a[href='/natverk/inbjudningar']"))
    axe_check(page, "inbjudningar till nätverk")
    follow(page.locator(f"form[action='/natverk/inbjudningar/{invited[0]}/ja'] button"))
    assert page.url == f"{base}/natverk/{network_id}"
    assert flash_kinds(page) == ["success"]
    assert _admin_in_network(app) == (network_id, [], True)
    page.goto(f"{base}/natverk/inbjudningar")
    assert page.locator("main form[action^='/natverk/inbjudningar/']").count() == 0
    axe_check(page, "inga inbjudningar")
    assert not page.console_errors, page.console_errors
