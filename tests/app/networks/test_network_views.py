"""The register through the test client: who reads what, who edits what, the journeys
from registering to aktiv and closed, and the list's query budget."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from mentorship.extensions import db
from tests.app.networks.conftest import (
    COORDINATOR,
    answer_all,
    checklist_rows,
    checklist_shown,
    closed_message,
    expected_missing,
    field_id,
    full_plan,
    missing_steps,
    muni_id,
    offers_activation,
)
from tests.said import cards, flashes, refused, summary

YEAR = date.today().year
PLAN = full_plan()  # test data: the plan's texts
#: Test data: why the network closes, and an earlier year's purpose.
REASON = "Uppdraget är slutfört."
LAST_YEARS_PURPOSE = "Förra årets syfte"
HISTORY = 'id="coordinator-history"'  # the members' part of the page: coordinators over time


def _status(app, code: str) -> str:
    """A status's label, from the code."""
    from mentorship.networks.labels import status_labels

    with app.test_request_context():
        return status_labels()[code]


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
    assert _status(app, "starting") in row  # the network's status in its row
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


def _register(app, client, name: str) -> int:
    with app.app_context():
        social = field_id("Socialtjänst")
    response = client.post("/natverk/ny", data={"name": name, "field_id": social})
    assert response.status_code == 302
    from mentorship.networks.models import Network

    with app.app_context():
        network_id = db.session.scalar(select(Network.id).where(Network.name == name))
    assert response.headers["Location"] == f"/natverk/{network_id}"
    return network_id


def test_a_registered_network_shows_its_start_checklist(app, client, auth, nets, load):
    auth.login("admin@example.org")
    network_id = _register(app, client, "Trygghetsnätverket")
    with app.test_request_context():
        from mentorship.networks.checklist import start_checklist

        net = load(network_id)
        assert net.status == "starting" and len(net.municipalities) == 11
        steps = [(s.done, s.label) for s in start_checklist(net, YEAR).steps]
    # The page shows the service's steps, none of them done (no one invited yet).
    shown = checklist_shown(client.get(f"/natverk/{network_id}"))
    assert [done for done, _line in shown] == [done for done, _label in steps] == [False] * 8
    assert all(line.endswith(label) for (_d, line), (_d2, label) in zip(shown, steps,
                                                                         strict=True))
    checklist = client.get(f"/natverk/{network_id}/startchecklista").get_data(as_text=True)
    # Swedish order: Å, Ä, Ö last and in that order (a code-point sort puts Ä before Å).
    assert (checklist.index("Svalöv") < checklist.index("Åstorp")
            < checklist.index("Ängelholm") < checklist.index("Örkelljunga"))


def test_journey_register_checklist_activate(app, client, auth, nets, load):
    from mentorship.networks.checklist import start_checklist

    auth.login("admin@example.org")
    network_id = _register(app, client, "Trygghetsnätverket")
    with app.app_context():
        ids = sorted(m for m in (muni_id(n) for n in (
            "Bjuv", "Båstad", "Helsingborg", "Höganäs", "Klippan", "Landskrona", "Perstorp",
            "Svalöv", "Åstorp", "Ängelholm", "Örkelljunga")))
    yes = ids[:6]
    response = client.post(f"/natverk/{network_id}/startchecklista", data=checklist_rows(
        ids, invited=ids, answers={**dict.fromkeys(yes, "yes"), **dict.fromkeys(ids[6:8], "no")},
        management=yes, told=ids[:8]))
    assert response.status_code == 302
    # Only the plan and the coordinator are missing, and the page says so before any button.
    page = client.get(f"/natverk/{network_id}/aktivera")
    missing = expected_missing(app, load, network_id)
    with app.test_request_context():
        coordinator_step = start_checklist(load(network_id), YEAR).steps[COORDINATOR].label
    assert len(missing) == 4 and coordinator_step in missing
    assert missing_steps(page) == missing and not offers_activation(page)
    client.post(f"/natverk/{network_id}/plan/{YEAR}", data={
        "purpose": "Ett tryggare nordvästra Skåne.", "goals": "Gemensam lägesbild.",
        "meeting_frequency": "Varannan månad", "meeting_place": "Helsingborg",
        "meeting_lead": "Samordnaren"})
    client.post(f"/natverk/{network_id}/samordnare", data={"email": "outsider@example.org"})
    assert expected_missing(app, load, network_id) == []
    assert client.post(f"/natverk/{network_id}/aktivera").status_code == 302
    with app.app_context():
        net = load(network_id)
        assert net.status == "active" and net.activated_on == date.today()
        assert net.coordinators[0].user.name == "Olle Utanför"
    html = client.get(f"/natverk/{network_id}").get_data(as_text=True)
    assert _status(app, "active") in html and "Olle Utanför" in html
    assert "Ja</td>" in html


