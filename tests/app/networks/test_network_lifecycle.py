"""A network's life through the test client: registered by the secretariat with its start
checklist, the journey from the checklist to aktiv, the coordinator form's refusal of an
unknown account, closing with why (and read-only after), and the fields the secretariat
keeps for the new-network form."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from mentorship.extensions import db
from tests.app.networks.conftest import (
    COORDINATOR,
    REASON,
    YEAR,
    answer_all,
    checklist_rows,
    checklist_shown,
    closed_message,
    expected_missing,
    field_id,
    missing_steps,
    muni_id,
    offers_activation,
    status_label,
)
from tests.said import flashes, refused, summary


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
    assert status_label(app, "active") in html and "Olle Utanför" in html
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
    assert status_label(app, "closed") in html and REASON in html
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


def test_without_fields_the_new_network_form_links_to_the_fields(client, login_as):
    login_as("admin")
    html = client.get("/natverk/ny").get_data(as_text=True)
    select_ = re.search(r'<select[^>]*name="field_id"[^>]*>(.*?)</select>', html, re.S)[1]
    assert select_.count("<option") == 1  # only "choose one": nothing to choose
    assert 'href="/natverk/omraden"' in html


@pytest.mark.wording
def test_without_fields_the_new_network_form_says_what_to_do(client, login_as):
    login_as("admin")
    html = client.get("/natverk/ny").get_data(as_text=True)
    assert "Det finns inga samverkansområden att välja." in html
