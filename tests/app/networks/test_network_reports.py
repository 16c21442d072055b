"""Reports: networks per field and status, the participation matrix, what is missing,
their CSV/XLSX exports, the CLI report, the demo and what "Mina uppgifter" shows."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from mentorship.extensions import db
from tests.app.networks.conftest import answer_all, full_plan, status_label
from tests.said import flashes

YEAR = date.today().year


def test_report_page_and_exports(app, client, auth, nets, load):
    from mentorship.networks.services import save_plan

    with app.app_context():
        net = load(nets.net)
        answer_all(net, yes=3)
        save_plan(None, net, YEAR, full_plan())
        db.session.commit()
    auth.login("admin@example.org")
    html = client.get("/natverk/rapport").get_data(as_text=True)
    fields = html.split("Nätverk per samverkansområde och status")[2].split("</table>")[0]
    assert "Lärande" in fields and "Miljö" in fields
    matrix = html.split("Kommunernas deltagande per nätverk")[1].split("</table>")[0]
    assert matrix.count("<th scope=\"col\">") == 12  # the network and the 11 municipalities
    assert "Inbjuden" not in matrix and matrix.count(">Ja<") == 3
    text = client.get("/natverk/rapport/register.csv").data.decode("utf-8-sig")
    lines = text.splitlines()
    # Swedish Excel's CSV: ';' between the columns.
    assert lines[0] == (f"Nätverk;Samverkansområde;Status;Medlemskommuner;Samordnare;"
                        f"Syfte {YEAR};Mål {YEAR};Mötesorganisation {YEAR}")
    starting = status_label(app, "starting")
    rows = list(csv.reader(lines[1:], delimiter=";"))
    assert ["Biblioteksnätverket", "Lärande", starting, "3", "Cora Samordnare",
            "ja", "ja", "ja"] in rows
    assert ["Miljönätverket", "Miljö", starting, "0", "", "nej", "nej", "nej"] in rows
    sheet = load_workbook(io.BytesIO(client.get("/natverk/rapport/kommuner.xlsx").data)).active
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ("Nätverk", "Status", "Bjuv") and len(rows[0]) == 13
    assert rows[1][0] == "Biblioteksnätverket" and rows[1][2:5] == ("Ja", "Ja", "Ja")
    missing = client.get("/natverk/rapport/saknas.csv").data.decode("utf-8-sig")
    assert "Miljönätverket" in missing and "Biblioteksnätverket" not in missing
    assert client.get("/natverk/rapport/saknas.csv?year=abc").status_code == 404
    auth.logout()
    auth.login("coord@example.org")
    assert client.get("/natverk/rapport").status_code == 403


def test_missing_page_reminds_coordinators(app, client, auth, nets):
    from sqlalchemy import select

    from mentorship.mail.models import OutboxMessage

    auth.login("admin@example.org")
    html = client.get("/natverk/saknas").get_data(as_text=True)
    # Both networks lack this year's plan; only the library network has someone to remind.
    rows = {name: row for href, name, row in re.findall(
        r'<tr><th scope="row"><a href="([^"]*)">([^<]*)</a></th>(.*?)</tr>', html, re.S)}
    assert set(rows) == {"Biblioteksnätverket", "Miljönätverket"}
    assert "Cora Samordnare" in rows["Biblioteksnätverket"]
    assert "Cora Samordnare" not in rows["Miljönätverket"]
    assert 'action="/natverk/saknas/paminn"' in html
    response = client.post("/natverk/saknas/paminn", follow_redirects=True)
    (said,) = flashes(response)
    assert said[0] == "success" and re.findall(r"\d+", said[1]) == ["1"]
    with app.app_context():
        (mail,) = db.session.scalars(select(OutboxMessage)).all()
        assert mail.recipient == "coord@example.org" and "Biblioteksnätverket" in mail.subject


@pytest.mark.wording
def test_the_reminders_words(app, client, auth, runner, nets):
    """Who cannot be reminded on the missing page, the reminders queued on the page and by
    the command line."""
    auth.login("admin@example.org")
    assert "Ingen – kan inte påminnas" in client.get("/natverk/saknas").get_data(as_text=True)
    response = client.post("/natverk/saknas/paminn", follow_redirects=True)
    assert flashes(response) == [("success", "1 påminnelse ligger i utkorgen.")]
    with app.app_context():
        from sqlalchemy import delete

        from mentorship.mail.models import OutboxMessage

        db.session.execute(delete(OutboxMessage))
        db.session.commit()
    assert runner.invoke(args=["networks", "remind"]).output == "Påminnelser i utkorgen: 1.\n"


def test_cli_report_text_and_csv(app, runner, nets, load):
    from mentorship.networks.services import PlanData, save_plan

    with app.app_context():
        net = load(nets.net)
        answer_all(net, yes=6)
        save_plan(None, net, 2025, PlanData("Syfte 2025", "Mål", "", "", ""))
        db.session.commit()
    result = runner.invoke(args=["networks", "report", "--format", "csv", "--year", "2025"])
    assert result.exit_code == 0, result.output
    starting = status_label(app, "starting")
    assert list(csv.reader(result.output.splitlines())) == [
        ["namn", "status", "medlemskommuner", "samordnare", "syfte", "mal", "motesorganisation"],
        ["Biblioteksnätverket", starting, "6", "Cora Samordnare", "ja", "ja", "nej"],
        ["Miljönätverket", starting, "0", "", "nej", "nej", "nej"],
    ]
    text = runner.invoke(args=["networks", "report"])
    assert text.exit_code == 0 and f"Nätverksregistret {YEAR}" in text.output
    assert "Cora Samordnare" in text.output
    assert runner.invoke(args=["networks", "report", "--year", "99"]).exit_code != 0
    remind = runner.invoke(args=["networks", "remind"])
    assert remind.exit_code == 0 and re.findall(r"\d+", remind.output) == ["1"]
    from sqlalchemy import func, select

    from mentorship.mail.models import OutboxMessage

    with app.app_context():
        assert list(db.session.scalars(select(OutboxMessage.recipient))) == [
            "coord@example.org"]
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 1


def test_demo_networks(app, runner):
    from sqlalchemy import func, select

    from mentorship.demo.networks import HR_NETWORK
    from mentorship.networks.models import Network, NetworkMunicipality, NetworkSurveyAnswer

    app.config["DEMO_PASSWORD"] = "mentorship-demo"
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        networks = {n.name: n for n in db.session.scalars(select(Network))}
        assert len(networks) >= 9
        statuses = sorted(n.status for n in networks.values())
        assert statuses.count("closed") == 1 and statuses.count("starting") == 1
        hr = networks[HR_NETWORK]
        yes = db.session.scalar(
            select(func.count()).select_from(NetworkMunicipality)
            .where(NetworkMunicipality.network_id == hr.id, NetworkMunicipality.answer == "yes"))
        assert yes == 11
        starting = next(n for n in networks.values() if n.status == "starting")
        yes = db.session.scalar(
            select(func.count()).select_from(NetworkMunicipality)
            .where(NetworkMunicipality.network_id == starting.id,
                   NetworkMunicipality.answer == "yes"))
        assert yes == 6
        assert db.session.scalar(select(func.count()).select_from(NetworkSurveyAnswer)) >= 5
        municipalities = db.session.scalar(
            select(func.count()).select_from(NetworkMunicipality))
    again = runner.invoke(args=["demo"])
    assert again.exit_code == 0
    with app.app_context():  # the second run adds nothing
        assert sorted(db.session.scalars(select(Network.name))) == sorted(networks)
        assert db.session.scalar(
            select(func.count()).select_from(NetworkMunicipality)) == municipalities
    lines = runner.invoke(args=["networks", "report", "--format", "csv"]).output.splitlines()
    assert len(lines) == len(networks) + 1
    assert [HR_NETWORK, status_label(app, "active"), "11", "HR Helsingborg", "ja", "ja", "ja"] in [
        row[:7] for row in csv.reader(lines)]


@pytest.mark.wording
def test_the_demo_says_its_networks_are_there(app, nets):
    from mentorship.demo.networks import HR_NETWORK, demo_networks
    from mentorship.networks.services import NetworkData, save_network
    from tests.app.networks.conftest import field_id

    with app.test_request_context():
        save_network(None, NetworkData(HR_NETWORK, field_id("HR")))
        assert demo_networks("mentorship-demo") == "nätverk: finns redan"


def test_mina_uppgifter_and_erasure(app, client, auth, nets, load):
    from mentorship.networks.privacy import COORDINATORS, MEMBERS, erase

    auth.login("member@example.org")
    data = json.loads(client.get("/mina-uppgifter/hamta").data)
    text = json.dumps(data, ensure_ascii=False)
    assert "Biblioteksnätverket" in text and "bibliotekschef" in text
    assert "kim@example.org" not in text  # nothing about other members
    with app.app_context():
        from sqlalchemy import select

        from mentorship.auth.models import User

        ids = list(db.session.scalars(select(User.id).where(
            User.email.in_(["member@example.org", "coord@example.org"]))))
        counts = erase(ids)
        db.session.commit()
        net = load(nets.net)
        assert counts == {MEMBERS: 1, COORDINATORS: 1}
        assert "Maja Medlem" not in [m.name for m in net.members]
        assert all(c.user_id is None for c in net.coordinators)


def test_purge_anonymises_members_who_left_long_ago(app, runner, nets, load):
    from datetime import timedelta

    from mentorship.networks.privacy import ERASED, KINDS, MEMBERS

    with app.app_context():
        net = load(nets.net)
        kim = next(m for m in net.members if m.name == "Kim Extern")
        maja = next(m for m in net.members if m.name == "Maja Medlem")
        kim.left_on = date.today() - timedelta(days=400)  # past the 12 months
        maja.left_on = date.today() - timedelta(days=100)
        db.session.commit()
    result = runner.invoke(args=["gdpr", "purge"])
    assert result.exit_code == 0 and f"{MEMBERS}: 1" in result.output
    with app.app_context():
        names = sorted(m.name for m in load(nets.net).members)
        assert names == sorted([ERASED, "Maja Medlem"])
        gone = next(m for m in load(nets.net).members if m.name == ERASED)
        assert gone.email is None and gone.role_title == "" and gone.user_id is None
    again = runner.invoke(args=["gdpr", "purge"])
    assert again.exit_code == 0 and not any(kind in again.output for kind in KINDS)