def test_the_coordinator_form_refuses_an_unknown_account_on_its_field(
    app, client, auth, nets, load
):
    from mentorship.people.gate import refusal

    auth.login("admin@example.org")
    bad = client.post(f"/natverk/{nets.net}/samordnare", data={"email": "nobody@example.org"})
    assert bad.status_code == 200 and refused(bad) == {"email"}
    with app.test_request_context():
        no_account = refusal()
    assert any(item.endswith(no_account) for item in summary(bad))  # the gate's own words
    with app.app_context():
        assert [c.user.email for c in load(nets.net).coordinators] == ["coord@example.org"]


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


def test_closing_records_why_and_stays_readable(app, client, auth, nets, load):
    with app.app_context():
        answer_all(load(nets.net), yes=2)
        db.session.commit()
        bjuv, bastad = muni_id("Bjuv"), muni_id("Båstad")
    auth.login("coord@example.org")
    page = client.post(f"/natverk/{nets.net}/avsluta", data={
        "reason": REASON, "informed": [bjuv], "secretariat_informed": "y"})
    # Båstad said yes but was not told: refused on that field, naming Båstad.
    assert page.status_code == 200 and refused(page) == {"informed"}
    (item,) = summary(page)
    assert "Båstad" in item and "Bjuv" not in item
    with app.app_context():
        assert load(nets.net).status == "starting"
    response = client.post(f"/natverk/{nets.net}/avsluta", data={
        "reason": REASON, "informed": [bjuv, bastad], "secretariat_informed": "y"})
    assert response.status_code == 302
    with app.app_context():
        net = load(nets.net)
        assert (net.status, net.close_reason, net.closed_on) == ("closed", REASON, date.today())
    # The coordinator's assignment ended; the secretariat and members still read it.
    assert client.get(f"/natverk/{nets.net}/plan/{YEAR}").status_code == 404
    auth.logout()
    auth.login("admin@example.org")
    html = client.get(f"/natverk/{nets.net}").get_data(as_text=True)
    assert _status(app, "closed") in html and REASON in html
    assert f'href="/natverk/{nets.net}/avsluta"' not in html
    page = client.post(f"/natverk/{nets.net}/plan/{YEAR}", data={"purpose": "Nytt"},
                       follow_redirects=True)
    with app.test_request_context():
        assert flashes(page) == [("error", closed_message())]
    with app.app_context():
        assert load(nets.net).plans == []


def test_fields_list_is_editable(app, client, auth, nets):
    auth.login("admin@example.org")
    assert client.post("/natverk/omraden", data={"name": "Kultur"}).status_code == 302
    again = client.post("/natverk/omraden", data={"name": "kultur"})
    assert again.status_code == 200 and refused(again) == {"name"}
    with app.app_context():
        from mentorship.networks.models import NetworkField

        assert db.session.scalar(select(func.count()).select_from(NetworkField).where(
            func.lower(NetworkField.name) == "kultur")) == 1
        culture = field_id("Kultur")
    client.post(f"/natverk/omraden/{culture}/avveckla", follow_redirects=True)
    form = client.get("/natverk/ny").get_data(as_text=True)
    assert "Kultur" not in form and "Miljö" in form


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


def test_without_fields_the_new_network_form_links_to_the_fields(client, login_as):
    login_as("admin")
    html = client.get("/natverk/ny").get_data(as_text=True)
    select_ = re.search(r'<select[^>]*name="field_id"[^>]*>(.*?)</select>', html, re.S)[1]
    assert select_.count("<option") == 1  # only "choose one": nothing to choose
    assert 'href="/natverk/omraden"' in html


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


@pytest.mark.wording
def test_without_fields_the_new_network_form_says_what_to_do(client, login_as):
    login_as("admin")
    html = client.get("/natverk/ny").get_data(as_text=True)
    assert "Det finns inga samverkansområden att välja." in html
