"""The register through the test client, a network under way: who reads what and who edits
what, members added, edited, leaving and marked gone, this year's plan started from last
year's and its start-page card, unknown ids and filters as 404s, the list's query budget and
the pages' words. Registering, activating, closing and the fields are in
test_network_lifecycle.py."""

from __future__ import annotations

from datetime import date

import pytest

from mentorship.extensions import db
from tests.app.networks.conftest import (
    REASON,
    YEAR,
    answer_all,
    checklist_shown,
    field_id,
    full_plan,
    muni_id,
    status_label,
)
from tests.said import cards, flashes, refused, summary

PLAN = full_plan()  # test data: the plan's texts
#: Test data: an earlier year's purpose.
LAST_YEARS_PURPOSE = "Förra årets syfte"
HISTORY = 'id="coordinator-history"'  # the members' part of the page: coordinators over time


def _member_id(app, load, network_id: int, name: str) -> int:
    with app.app_context():
        return next(m for m in load(network_id).members if m.name == name).id


def _with_plan(app, load, network_id: int) -> None:
    from mentorship.networks.services import save_plan

    with app.app_context():
        save_plan(None, load(network_id), YEAR, full_plan())
        db.session.commit()


def test_every_logged_in_user_reads_purpose_and_contacts_only(app, client, auth, nets, load):
    _with_plan(app, load, nets.net)
    assert client.get(f"/natverk/{nets.net}").status_code == 302  # anonymous: to the login
    auth.login("outsider@example.org")
    html = client.get(f"/natverk/{nets.net}").get_data(as_text=True)
    assert PLAN.purpose in html  # the purpose
    assert "member@example.org" in html and "kim@example.org" in html  # contacts
    assert "Cora Samordnare" in html and "coord@example.org" in html
    assert PLAN.goals not in html  # goals: members only
    assert HISTORY not in html
    index = client.get("/natverk/").get_data(as_text=True)
    row = index.split(">Biblioteksnätverket</a>", 1)[1].split("</tr>", 1)[0]
    assert status_label(app, "starting") in row  # the network's status in its row
    maja = _member_id(app, load, nets.net, "Maja Medlem")
    auth.logout()
    auth.login("member@example.org")
    html = client.get(f"/natverk/{nets.net}").get_data(as_text=True)
    assert PLAN.goals in html and PLAN.meeting_frequency in html and HISTORY in html
    assert f'href="/natverk/{nets.net}/medlemmar/{maja}/lamna"' in html  # to leave
    assert f"/natverk/{nets.net}/plan/{YEAR}" not in html  # a member does not edit


