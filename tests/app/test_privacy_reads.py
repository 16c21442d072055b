"""Reads of others' data by HR contacts and admins are logged; the privacy links."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from mentorship.extensions import db
from tests.app.mentoring.conftest import admin_user, build_round, password_hash  # noqa: F401
from tests.app.trainees.conftest import muni_id, report_outcome, world  # noqa: F401

# What they check is written in a transaction of its own, beside the request's.
pytestmark = pytest.mark.committed

# --- reads by HR contacts and admins ---------------------------------------------------------


def _reads(app, **where) -> list:
    from mentorship.audit.models import AuditEntry

    with app.app_context():
        query = select(AuditEntry).where(AuditEntry.action.in_(("read", "export")))
        for key, value in where.items():
            query = query.where(getattr(AuditEntry, key) == value)
        return db.session.scalars(query.order_by(AuditEntry.id)).all()


def test_hr_reading_a_trainee_and_an_outcome_is_logged(
    app, client, auth, world, report_outcome  # noqa: F811
):
    report_outcome(world.bjuv1, "permanent_member", "Bjuv")
    auth.login("hr.bjuv@example.org")
    assert client.get(f"/trainee/{world.bjuv1}").status_code == 200
    assert client.get(f"/trainee/{world.bjuv1}/utfall").status_code == 200
    assert client.get(f"/trainee/{world.bjuv1}/placering").status_code == 200
    reads = _reads(app)
    assert [(e.action, e.record_type) for e in reads] == [
        ("read", "trainee"), ("read", "trainee_outcome"), ("read", "trainee")]
    for entry in reads:
        assert entry.actor_role == "hr" and entry.subject_user_id == world.bjuv1_user
        assert entry.subject_municipality_id == world.hr_bjuv.municipality_id
    # another municipality's trainee is a 404, and not a read
    assert client.get(f"/trainee/{world.hbg}").status_code == 404
    assert len(_reads(app)) == 3
    # exporting the outcome list is logged as one export
    assert client.get("/trainee/utfall/export.csv").status_code == 200
    assert [e.record_type for e in _reads(app, action="export")] == ["trainee_outcome"]


def test_the_trainee_reading_their_own_placement_is_not_a_read(
    app, client, auth, world  # noqa: F811
):
    auth.login("elsa@example.org")
    assert client.get("/trainee/min-placering").status_code == 200
    assert client.get("/mina-uppgifter").status_code == 200
    assert _reads(app) == []


def test_admin_reading_a_trainee_is_logged_and_mentor_exports_are_logged(
    app, client, auth, build_round, admin_user, password_hash, world  # noqa: F811
):
    r = build_round(pairs=2, state="running", password_hash=password_hash)
    auth.login(admin_user.email)
    assert client.get(f"/trainee/{world.hbg}").status_code == 200
    assert [(e.actor_role, e.record_type) for e in _reads(app)] == [("admin", "trainee")]
    assert client.get(f"/mentorskap/omgangar/{r.id}/export/par.csv").status_code == 200
    exports = _reads(app, action="export")
    assert [(e.record_type, e.record_id) for e in exports] == [("mentor_round", r.id)]


def test_participants_see_their_own_profile_without_a_read_entry(
    app, client, auth, build_round, password_hash  # noqa: F811
):
    r = build_round(pairs=1, state="open", password_hash=password_hash)
    auth.login(r.adepts[0].email)
    assert client.get(f"/mentorskap/profil/{r.adepts[0].id}").status_code == 200
    assert client.get("/mentorskap/").status_code == 200
    assert _reads(app) == []


# --- links -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["participant", "hr", "admin"])
def test_mina_uppgifter_is_in_every_menu(client, login_as, role):
    login_as(role)
    html = client.get("/").get_data(as_text=True)
    assert 'href="/mina-uppgifter"' in html
    if role in ("hr", "admin"):
        assert 'href="/logg/"' in html and 'href="/gallring"' in html
    else:
        assert 'href="/logg/"' not in html and 'href="/gallring"' not in html


def test_admin_person_page_links_to_erasure_for_admins_only(client, make_user, login_as, auth):
    person = make_user("p@example.org", municipality="Bjuv")
    login_as("admin")
    assert f'href="/personer/{person.id}/radera"' in client.get(
        f"/personer/{person.id}").get_data(as_text=True)
    auth.logout()
    login_as("hr", municipality="Bjuv")
    assert "/radera" not in client.get(f"/personer/{person.id}").get_data(as_text=True)
