"""Issue 23.2: the audit log shows an HR contact only entries about their own people, and
an actor with a role the reader lacks by that role, never by name."""

import pytest
from sqlalchemy import select

from mentorship.audit.models import AuditEntry
from mentorship.extensions import db

# Reads are written in a transaction of their own, beside the request's.
pytestmark = pytest.mark.committed


def test_hr_sees_their_people_and_admins_only_as_a_role(app, client, make_user, login_as,
                                                         auth):
    ada = make_user("ada@example.org", roles=("admin",), name="Ada Admin")
    eva = make_user("eva@example.org", roles=("admin",), name="Eva Admin", municipality="Bjuv")
    per = make_user("per@example.org", name="Per Deltagare")
    bo = make_user("bo@example.org", name="Bo Bjuv", municipality="Bjuv")
    for reader, person in ((ada, per), (ada, bo), (eva, ada)):
        auth.login(reader.email)
        assert client.get(f"/personer/{person.id}").status_code == 200
        auth.logout()
    hr = login_as("hr", municipality="Helsingborg")

    html = client.get("/logg/?action=read").get_data(as_text=True)
    table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "Per Deltagare" in table and "Administratör" in table
    for hidden in ("Ada Admin", "Eva Admin", "Bo Bjuv"):
        assert hidden not in html, hidden
    assert table.count("<tr>") == 1  # only the read of Per: not Bo's, not Ada's

    from mentorship.audit.services import visible_entries

    with app.app_context():
        from mentorship.auth.models import User

        reader = db.session.get(User, hr.id)
        seen = db.session.scalars(visible_entries(reader)).all()
        assert seen and {e.subject_user_id for e in seen} <= {per.id, hr.id, None}
        assert all(e.subject_municipality_id == reader.municipality_id for e in seen)
        # The admin reads everything, with names.
        every = db.session.scalars(select(AuditEntry)).all()
        assert {e.subject_user_id for e in every} >= {ada.id, bo.id, per.id}
    auth.logout()
    auth.login(eva.email)
    html = client.get("/logg/?action=read").get_data(as_text=True)
    assert "Ada Admin" in html and "Bo Bjuv" in html and "Eva Admin" in html
