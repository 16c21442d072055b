"""The audit log: reads of others' data and every change, append-only, scoped."""

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from mentorship.audit.models import AuditEntry
from mentorship.extensions import db

# What they check is written in a transaction of its own, beside the request's.
pytestmark = pytest.mark.committed


def entries(app, **where):
    with app.app_context():
        query = select(AuditEntry)
        for key, value in where.items():
            query = query.where(getattr(AuditEntry, key) == value)
        return db.session.scalars(query.order_by(AuditEntry.id)).all()


def test_hr_reading_a_persons_page_is_logged(app, client, make_user, login_as):
    person = make_user("p@example.org", municipality="Bjuv")
    hr = login_as("hr", municipality="Bjuv")
    client.get(f"/personer/{person.id}")
    reads = entries(app, action="read")
    assert len(reads) == 1
    entry = reads[0]
    assert (entry.actor_id, entry.actor_role, entry.record_type, entry.subject_user_id) == (
        hr.id, "hr", "user_account", person.id
    )
    assert entry.subject_municipality_id == person.municipality_id


def test_changes_are_logged_with_the_actor_but_no_values(app, client, login_as):
    admin = login_as("admin")
    client.post("/personer/bjud-in", data={"email": "ny@example.org", "name": "Hemlig Person",
                                           "municipality_id": 1, "roles": ["participant"]})
    created = entries(app, action="create", record_type="user_account")
    assert created and created[-1].actor_id == admin.id and created[-1].actor_role == "admin"
    columns = {c.name for c in AuditEntry.__table__.columns}
    assert not columns & {"value", "old_value", "new_value", "data", "password"}


def test_audit_entries_cannot_be_changed_or_deleted(app, client, make_user, login_as):
    person = make_user("p@example.org")
    login_as("admin")
    client.get(f"/personer/{person.id}")
    with app.app_context():
        for statement in ("UPDATE audit_entry SET action = 'x'", "DELETE FROM audit_entry"):
            with pytest.raises(DBAPIError):
                with db.engine.begin() as conn:
                    conn.execute(text(statement))
    assert entries(app, action="read")


def test_hr_reads_only_their_municipalitys_log(app, client, make_user, login_as, auth):
    bjuv_person = make_user("b@example.org", name="Bjuv Person", municipality="Bjuv")
    klippan_person = make_user("k@example.org", name="Klippan Person", municipality="Klippan")
    login_as("admin")
    client.get(f"/personer/{bjuv_person.id}")
    client.get(f"/personer/{klippan_person.id}")
    auth.logout()
    login_as("hr", municipality="Bjuv")
    html = client.get("/logg/?action=read").get_data(as_text=True)
    assert "Bjuv Person" in html and "Klippan Person" not in html


def test_participants_cannot_read_the_log(client, login_as):
    login_as("participant")
    assert client.get("/logg/").status_code == 403


def test_log_page_filters(app, client, make_user, login_as):
    person = make_user("p@example.org")
    login_as("admin")
    client.get(f"/personer/{person.id}")
    html = client.get("/logg/?action=read").get_data(as_text=True)
    assert "Läste" in html
    assert "Inga händelser" in client.get("/logg/?action=erase").get_data(as_text=True)
