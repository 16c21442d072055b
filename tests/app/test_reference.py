"""Reference data: eleven municipalities with official codes, editable lists."""

import pytest
from flask import url_for
from sqlalchemy import func, select

from mentorship.duplicates import messages
from mentorship.extensions import db
from mentorship.reference.models import BusinessArea, Municipality
from tests.said import refused, summary


def test_seed_creates_the_eleven_members_with_codes(app):
    with app.app_context():
        rows = {m.name: m.code for m in db.session.scalars(select(Municipality))}
    assert len(rows) == 11
    assert rows["Ängelholm"] == "1292" and rows["Svalöv"] == "1214" and rows["Bjuv"] == "1260"


def test_seed_is_idempotent(app, runner):
    runner.invoke(args=["seed"])  # the fixture seeded the municipalities, not every list
    result = runner.invoke(args=["seed"])
    assert "0 nya" in result.output


def test_admin_adds_renames_and_retires_a_municipality(app, client, login_as):
    login_as("admin")
    response = client.post(
        "/register/kommuner/ny",
        data={"name": "Lund", "code": "1281", "latitude": "55.70", "longitude": "13.19"},
    )
    assert response.status_code == 302
    with app.app_context():
        lund = db.session.scalar(select(Municipality).where(Municipality.code == "1281"))
    client.post(f"/register/kommuner/{lund.id}", data={"name": "Lunds kommun", "code": "1281"})
    assert "Lunds kommun" in client.get("/register/kommuner").get_data(as_text=True)
    confirm = client.get(f"/register/kommun/{lund.id}/avveckla").get_data(as_text=True)
    with app.test_request_context():
        retire = url_for("reference.retire", kind="kommun", item_id=lund.id, action="avveckla")
    assert f'action="{retire}"' in confirm and "Lunds kommun" in confirm
    with app.app_context():
        assert db.session.get(Municipality, lund.id).active  # asking changed nothing
    client.post(f"/register/kommun/{lund.id}/avveckla")
    with app.app_context():
        assert db.session.get(Municipality, lund.id).active is False
    # A retired municipality is not offered for new people.
    assert ">Lunds kommun</option>" not in client.get("/personer/bjud-in").get_data(as_text=True)
    client.post(f"/register/kommun/{lund.id}/ateraktivera")
    assert ">Lunds kommun</option>" in client.get("/personer/bjud-in").get_data(as_text=True)


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_municipality_form_errors_are_refused_and_keep_values(app, client, login_as):
    login_as("admin")
    before = _count(app, Municipality)
    bad_code = client.post("/register/kommuner/ny", data={"name": "Bjuv", "code": "12a4"})
    assert bad_code.status_code == 200 and refused(bad_code) == {"code"}
    assert 'value="12a4"' in bad_code.get_data(as_text=True)
    taken = client.post("/register/kommuner/ny", data={"name": "bjuv", "code": "9999"})
    assert taken.status_code == 200 and refused(taken) == {"name"}
    with app.test_request_context():
        name_taken = messages()["uq_municipality_name"]
    assert summary(taken)[0].endswith(name_taken)
    assert _count(app, Municipality) == before


@pytest.mark.wording
def test_the_reference_refusals_read_as_written(client, login_as):
    login_as("admin")
    bad_code = client.post("/register/kommuner/ny", data={"name": "Bjuv", "code": "12a4"})
    assert "Kommunkoden är fyra siffror, t.ex. 1292." in " ".join(summary(bad_code))
    taken = client.post("/register/kommuner/ny", data={"name": "bjuv", "code": "9999"})
    assert summary(taken)[0].endswith("Det finns redan en kommun med det namnet.")
    client.post("/register/verksamhetsomraden/nytt", data={"name": "Turism"})
    area = client.post("/register/verksamhetsomraden/nytt", data={"name": "turism"})
    assert summary(area)[0].endswith("Det finns redan ett verksamhetsområde med det namnet.")


def test_business_areas_are_editable_and_never_hard_deleted(app, client, login_as):
    login_as("admin")
    client.post("/register/verksamhetsomraden/nytt", data={"name": "Turism"})
    with app.app_context():
        area = db.session.scalar(select(BusinessArea).where(BusinessArea.name == "Turism"))
    before = _count(app, BusinessArea)
    taken = client.post("/register/verksamhetsomraden/nytt", data={"name": "turism"})
    assert taken.status_code == 200 and refused(taken) == {"name"}
    with app.test_request_context():
        assert summary(taken)[0].endswith(messages()["uq_business_area_name"])
    assert _count(app, BusinessArea) == before
    renamed = "Turism och besöksnäring"  # the test's own name
    client.post(f"/register/verksamhetsomraden/{area.id}", data={"name": renamed})
    client.post(f"/register/verksamhetsomrade/{area.id}/avveckla")
    with app.app_context():
        area = db.session.get(BusinessArea, area.id)
        assert area.name == renamed and area.active is False


def test_only_admins_edit_reference_data(client, login_as):
    login_as("hr")
    assert client.get("/register/kommuner").status_code == 403
    assert client.post("/register/verksamhetsomraden/nytt", data={"name": "X"}).status_code == 403


def test_unknown_reference_item_is_404(client, login_as):
    login_as("admin")
    assert client.get("/register/kommuner/99999").status_code == 404
    assert client.get("/register/nagot/1/avveckla").status_code == 404
