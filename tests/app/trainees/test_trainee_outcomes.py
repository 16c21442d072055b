"""Outcomes: reporting, validation, history, optimistic locking, scoping, start page, export."""

from __future__ import annotations

import io
import re

import pytest
from markupsafe import escape
from openpyxl import load_workbook
from sqlalchemy import select

from tests.said import cards, refused, summary


def _labels(app) -> tuple[dict[str, str], dict[str, str]]:
    """The outcomes' labels and the outcome fields' names in the history, from the code."""
    from mentorship.trainees.labels import outcome_field_labels, outcome_labels

    with app.test_request_context():
        return dict(outcome_labels()), dict(outcome_field_labels())


def _form(app, category="permanent_member", employer="Bjuv", version=0, title="nämndsekreterare"):
    from tests.app.trainees.conftest import muni_id

    with app.app_context():
        employer_id = muni_id(employer) if employer else 0
    return {
        "category": category,
        "employer_municipality_id": str(employer_id),
        "position_title": title,
        "start_date": "2025-09-01",
        "version": str(version),
    }


def test_hr_reports_outcome_with_history(client, auth, world, app):
    from mentorship.extensions import db
    from mentorship.trainees.models import Outcome

    labels, fields = _labels(app)
    auth.login("hr.bjuv@example.org")
    page = client.get(f"/trainee/{world.bjuv1}/utfall").get_data(as_text=True)
    for code, label in labels.items():  # every outcome offered by its label
        assert f'value="{code}"' in page and str(escape(label)) in page
    r = client.post(f"/trainee/{world.bjuv1}/utfall", data=_form(app))
    assert r.status_code == 302, r.get_data(as_text=True)[:3000]
    r = client.post(
        f"/trainee/{world.bjuv1}/utfall",
        data=_form(app, employer="Klippan", title="utredare", version=1),
    )
    assert r.status_code == 302
    with app.app_context():
        outcome = db.session.scalar(select(Outcome).where(Outcome.trainee_id == world.bjuv1))
        assert outcome.version == 2 and outcome.employer_municipality.name == "Klippan"
        assert len(outcome.changes) == 2
        first, second = sorted(outcome.changes, key=lambda c: c.id)
        assert first.changed_by_id == world.hr_bjuv.id
        assert first.changes[:3] == [["category", "", "permanent_member"],
                                     ["employer", "", "Bjuv"],
                                     ["position_title", "", "nämndsekreterare"]]
        assert second.changes == [["employer", "Bjuv", "Klippan"],
                                  ["position_title", "nämndsekreterare", "utredare"]]
    page = client.get(f"/trainee/{world.bjuv1}").get_data(as_text=True)
    history = page.split('id="historik"')[1]
    assert "HR.Bjuv" in history or "Hr.Bjuv" in history
    # each change as "field: old → new", the field and the outcome by their labels
    assert f"{fields['employer']}: Bjuv → Klippan" in history
    assert f"{fields['position_title']}: nämndsekreterare → utredare" in history
    assert f"{fields['category']}: (tomt) → {labels['permanent_member']}" in history


def test_member_outcome_needs_employer(client, auth, world, app):
    from mentorship.extensions import db
    from mentorship.trainees.models import Outcome

    auth.login("hr.bjuv@example.org")
    r = client.post(f"/trainee/{world.bjuv1}/utfall", data=_form(app, employer=None))
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and refused(r) == {"employer_municipality_id"}
    assert 'value="nämndsekreterare"' in html
    with app.app_context():
        assert db.session.scalar(select(Outcome).where(Outcome.trainee_id == world.bjuv1)) \
            is None
    # Studies need no employer, and an employer given is not kept
    r = client.post(f"/trainee/{world.bjuv1}/utfall", data=_form(app, category="studies"))
    assert r.status_code == 302
    with app.app_context():
        outcome = db.session.scalar(select(Outcome).where(Outcome.trainee_id == world.bjuv1))
        assert (outcome.category, outcome.employer_municipality_id) == ("studies", None)