def test_a_coordinator_edits_only_their_own_network(app, client, auth, nets):
    auth.login("coord@example.org")
    assert client.get(f"/natverk/{nets.net}/plan/{YEAR}").status_code == 200
    for url in (
        f"/natverk/{nets.other}/plan/{YEAR}",
        f"/natverk/{nets.other}/andra",
        f"/natverk/{nets.other}/startchecklista",
        f"/natverk/{nets.other}/samordnare",
        f"/natverk/{nets.other}/medlemmar/ny",
        f"/natverk/{nets.other}/avsluta",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/natverk/ny").status_code == 403  # registering is the secretariat's
    response = client.post(
        f"/natverk/{nets.other}/plan/{YEAR}", data={"purpose": "Kapat syfte"}
    )
    assert response.status_code == 404
    auth.logout()
    auth.login("member@example.org")
    assert client.get(f"/natverk/{nets.net}/plan/{YEAR}").status_code == 404


def test_members_are_added_edited_and_leave(app, client, auth, nets, load):
    auth.login("coord@example.org")
    response = client.post(f"/natverk/{nets.net}/medlemmar/ny", data={
        "name": "Rut Ny", "municipality_id": muni_id_in(app, "Perstorp"),
        "role_title": "bibliotekarie", "email": "rut@example.org"})
    assert response.status_code == 302
    empty = client.post(f"/natverk/{nets.net}/medlemmar/ny", data={"name": ""})
    assert empty.status_code == 200 and refused(empty) == {"name"}
    with app.app_context():
        net = load(nets.net)
        assert len(net.members) == 3  # Kim, Maja and Rut; nothing from the empty form
        rut = next(m for m in net.members if m.name == "Rut Ny")
        maja = next(m for m in net.members if m.name == "Maja Medlem")
        rut_id, maja_id = rut.id, maja.id
    client.post(f"/natverk/{nets.net}/medlemmar/{rut_id}", data={
        "name": "Rut Ny", "municipality_id": muni_id_in(app, "Perstorp"),
        "role_title": "bibliotekschef", "email": "rut.ny@example.org"})
    assert "rut.ny@example.org" in client.get(f"/natverk/{nets.net}").get_data(as_text=True)
    auth.logout()
    auth.login("member@example.org")
    # A member may not mark someone else as gone, but may leave.
    assert client.get(f"/natverk/{nets.net}/medlemmar/{rut_id}/lamna").status_code == 404
    assert client.get(f"/natverk/{nets.net}/medlemmar/{maja_id}/lamna").status_code == 200
    assert client.post(f"/natverk/{nets.net}/medlemmar/{maja_id}/lamna").status_code == 302
    html = client.get(f"/natverk/{nets.net}").get_data(as_text=True)
    members = html.split("Medlemmar (")[1].split("</table>")[0]
    assert members.startswith("2)") and "Maja Medlem" not in members  # no longer a contact
    assert f"/medlemmar/{maja_id}/lamna" not in html and HISTORY not in html  # nor a reader
    assert client.get(f"/natverk/{nets.net}/medlemmar/{maja_id}/lamna").status_code == 404


def muni_id_in(app, name: str) -> int:
    with app.app_context():
        return muni_id(name)


def test_the_list_loads_in_a_fixed_number_of_queries(app, client, auth, nets, count_queries):
    from mentorship.networks.services import NetworkData, save_network

    auth.login("outsider@example.org")
    client.get("/natverk/")
    with count_queries() as few:
        assert client.get("/natverk/").status_code == 200
    with app.app_context():
        for i in range(15):
            save_network(None, NetworkData(f"Nätverk {i}", field_id("HR")))
        db.session.commit()
    with count_queries() as many:
        assert client.get("/natverk/").status_code == 200
    assert many.count == few.count
    with count_queries() as page:
        client.get(f"/natverk/{nets.net}")
    assert page.count < 20


def test_a_new_year_starts_from_last_years_plan(app, client, auth, nets, load):
    from mentorship.networks.services import PlanData, save_plan

    with app.app_context():
        save_plan(None, load(nets.net), YEAR - 1,
                  PlanData(LAST_YEARS_PURPOSE, "Mål", "", "", ""))
        db.session.commit()
    auth.login("coord@example.org")
    page = client.get(f"/natverk/{nets.net}/plan/{YEAR}").get_data(as_text=True)
    assert LAST_YEARS_PURPOSE in page  # the form starts from it
    html = client.get(f"/natverk/{nets.net}").get_data(as_text=True)
    # The page shows last year's purpose, noting which year it is from.
    assert LAST_YEARS_PURPOSE in html and f'data-purpose-year="{YEAR - 1}"' in html


def test_the_coordinator_marks_a_member_as_gone(app, client, auth, nets, load):
    from tests.said import confirm_actions

    kim = _member_id(app, load, nets.net, "Kim Extern")
    url = f"/natverk/{nets.net}/medlemmar/{kim}/lamna"
    auth.login("coord@example.org")
    page = client.get(url)
    assert confirm_actions(page) == [url] and "Kim Extern" in page.get_data(as_text=True)
    with app.app_context():
        assert next(m for m in load(nets.net).members if m.id == kim).left_on is None
    response = client.post(url)
    assert response.headers["Location"] == f"/natverk/{nets.net}"
    ((kind, text),) = flashes(client.get(response.headers["Location"]))
    assert kind == "success" and "Kim Extern" in text and "Biblioteksnätverket" in text
    with app.app_context():
        assert next(m for m in load(nets.net).members if m.id == kim).left_on == date.today()


def test_unknown_ids_years_and_filters_are_404s_or_ignored(client, auth, nets):
    auth.login("admin@example.org")
    for url, expected in (
        ("/natverk/?field=abc&status=zzz", 200),
        ("/natverk/99999", 404),
        ("/natverk/enkater/99999/resultat", 404),
        (f"/natverk/{nets.net}/plan/3000", 404),
        ("/natverk/saknas?year=1800", 404),
        ("/natverk/enkater/99999/svara/1", 404),
        ("/natverk/omraden/99999", 404),
        (f"/natverk/{nets.net}/medlemmar/99999", 404),
    ):
        assert client.get(url).status_code == expected, url


def test_the_coordinators_start_page_says_when_this_years_plan_is_missing(
    app, client, auth, nets, load
):
    def plan_cards():
        return [(link, title) for link, title, _text in cards(client.get("/"))
                if "/plan/" in link]

    auth.login("coord@example.org")
    ((link, title),) = plan_cards()  # theirs only, not Miljönätverket's
    assert link == f"/natverk/{nets.net}/plan/{YEAR}" and "Biblioteksnätverket" in title
    _with_plan(app, load, nets.net)
    assert plan_cards() == []
    auth.logout()
    auth.login("member@example.org")
    assert plan_cards() == []


@pytest.mark.wording
def test_the_network_pages_words(app, client, auth, nets, load):
    """A step missing on the network's page, last year's purpose noted as such, the member
    marked as gone (the question and the message), a start-page card, the refusals of an
    empty member, a field's name taken and a closing with someone not told."""
    from mentorship.networks.services import PlanData, save_plan

    with app.app_context():
        save_plan(None, load(nets.net), YEAR - 1, PlanData(LAST_YEARS_PURPOSE, "", "", "", ""))
        db.session.commit()
    auth.login("coord@example.org")
    html = client.get(f"/natverk/{nets.net}").get_data(as_text=True)
    assert checklist_shown(html)[0] == (
        False, "Saknas: Alla 11 medlemskommuner är inbjudna (0 av 11).")
    assert f"Syftet för {YEAR - 1}. Syftet för i år är inte ifyllt än." in html
    assert ("Biblioteksnätverket: årets plan är inte klar"
            in [title for _link, title, _text in cards(client.get("/"))])
    kim = _member_id(app, load, nets.net, "Kim Extern")
    url = f"/natverk/{nets.net}/medlemmar/{kim}/lamna"
    assert "Har Kim Extern lämnat Biblioteksnätverket?" in client.get(url).get_data(as_text=True)
    client.post(url)
    assert flashes(client.get(f"/natverk/{nets.net}")) == [
        ("success", "Kim Extern har lämnat Biblioteksnätverket.")]
    empty = client.post(f"/natverk/{nets.net}/medlemmar/ny", data={"name": ""})
    assert "Namn: Fyll i namnet eller ett konto." in summary(empty)
    with app.app_context():
        answer_all(load(nets.net), yes=2)
        db.session.commit()
        bjuv = muni_id("Bjuv")
    page = client.post(f"/natverk/{nets.net}/avsluta", data={
        "reason": REASON, "informed": [bjuv], "secretariat_informed": "y"})
    assert summary(page) == [
        "Ledningen har fått besked i: Ledningen i varje medlemskommun ska ha fått besked. "
        "Saknas: Båstad."]
    auth.logout()
    auth.login("admin@example.org")
    client.post("/natverk/omraden", data={"name": "Kultur"})
    again = client.post("/natverk/omraden", data={"name": "kultur"})
    assert summary(again) == ["Namn: Det finns redan ett samverkansområde med det namnet."]
