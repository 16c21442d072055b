"""The register through the test client: who reads what, who edits what, the journeys
from registering to aktiv and closed, and the list's query budget."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from mentorship.extensions import db
from tests.app.networks.conftest import (
    answer_all,
    checklist_rows,
    field_id,
    full_plan,
    muni_id,
)

YEAR = date.today().year


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
    assert "Utveckla HR-arbetet i kommunerna tillsammans." in html  # the purpose
    assert "member@example.org" in html and "kim@example.org" in html  # contacts
    assert "Cora Samordnare" in html and "coord@example.org" in html
    assert "Två gemensamma utbildningar." not in html  # goals: members only
    assert "Samordnare över tid" not in html
    index = client.get("/natverk/").get_data(as_text=True)
    assert "Biblioteksnätverket" in index and "Under uppstart" in index
    auth.logout()
    auth.login("member@example.org")
    html = client.get(f"/natverk/{nets.net}").get_data(as_text=True)
    assert "Två gemensamma utbildningar." in html and "Fyra gånger per år" in html
    assert "Lämna nätverket" in html
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


def test_journey_register_checklist_activate(app, client, auth, nets, load):
    auth.login("admin@example.org")
    with app.app_context():
        social = field_id("Socialtjänst")
    response = client.post("/natverk/ny", data={"name": "Trygghetsnätverket", "field_id": social})
    assert response.status_code == 302
    from mentorship.networks.models import Network

    with app.app_context():
        network_id = db.session.scalar(
            select(Network.id).where(Network.name == "Trygghetsnätverket")
        )
    html = client.get(f"/natverk/{network_id}").get_data(as_text=True)
    assert "Saknas: Alla 11 medlemskommuner är inbjudna (0 av 11)." in html
    checklist = client.get(f"/natverk/{network_id}/startchecklista").get_data(as_text=True)
    # Swedish order: Å, Ä, Ö last and in that order (a code-point sort puts Ä before Å).
    assert (checklist.index("Svalöv") < checklist.index("Åstorp")
            < checklist.index("Ängelholm") < checklist.index("Örkelljunga"))
    with app.app_context():
        ids = sorted(m for m in (muni_id(n) for n in (
            "Bjuv", "Båstad", "Helsingborg", "Höganäs", "Klippan", "Landskrona", "Perstorp",
            "Svalöv", "Åstorp", "Ängelholm", "Örkelljunga")))
    yes = ids[:6]
    response = client.post(f"/natverk/{network_id}/startchecklista", data=checklist_rows(
        ids, invited=ids, answers={**dict.fromkeys(yes, "yes"), **dict.fromkeys(ids[6:8], "no")},
        management=yes, told=ids[:8]))
    assert response.status_code == 302
    page = client.get(f"/natverk/{network_id}/aktivera").get_data(as_text=True)
    assert "En samordnare." in page and "Ja, gör nätverket aktivt" not in page
    client.post(f"/natverk/{network_id}/plan/{YEAR}", data={
        "purpose": "Ett tryggare nordvästra Skåne.", "goals": "Gemensam lägesbild.",
        "meeting_frequency": "Varannan månad", "meeting_place": "Helsingborg",
        "meeting_lead": "Samordnaren"})
    bad = client.post(f"/natverk/{network_id}/samordnare", data={"email": "nobody@example.org"})
    assert "Det finns inget konto som du kan hantera" in bad.get_data(as_text=True)
    client.post(f"/natverk/{network_id}/samordnare", data={"email": "outsider@example.org"})
    assert client.post(f"/natverk/{network_id}/aktivera").status_code == 302
    html = client.get(f"/natverk/{network_id}").get_data(as_text=True)
    assert "Aktiv" in html and "Olle Utanför" in html
    assert "Ja</td>" in html


def test_members_are_added_edited_and_leave(app, client, auth, nets, load):
    auth.login("coord@example.org")
    response = client.post(f"/natverk/{nets.net}/medlemmar/ny", data={
        "name": "Rut Ny", "municipality_id": muni_id_in(app, "Perstorp"),
        "role_title": "bibliotekarie", "email": "rut@example.org"})
    assert response.status_code == 302
    empty = client.post(f"/natverk/{nets.net}/medlemmar/ny", data={"name": ""})
    assert "Fyll i namnet eller ett konto." in empty.get_data(as_text=True)
    with app.app_context():
        net = load(nets.net)
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
    assert "Lämna nätverket" not in html and "Samordnare över tid" not in html  # nor a reader
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
        "reason": "Uppdraget är slutfört.", "informed": [bjuv], "secretariat_informed": "y"})
    assert "Saknas: Båstad." in page.get_data(as_text=True)
    response = client.post(f"/natverk/{nets.net}/avsluta", data={
        "reason": "Uppdraget är slutfört.", "informed": [bjuv, bastad],
        "secretariat_informed": "y"})
    assert response.status_code == 302
    # The coordinator's assignment ended; the secretariat and members still read it.
    assert client.get(f"/natverk/{nets.net}/plan/{YEAR}").status_code == 404
    auth.logout()
    auth.login("admin@example.org")
    html = client.get(f"/natverk/{nets.net}").get_data(as_text=True)
    assert "Avslutad" in html and "Uppdraget är slutfört." in html
    assert "Avsluta nätverket" not in html
    refused = client.post(f"/natverk/{nets.net}/plan/{YEAR}", data={"purpose": "Nytt"},
                          follow_redirects=True)
    assert "Nätverket är avslutat och kan bara läsas." in refused.get_data(as_text=True)


def test_fields_list_is_editable(app, client, auth, nets):
    auth.login("admin@example.org")
    assert client.post("/natverk/omraden", data={"name": "Kultur"}).status_code == 302
    assert "Det finns redan" in client.post(
        "/natverk/omraden", data={"name": "kultur"}).get_data(as_text=True)
    with app.app_context():
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
                  PlanData("Förra årets syfte", "Mål", "", "", ""))
        db.session.commit()
    auth.login("coord@example.org")
    page = client.get(f"/natverk/{nets.net}/plan/{YEAR}").get_data(as_text=True)
    assert "Förra årets syfte" in page
    html = client.get(f"/natverk/{nets.net}").get_data(as_text=True)
    assert f"Syftet för {YEAR - 1}. Syftet för i år är inte ifyllt än." in html


def test_the_coordinator_marks_a_member_as_gone(app, client, auth, nets, load):
    with app.app_context():
        kim = next(m for m in load(nets.net).members if m.name == "Kim Extern").id
    auth.login("coord@example.org")
    page = client.get(f"/natverk/{nets.net}/medlemmar/{kim}/lamna").get_data(as_text=True)
    assert "Har Kim Extern lämnat Biblioteksnätverket?" in page
    response = client.post(f"/natverk/{nets.net}/medlemmar/{kim}/lamna", follow_redirects=True)
    assert "Kim Extern har lämnat Biblioteksnätverket." in response.get_data(as_text=True)
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


def test_without_fields_the_new_network_form_says_what_to_do(client, login_as):
    login_as("admin")
    html = client.get("/natverk/ny").get_data(as_text=True)
    assert "Det finns inga samverkansområden att välja." in html
    assert 'href="/natverk/omraden"' in html


def test_the_coordinators_start_page_says_when_this_years_plan_is_missing(
    app, client, auth, nets, load
):
    auth.login("coord@example.org")
    start = client.get("/").get_data(as_text=True)
    assert "Biblioteksnätverket: årets plan är inte klar" in start
    assert f'href="/natverk/{nets.net}/plan/{YEAR}"' in start
    assert "Miljönätverket" not in start  # not theirs
    _with_plan(app, load, nets.net)
    assert "årets plan är inte klar" not in client.get("/").get_data(as_text=True)
    auth.logout()
    auth.login("member@example.org")
    assert "årets plan är inte klar" not in client.get("/").get_data(as_text=True)
