"""The register as people read the checklist: one row per municipality (so no two lists
contradict each other), what is missing listed before the activation button, a closed
network read-only on every page that changes it and keeping its last coordinator, and a
network started in December planning next year."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from mentorship.extensions import db
from tests.app.networks.conftest import (
    PURPOSE,
    TOLD,
    answer_all,
    checklist_rows,
    closed_message,
    expected_missing,
    full_plan,
    missing_steps,
    muni_id,
    offers_activation,
    user,
)
from tests.said import flashed, flashes, form_refused, refused, summary

NAMES = ("Bjuv", "Båstad", "Helsingborg", "Höganäs", "Klippan", "Landskrona", "Perstorp",
         "Svalöv", "Åstorp", "Ängelholm", "Örkelljunga")


def _ids(app) -> list[int]:
    with app.app_context():
        return [muni_id(n) for n in NAMES]


def test_the_checklist_is_one_row_per_municipality(app, client, auth, nets, load):
    ids = _ids(app)
    auth.login("coord@example.org")
    url = f"/natverk/{nets.net}/startchecklista"
    html = client.get(url).get_data(as_text=True)
    assert html.count('<tr>\n      <th scope="row">') == 11
    for field in ("invited", "said_yes", "said_no", "management"):
        assert f'name="{field}"' not in html  # no separate lists any more
    # One row per municipality in Swedish order, its answer's select labelled by its name.
    rows = re.findall(r'<th scope="row">([^<]*)<input id="rows-(\d+)-municipality_id"', html)
    assert [name for name, _i in rows] == list(NAMES)
    labels = dict(re.findall(r'<label for="rows-(\d+)-answer"[^>]*>([^<]*)</label>', html))
    assert all(name in labels[i] for name, i in rows)
    # No answer yet in any row.
    assert html.count('<option selected value="">') + html.count(
        '<option value="" selected>') == 11
    # a municipality's answer is one value: ja, nej or inte svarat; answering is invited
    response = client.post(url, data=checklist_rows(
        ids, answers={ids[0]: "yes", ids[1]: "no"}, invited=ids[2:4], management=ids[:1],
        told=ids[:1]))
    assert response.status_code == 302
    with app.app_context():
        rows = {nm.municipality.name: nm for nm in load(nets.net).municipalities}
        assert (rows["Bjuv"].answer, rows["Båstad"].answer, rows["Helsingborg"].answer) == (
            "yes", "no", None)
        assert all(rows[n].invited_on is not None for n in NAMES[:4])
        assert all(rows[n].invited_on is None for n in NAMES[4:])
        assert rows["Bjuv"].management_asked and not rows["Båstad"].management_asked
        # told the secretariat: a column of the same row, not a list of its own
        assert rows["Bjuv"].secretariat_told and not rows["Båstad"].secretariat_told
        assert load(nets.net).secretariat_informed_on is None  # Båstad answered, not told
    html = client.get(url).get_data(as_text=True)
    assert html.count('<option selected value="yes">') + html.count(
        '<option value="yes" selected>') == 1
    bad = client.post(url, data=checklist_rows(ids, answers={ids[0]: "kanske"}))
    assert bad.status_code == 200 and form_refused(bad)
    # the refusal is on the row's own answer, linked from the summary, and on no other row
    assert refused(bad) == {"rows-0-answer"}
    assert len(summary(bad)) == 1 and "{" not in summary(bad)[0]
    with app.app_context():
        rows = {nm.municipality.name: nm for nm in load(nets.net).municipalities}
        assert (rows["Bjuv"].answer, rows["Båstad"].answer) == ("yes", "no")  # unchanged


def test_activation_lists_what_is_missing_before_the_button(app, client, auth, nets, load):
    auth.login("coord@example.org")
    url = f"/natverk/{nets.net}/aktivera"
    html = client.get(url).get_data(as_text=True)
    missing = expected_missing(app, load, nets.net)
    assert len(missing) == 7 and missing_steps(html) == missing  # the service's list, in order
    with app.test_request_context():
        from mentorship.networks.checklist import start_checklist

        told = start_checklist(load(nets.net), date.today().year).steps[TOLD].label
    assert told in missing and not offers_activation(html)
    assert f'href="/natverk/{nets.net}/startchecklista"' in html
    from mentorship.networks.checklist import set_secretariat_informed
    from mentorship.networks.services import save_plan, today

    with app.app_context():
        net = load(nets.net)
        answer_all(net, yes=6)
        save_plan(None, net, today().year, full_plan())
        set_secretariat_informed(None, net, True, today())
        db.session.commit()
    html = client.get(url).get_data(as_text=True)
    assert expected_missing(app, load, nets.net) == []
    assert missing_steps(html) == [] and offers_activation(html)
    assert client.post(url).status_code == 302
    with app.app_context():
        assert load(nets.net).status == "active"


def test_a_refused_activation_is_shown_above_the_checklist_once(app, client, auth, nets, load):
    auth.login("coord@example.org")
    from mentorship.networks.checklist import activate
    from mentorship.refusals import ServiceError

    with app.test_request_context():  # the words the service refuses with
        with pytest.raises(ServiceError) as err:
            activate(None, load(nets.net), date.today())
    response = client.post(f"/natverk/{nets.net}/aktivera")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and form_refused(html)
    # Above the checklist once, in the form's summary; not flashed as well.
    assert summary(html) == [err.value.message] and flashed(html) == []
    with app.app_context():
        assert load(nets.net).status == "starting"


@pytest.mark.wording
def test_the_activation_and_checklist_pages_words(app, client, auth, nets, load):
    """What is missing counted in the heading, the confirmation's button, each answer's
    label naming its municipality, and the read-only words of a closed network."""
    from mentorship.networks.services import save_plan

    auth.login("coord@example.org")
    html = client.get(f"/natverk/{nets.net}/aktivera").get_data(as_text=True)
    assert "Det här saknas innan nätverket kan bli aktivt (7 saker)" in html
    assert "Svar från Örkelljunga" in client.get(
        f"/natverk/{nets.net}/startchecklista").get_data(as_text=True)
    with app.app_context():
        net = load(nets.net)
        answer_all(net, yes=6)
        save_plan(None, net, date.today().year, full_plan())
        db.session.commit()
    html = client.get(f"/natverk/{nets.net}/aktivera").get_data(as_text=True)
    assert "Ja, gör nätverket aktivt" in html
    with app.test_request_context():
        assert closed_message() == "Nätverket är avslutat och kan bara läsas."


def _close(app, load, network_id: int) -> None:
    from mentorship.networks.checklist import Closing, close
    from mentorship.networks.services import today

    with app.app_context():
        net = load(network_id)
        answer_all(net, yes=0)
        close(None, net, Closing("Uppdraget är slutfört.", frozenset(), True), today())
        db.session.commit()


# Every page of a network that changes it; a closed network offers none of them.
CHANGING = ("networks.new_member", "networks.edit_member", "networks.leave", "networks.edit",
            "networks.checklist", "networks.activate", "networks.close", "networks.plan",
            "networks.coordinator")
READING = ("networks.show", "networks.network_results", "networks.survey_answer")


def test_every_page_that_changes_a_network_is_named(app):
    rules = {r.endpoint for r in app.url_map.iter_rules()
             if r.endpoint.startswith("networks.") and "network_id" in r.arguments}
    assert rules == set(CHANGING) | set(READING)


@pytest.mark.parametrize("endpoint", CHANGING)
def test_a_closed_network_offers_no_form(app, client, auth, nets, load, endpoint):
    from flask import url_for

    from mentorship.networks.models import NetworkMember

    _close(app, load, nets.net)
    with app.app_context():
        member_id = db.session.scalar(select(NetworkMember.id).where(
            NetworkMember.network_id == nets.net))
    auth.login("admin@example.org")
    with app.test_request_context():
        url = url_for(endpoint, network_id=nets.net, member_id=member_id, year=date.today().year)
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302 and response.headers["Location"] == (
            f"/natverk/{nets.net}"), (endpoint, method)
    page = client.get(f"/natverk/{nets.net}").get_data(as_text=True)
    with app.test_request_context():
        read_only = closed_message()
    assert flashes(page) == [("error", read_only)] * 2  # the GET's and the POST's
    assert "/plan/" not in page and "<form" not in page.split("<main", 1)[-1]


def test_a_closed_network_keeps_its_last_coordinator(app, client, auth, nets, load):
    _close(app, load, nets.net)
    auth.login("admin@example.org")
    page = client.get(f"/natverk/{nets.net}").get_data(as_text=True)
    assert "Sista samordnare:" in page and "Cora Samordnare" in page.split("Sista samordnare:")[1]
    listing = client.get("/natverk/").get_data(as_text=True)
    row = listing.split("Biblioteksnätverket", 1)[1].split("</tr>", 1)[0]
    assert "Cora Samordnare" in row


def test_a_network_started_in_december_plans_next_year(app, client, auth, nets, load,
                                                       monkeypatch):
    from mentorship.networks import services
    from mentorship.networks.checklist import activate, set_secretariat_informed

    monkeypatch.setattr(services, "today", lambda: date(2026, 12, 7))
    auth.login("coord@example.org")
    page = client.get(f"/natverk/{nets.net}").get_data(as_text=True)
    assert f'href="/natverk/{nets.net}/plan/2027"' in page
    response = client.post(f"/natverk/{nets.net}/plan/2027", data={
        "purpose": "Utveckla biblioteken tillsammans.", "goals": "En gemensam katalog.",
        "meeting_frequency": "Varje månad", "meeting_place": "Helsingborg",
        "meeting_lead": "Samordnaren"})
    assert response.status_code == 302
    with app.app_context():
        net = load(nets.net)
        answer_all(net, yes=6)
        set_secretariat_informed(None, net, True, date(2026, 12, 7))
        db.session.commit()
    html = client.get(f"/natverk/{nets.net}/aktivera").get_data(as_text=True)
    from mentorship.networks.checklist import start_checklist, start_plan_year

    with app.test_request_context():
        net = load(nets.net)
        assert start_plan_year(net, date(2026, 12, 7)) == 2027  # next year's plan counts
        purpose_2027 = start_checklist(net, 2027).steps[PURPOSE].label
    assert missing_steps(html) == [] and offers_activation(html)
    assert purpose_2027 in html  # the step done is next year's purpose
    with app.app_context():
        net = load(nets.net)
        activate(user("coord@example.org"), net, date(2026, 12, 7))
        assert net.status == "active"
    monkeypatch.setattr(services, "today", lambda: date(2026, 11, 30))
    assert "/plan/2027" not in client.get(f"/natverk/{nets.net}").get_data(as_text=True)