def test_the_service_refuses_a_member_outcome_without_employer(app, world):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.refusals import ServiceError
    from mentorship.trainees.models import Trainee
    from mentorship.trainees.outcomes.services import OutcomeData, report_outcome

    with app.test_request_context():
        trainee = db.session.get(Trainee, world.bjuv1)
        hr = db.session.get(User, world.hr_bjuv.id)
        for category in ("permanent_member", "fixed_term_member"):
            with pytest.raises(ServiceError) as err:
                report_outcome(hr, trainee, OutcomeData(category, None, "utredare", None, 0))
            assert err.value.field == "employer_municipality_id"
        assert trainee.outcome is None


def test_second_concurrent_editor_gets_conflict_and_first_change_stays(
    client, auth, world, app, report_outcome
):
    from mentorship.extensions import db
    from mentorship.trainees.models import Outcome

    report_outcome(world.bjuv1, "seeking_work")  # version 1
    auth.login("hr.bjuv@example.org")
    # Both editors loaded the form at version 1; the first (an admin) saves.
    report_outcome(world.bjuv1, "permanent_member", employer="Bjuv", title="ekonom")
    r = client.post(
        f"/trainee/{world.bjuv1}/utfall",
        data=_form(app, category="studies", employer=None, version=1),
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    with app.test_request_context():
        from mentorship.trainees.outcomes.services import conflict_message

        assert summary(r) == [conflict_message()]
    saved_now = html.split('id="saved-now"')[1].split("</section>")[0]
    assert "ekonom" in saved_now  # what the other editor saved
    version = re.search(r'<input[^>]*name="version"[^>]*>', html)[0]
    assert 'value="2"' in version  # the form now saves against the version shown
    with app.app_context():
        outcome = db.session.scalar(select(Outcome).where(Outcome.trainee_id == world.bjuv1))
        assert outcome.category == "permanent_member" and outcome.position_title == "ekonom"
        assert outcome.version == 2
    # Saving again against the version now shown is a deliberate overwrite.
    r = client.post(
        f"/trainee/{world.bjuv1}/utfall",
        data=_form(app, category="studies", employer=None, version=2),
    )
    assert r.status_code == 302


@pytest.mark.committed
def test_version_counter_catches_a_race_between_read_and_write(app, world, report_outcome):
    """Two sessions load version 1; the second flush fails on the version column."""
    import pytest
    from sqlalchemy.orm import Session

    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.trainees.models import Trainee
    from mentorship.trainees.outcomes.services import OutcomeConflict, OutcomeData
    from mentorship.trainees.outcomes.services import report_outcome as rep
    from tests.app.trainees.conftest import muni_id

    report_outcome(world.bjuv1, "seeking_work")
    with app.test_request_context():
        trainee = db.session.get(Trainee, world.bjuv1)
        assert trainee.outcome.version == 1
        with Session(db.engine) as other:  # the first editor, in another session
            t2 = other.get(Trainee, world.bjuv1)
            t2.outcome.category = "studies"
            other.commit()
        admin = db.session.get(User, world.admin.id)
        with pytest.raises(OutcomeConflict):
            rep(admin, trainee, OutcomeData("permanent_member", muni_id("Bjuv"), "x", None, 1))
        db.session.rollback()
        assert db.session.get(Trainee, world.bjuv1).outcome.category == "studies"


def test_hr_of_other_municipality_cannot_see_or_change(client, auth, world, app, report_outcome):
    report_outcome(world.bjuv1, "permanent_member", employer="Bjuv")
    auth.login("hr.hbg@example.org")
    assert client.get(f"/trainee/{world.bjuv1}").status_code == 404
    assert (
        client.post(f"/trainee/{world.bjuv1}/utfall", data=_form(app, version=1)).status_code == 404
    )
    listing = client.get("/trainee/utfall").get_data(as_text=True)
    assert "Elsa Lund" not in listing and "Nora Ibrahim" in listing
    csv = client.get("/trainee/utfall/export.csv").get_data(as_text=True)
    assert "Elsa Lund" not in csv and "Nora Ibrahim" in csv


def test_employing_municipality_hr_sees_but_cannot_edit(client, auth, world, app, report_outcome):
    report_outcome(world.bjuv1, "permanent_member", employer="Helsingborg")
    auth.login("hr.hbg@example.org")
    page = client.get(f"/trainee/{world.bjuv1}").get_data(as_text=True)
    assert "Elsa Lund" in page and "Ändra utfallet" not in page
    assert client.get(f"/trainee/{world.bjuv1}/utfall").status_code == 404


def test_start_page_lists_missing_outcomes_for_own_municipality(
    client, auth, world, report_outcome
):
    auth.login("hr.bjuv@example.org")
    page = client.get("/").get_data(as_text=True)
    (card,) = [(title, text) for url, title, text in cards(page) if url == "/trainee/utfall"]
    assert re.findall(r"\d+", card[0]) == ["2"]  # the card's title counts them
    assert "Elsa Lund (grupp 17)" in card[1] and "Hugo Lind (grupp 17)" in card[1]
    assert "Nora Ibrahim" not in page and "Selma Hedlund" not in page  # other muni / not due
    report_outcome(world.bjuv1, "studies")
    page = client.get("/").get_data(as_text=True)
    (card,) = [(title, text) for url, title, text in cards(page) if url == "/trainee/utfall"]
    assert re.findall(r"\d+", card[0]) == ["1"] and "Elsa Lund (grupp 17)" not in page
    outcomes = client.get("/trainee/utfall").get_data(as_text=True)
    assert f"/trainee/{world.bjuv2}/utfall" in outcomes


def test_trainee_and_participant_have_no_staff_pages(client, auth, world):
    auth.login("elsa@example.org")
    assert client.get("/trainee/utfall").status_code == 403
    assert client.get(f"/trainee/{world.bjuv1}/utfall").status_code == 403
    assert "Min placering" in client.get("/").get_data(as_text=True)


def test_outcome_export_xlsx_is_safe(client, auth, world, app, report_outcome):
    from mentorship.extensions import db
    from mentorship.trainees.models import Trainee

    with app.app_context():
        db.session.get(Trainee, world.bjuv1).user.name = '=HYPERLINK("x")'
        db.session.commit()
    report_outcome(world.bjuv1, "permanent_member", employer="Bjuv", title="ekonom")
    auth.login("boss@example.org")
    r = client.get("/trainee/utfall/export.xlsx")
    sheet = load_workbook(io.BytesIO(r.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Traineegrupp"
    cells = [c for row in rows for c in row]
    assert '=HYPERLINK("x")' in cells  # a text cell, not a formula
    assert sheet.cell(row=2, column=2).data_type == "s"
    csv = client.get("/trainee/utfall/export.csv").get_data(as_text=True)
    labels, _fields = _labels(app)
    assert "'=HYPERLINK" in csv and labels["permanent_member"] in csv


def test_outcome_list_queries_do_not_grow(
    client, login_as, world, app, count_queries, report_outcome
):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.trainees.cohorts.services import NewTrainee, register_trainee
    from tests.app.trainees.conftest import placement

    report_outcome(world.bjuv1, "permanent_member", employer="Bjuv")
    login_as("admin")
    client.get("/trainee/utfall")
    with count_queries() as few:
        assert client.get("/trainee/utfall").status_code == 200
    with app.test_request_context():
        admin = db.session.get(User, world.admin.id)
        for i in range(10):
            register_trainee(
                admin, NewTrainee(world.c17, f"T {i}", f"t{i}@example.org", placement("Klippan"))
            )
        db.session.commit()
    for tid in range(world.running + 1, world.running + 6):
        report_outcome(tid, "permanent_member", employer="Klippan")
    with count_queries() as many:
        assert client.get("/trainee/utfall").status_code == 200
    assert many.count == few.count, many.statements


def test_outcome_list_is_paged(client, auth, world, app):
    app.config["PAGE_SIZE"] = 2
    auth.login("boss@example.org")
    first = client.get("/trainee/utfall").get_data(as_text=True)
    second = client.get("/trainee/utfall?page=2").get_data(as_text=True)
    assert "Sida 1 av 2" in first and "Sida 2 av 2" in second
    names = ("Elsa Lund", "Hugo Lind", "Nora Ibrahim")
    on_first = [n for n in names if f">{n}</a>" in first]
    on_second = [n for n in names if f">{n}</a>" in second]
    assert len(on_first) == 2 and len(on_second) == 1
