"""Issue 23.1: one gate for "may this person touch that account", everywhere.

The attacks of the issue (an HR contact enrolling, registering or publishing an admin),
the same words for an account one may not touch as for an unknown one, consent before an
account is linked to a network, and a walk over the source that fails when a function
finds accounts by e-mail or id without coming through `mentorship.people.gate`.
"""

from __future__ import annotations

import ast
import io
import pathlib
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

import mentorship
from mentorship.auth.models import User
from mentorship.extensions import db
from tests.said import flashes

ADMIN_EMAIL = "chef.admin@example.org"


def _muni(name: str) -> int:
    from mentorship.reference.models import Municipality

    return db.session.scalar(select(Municipality.id).where(Municipality.name == name))


def _state(app, user_id: int) -> tuple:
    with app.app_context():
        user = db.session.get(User, user_id)
        return (user.name, user.municipality_id, sorted(user.role_names))


@pytest.fixture
def admin(make_user):
    return make_user(ADMIN_EMAIL, roles=("admin",), name="Ada Admin")


@pytest.fixture
def open_round(app, admin):
    from mentorship.mentoring.rounds import services as rounds

    with app.test_request_context():
        actor = db.session.get(User, admin.id)
        round_ = rounds.create_round(actor, rounds.RoundSettings(
            "Grindomgången", date(2026, 9, 1), date(2027, 6, 30), 0.0, {}))
        rounds.record_transition(actor, round_, "open")
        db.session.commit()
        return round_.id


def _trainee_form(host: int, email: str) -> dict:
    return {"name": "Ny Person", "email": email, "host_municipality_id": str(host),
            "business_area_id": "0", "position_title": "utredare", "supervisor_name": "K",
            "assignment": "Utreda.", "degree": "Kandidat", "field_of_study": "juridik",
            "graduation_year": "2024"}


def test_hr_cannot_register_an_admin_as_trainee(app, client, admin, login_as):
    from mentorship.trainees.cohorts.services import CohortData, save_cohort
    from mentorship.trainees.models import Trainee

    with app.test_request_context():
        cohort = save_cohort(None, CohortData(30, date.today() - timedelta(days=30), 12))
        db.session.commit()
        cohort_id, hbg = cohort.id, _muni("Helsingborg")
    before = _state(app, admin.id)
    login_as("hr", municipality="Helsingborg")
    url = f"/trainee/grupper/{cohort_id}/trainees/ny"
    refused = client.post(url, data=_trainee_form(hbg, ADMIN_EMAIL)).get_data(as_text=True)
    unknown_elsewhere = client.post(url, data=_trainee_form(hbg, "x@example.org"))
    assert unknown_elsewhere.status_code == 302  # an unknown address gets a new account
    with app.app_context():
        from mentorship.people.gate import refusal

        assert refusal() in refused
        assert db.session.scalar(select(func.count()).select_from(Trainee).where(
            Trainee.user_id == admin.id)) == 0
    assert _state(app, admin.id) == before


def test_hr_cannot_invite_or_import_an_admin_into_a_round(app, client, admin, open_round,
                                                          login_as):
    from mentorship.mentoring.models import Enrolment
    from mentorship.people.gate import refusal

    login_as("hr", municipality="Helsingborg")
    response = client.post(f"/mentorskap/omgangar/{open_round}/bjud-in",
                           data={"email": ADMIN_EMAIL, "name": "X"})
    html = response.get_data(as_text=True)
    with app.test_request_context():
        assert refusal() in html
    header = ("id;role;name;municipality;business_area;level;years_as_manager;goals;"
              "languages;meeting_mode;capacity;exclude;lock;email")
    row = f"m1;mentor;Ada;Helsingborg;Socialtjänst;2;12;Svåra samtal;sv;either;1;;;{ADMIN_EMAIL}"
    data = ("\ufeff" + header + "\n" + row + "\n").encode()
    page = client.post(f"/mentorskap/omgangar/{open_round}/importera",
                       data={"file": (io.BytesIO(data), "people.csv")},
                       content_type="multipart/form-data").get_data(as_text=True)
    with app.test_request_context():
        assert refusal() in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Enrolment)) == 0


def test_hr_neither_sees_nor_withdraws_an_admin_that_an_admin_enrolled(app, client, admin,
                                                                       open_round, login_as):
    from mentorship.mentoring.enrolment.services import enrol_user
    from mentorship.mentoring.models import MentorRound

    with app.app_context():
        enrolment = enrol_user(None, db.session.get(MentorRound, open_round),
                               db.session.get(User, admin.id))
        db.session.commit()
        enrolment_id = enrolment.id
    login_as("hr", municipality="Helsingborg")
    listing = client.get(f"/mentorskap/omgangar/{open_round}/deltagare")
    assert "Ada Admin" not in listing.get_data(as_text=True)
    assert client.post(f"/mentorskap/deltagare/{enrolment_id}/ta-bort").status_code == 404


def test_refusal_has_the_words_of_an_unknown_account(app, admin, make_user):
    from mentorship.people import gate
    from mentorship.refusals import ServiceError

    hr = make_user("hr@example.org", roles=("hr",))
    other = make_user("annan@example.org", municipality="Bjuv")
    with app.test_request_context():
        actor = db.session.get(User, hr.id)
        words = set()
        for email in ("finns.inte@example.org", ADMIN_EMAIL, other.email):
            with pytest.raises(ServiceError) as err:
                gate.existing_account(actor, email)
            words.add(err.value.message)
        assert words == {gate.refusal()}


def test_a_participant_coordinator_cannot_publish_an_account(app, client, auth, admin,
                                                             make_user):
    from mentorship.mail.models import OutboxMessage
    from mentorship.networks.invitation_models import NetworkInvitation
    from mentorship.networks.services import (
        NetworkData,
        NewCoordinator,
        assign_coordinator,
        save_network,
        seed_fields,
    )

    coord = make_user("samordnare@example.org", municipality="Bjuv")
    with app.test_request_context():
        fields = seed_fields() and None  # noqa: F841 - the default fields exist after this
        from mentorship.networks.models import NetworkField

        field = db.session.scalar(select(NetworkField.id).order_by(NetworkField.id))
        network = save_network(None, NetworkData("Grindnätverket", field))
        assign_coordinator(None, network, NewCoordinator(coord.email), date.today())
        db.session.commit()
        network_id = network.id
    auth.login(coord.email)
    answers = []
    for email in (ADMIN_EMAIL, "finns.inte@example.org", ADMIN_EMAIL):
        response = client.post(f"/natverk/{network_id}/medlemmar/ny", data={
            "name": "", "municipality_id": "0", "role_title": "", "email": "",
            "account_email": email}, follow_redirects=True)
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        answers.append(html.split("<main", 1)[1].split("</h1>", 1)[0])
        assert "Ada Admin" not in html and ADMIN_EMAIL not in html
    assert len(set(answers)) == 1, "the answer tells whether the address has an account"
    with app.app_context():
        invitation = db.session.scalar(select(NetworkInvitation))
        assert (invitation.user_id, invitation.kind) == (admin.id, "member")
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.recipient == ADMIN_EMAIL)) == 1  # asked again: no second e-mail
    # Nothing is published until the holder says yes.
    assert "Ada Admin" not in client.get(f"/natverk/{network_id}").get_data(as_text=True)
    auth.logout()
    auth.login(ADMIN_EMAIL)
    page = client.get("/natverk/inbjudningar").get_data(as_text=True)
    assert "Grindnätverket" in page
    response = client.post(f"/natverk/inbjudningar/{invitation.id}/ja")
    assert response.status_code == 302
    assert "Ada Admin" in client.get(f"/natverk/{network_id}").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(NetworkInvitation)) == 0


def test_an_invitation_is_answered_only_by_its_holder(app, client, auth, admin, make_user):
    from mentorship.networks import invitations
    from mentorship.networks.invitation_models import MEMBER, NetworkInvitation
    from mentorship.networks.models import NetworkField, NetworkMember
    from mentorship.networks.services import (
        NetworkData,
        NewCoordinator,
        assign_coordinator,
        save_network,
        seed_fields,
    )

    coord = make_user("samordnare@example.org", municipality="Bjuv")
    make_user("nyfiken@example.org", municipality="Bjuv")
    with app.test_request_context():
        seed_fields()
        field = db.session.scalar(select(NetworkField.id).order_by(NetworkField.id))
        network = save_network(None, NetworkData("Samtyckesnätverket", field))
        assign_coordinator(None, network, NewCoordinator(coord.email), date.today())
        invitations.invite(db.session.get(User, coord.id), network,
                           invitations.Invite(ADMIN_EMAIL, MEMBER))
        db.session.commit()
        invitation_id = db.session.scalar(select(NetworkInvitation.id))
    auth.login("nyfiken@example.org")
    assert "Samtyckesnätverket" not in client.get("/natverk/inbjudningar").get_data(as_text=True)
    assert client.post(f"/natverk/inbjudningar/{invitation_id}/ja").status_code == 404
    auth.logout()
    auth.login(ADMIN_EMAIL)
    assert client.post(f"/natverk/inbjudningar/{invitation_id}/nej").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(NetworkMember)) == 0
        assert db.session.scalar(select(func.count()).select_from(NetworkInvitation)) == 0


def test_hr_cannot_see_or_report_the_outcome_of_an_admin_trainee(app, client, admin, login_as):
    from mentorship.trainees.cohorts.services import (
        CohortData,
        NewTrainee,
        PlacementData,
        register_trainee,
        save_cohort,
    )

    with app.test_request_context():
        actor = db.session.get(User, admin.id)
        cohort = save_cohort(actor, CohortData(31, date.today() - timedelta(days=500), 12))
        trainee = register_trainee(actor, NewTrainee(cohort.id, "Ada Admin", ADMIN_EMAIL,
                                   PlacementData(_muni("Helsingborg"), None, "utredare", "K",
                                                 None, "Utreda.", "Kandidat", "juridik", 2024)))
        db.session.commit()
        trainee_id = trainee.id
    login_as("hr", municipality="Helsingborg")
    assert client.get(f"/trainee/{trainee_id}").status_code == 404
    assert client.post(f"/trainee/{trainee_id}/utfall",
                       data={"category": "unknown", "version": 0}).status_code == 404
    assert "Ada Admin" not in client.get("/trainee/utfall").get_data(as_text=True)


# --- the walk over the source ------------------------------------------------------------

PACKAGE = pathlib.Path(mentorship.__file__).parent

#: Functions that find accounts by e-mail or id without the gate, and why that is right.
#: A new entry needs the same kind of reason: it does not enrol, register, link or edit
#: another person's account for an actor.
NOT_FOR_AN_ACTOR = {
    ("auth/services.py", "find_user_by_email"): "the lookup the gate itself uses",
    ("auth/services.py", "authenticate"): "logging in to one's own account",
    ("auth/sso/services.py", "complete_login"): "the municipality's provider vouched for "
    "the person, who logs in to their own account",
    ("auth/sso/services.py", "_account_to_link"): "the same login: the person's own account",
    ("auth/services.py", "valid_token"): "the holder of an invitation or reset link",
    ("auth/services.py", "redeem_token"): "the holder of an invitation or reset link",
    ("auth/services.py", "request_password_reset"): "a reset link to the holder only",
    ("auth/services.py", "create_user"): "an address already taken: no account is touched",
    ("jobs/tasks.py", "_actor"): "the actor who started the job",
    ("privacy/foundation.py", "erase"): "erasure by an admin, checked by the privacy views",
    ("mentoring/rounds/reminders.py", "recipients"): "the round's own enrolments, which "
                                                     "came through the gate",
    ("people/gate.py", "holder_of"): "consent: asks the holder, tells the actor nothing",
    ("demo/mentoring.py", "demo_mentoring"): "the demo data (the system)",
    ("demo/networks.py", "_account"): "the demo data (the system)",
    ("demo/networks.py", "demo_networks"): "the demo data (the system)",
    ("demo/people.py", "_ensure"): "the demo data (the system)",
    ("demo/trainees.py", "_hr"): "the demo data (the system)",
    ("demo/trainees.py", "_account_trainees"): "the demo data (the system)",
}
LOOKUP_CALLS = {"find_user_by_email", "holder_of"}


def _is_user(node: ast.AST, attr: str) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == attr
            and isinstance(node.value, ast.Name) and node.value.id == "User")


def _finds_accounts(fn: ast.AST) -> bool:
    """Looks an account up by e-mail or id: find_user_by_email, session.get(User, ...),
    User.email compared or User.email/User.id .in_(...), User.id == a value."""
    for n in ast.walk(fn):
        if isinstance(n, ast.Call):
            f = n.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
            if name in LOOKUP_CALLS:
                return True
            first = n.args[0] if n.args else None
            if name in ("get", "get_one") and isinstance(first, ast.Name) and first.id == "User":
                return True
            if isinstance(f, ast.Attribute) and f.attr == "in_" and (
                    _is_user(f.value, "email") or _is_user(f.value, "id")):
                return True
        if isinstance(n, ast.Compare):
            if any(_is_user(x, "email") for x in ast.walk(n)):
                return True
            sides = [n.left, *n.comparators]
            if any(_is_user(s, "id") for s in sides) and any(
                    isinstance(s, ast.Name) for s in sides):
                return True
    return False


def _functions(tree: ast.Module):
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node
        elif isinstance(node, ast.ClassDef):
            yield from (b for b in node.body if isinstance(b, ast.FunctionDef))


def _uses_gate(fn: ast.AST, gated: set[str]) -> bool:
    for n in ast.walk(fn):
        if isinstance(n, ast.Name) and (n.id == "gate" or n.id in gated):
            return True
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and (
                n.value.id == "gate"):
            return True
    return False


def _ungated() -> dict[tuple[str, str], bool]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        functions = list(_functions(ast.parse(path.read_text(encoding="utf-8"))))
        # A function of the module that calls the gate, or calls one that does, is gated.
        gated: set[str] = set()
        while True:
            more = {f.name for f in functions if f.name not in gated and _uses_gate(f, gated)}
            if not more:
                break
            gated |= more
        for fn in functions:
            if _finds_accounts(fn) and not (rel == "people/gate.py" or fn.name in gated):
                found[(rel, fn.name)] = True
    return found


def test_every_function_that_finds_accounts_goes_through_the_gate():
    ungated = set(_ungated())
    missing = sorted(ungated - set(NOT_FOR_AN_ACTOR))
    assert not missing, (
        "these find accounts by e-mail or id without mentorship.people.gate; route them "
        f"through it (or, if no actor touches another's account, list them with why): {missing}"
    )
    stale = sorted(set(NOT_FOR_AN_ACTOR) - ungated - {("people/gate.py", "holder_of")})
    assert not stale, f"no longer finds accounts without the gate: {stale}"


def test_the_walk_sees_the_lookups_of_the_issue():
    """The walk recognises the lookups the three attacks went through."""
    samples = {
        "find_user_by_email(cmd.email)",
        "db.session.get(User, user_id)",
        "select(User).where(func.lower(User.email) == email)",
        "select(User).where(User.email.in_(emails))",
        "select(User).where(User.id == user_id)",
    }
    for code in samples:
        tree = ast.parse(f"def f(cmd, email, emails, user_id):\n    return {code}\n")
        assert _finds_accounts(tree.body[0]), code
    join = ast.parse("def f():\n    return select(User).join(E, User.id == E.user_id)\n")
    assert not _finds_accounts(join.body[0])


def test_a_coordinator_hands_over_to_someone_they_may_not_manage_only_by_consent(
        app, client, auth, make_user):
    from mentorship.networks.invitations import sent_message
    from mentorship.networks.models import NetworkField
    from mentorship.networks.rights import current_coordinator, get_network
    from mentorship.networks.services import (
        NetworkData,
        NewCoordinator,
        assign_coordinator,
        save_network,
        seed_fields,
    )

    coord = make_user("samordnare@example.org", municipality="Bjuv")
    heir = make_user("arvtagare@example.org", municipality="Klippan", name="Arvid Arvtagare")
    with app.test_request_context():
        seed_fields()
        field = db.session.scalar(select(NetworkField.id).order_by(NetworkField.id))
        network = save_network(None, NetworkData("Överlämningsnätverket", field))
        assign_coordinator(None, network, NewCoordinator(coord.email), date.today())
        db.session.commit()
        network_id = network.id
    auth.login(coord.email)
    response = client.post(f"/natverk/{network_id}/samordnare", data={"email": heir.email},
                           follow_redirects=True)
    with app.test_request_context():
        neutral = sent_message()  # said whether the address has an account or not
    assert flashes(response) == [("info", neutral)]
    assert heir.name not in response.get_data(as_text=True)
    with app.app_context():
        assert current_coordinator(get_network(None, network_id)).user_id == coord.id
    auth.logout()
    auth.login(heir.email)
    page = client.get("/natverk/inbjudningar").get_data(as_text=True)
    assert "Överlämningsnätverket" in page and "Samordnare" in page
    from mentorship.networks.invitation_models import NetworkInvitation

    with app.app_context():
        invitation_id = db.session.scalar(select(NetworkInvitation.id))
    assert client.post(f"/natverk/inbjudningar/{invitation_id}/ja").status_code == 302
    with app.app_context():
        network = get_network(None, network_id)
        assert current_coordinator(network).user_id == heir.id
        assert [c.user_id for c in network.coordinators if c.ended_on] == [coord.id]


def test_invitations_are_exported_erased_and_lapse(app, make_user):
    from datetime import UTC, datetime

    from mentorship.networks import invitations, privacy
    from mentorship.networks.invitation_models import MEMBER, NetworkInvitation
    from mentorship.networks.models import NetworkField
    from mentorship.networks.services import (
        NetworkData,
        NewCoordinator,
        assign_coordinator,
        save_network,
        seed_fields,
    )
    from mentorship.privacy.retention import Periods

    coord = make_user("samordnare@example.org", municipality="Bjuv")
    holder = make_user("innehavare@example.org", municipality="Klippan")
    with app.test_request_context():
        seed_fields()
        field = db.session.scalar(select(NetworkField.id).order_by(NetworkField.id))
        network = save_network(None, NetworkData("Integritetsnätverket", field))
        assign_coordinator(None, network, NewCoordinator(coord.email), date.today())
        actor = db.session.get(User, coord.id)
        invitations.invite(actor, network, invitations.Invite(holder.email, MEMBER, "kulturchef"))
        sections = privacy.export(db.session.get(User, holder.id))
        rows = next(s for s in sections if s.key == "nätverk-inbjudningar").data
        assert [(r["nätverk"], r["roll"]) for r in rows] == [("Integritetsnätverket",
                                                              "kulturchef")]
        assert privacy.erase([holder.id]) == {privacy.INVITATIONS: 1}
        invitations.invite(actor, network, invitations.Invite(holder.email, MEMBER))
        now = datetime.now(UTC)
        assert privacy.expire(now, Periods({})).get(privacy.INVITATIONS) is None
        later = now + timedelta(days=invitations.VALID_DAYS + 1)
        assert invitations.pending(db.session.get(User, holder.id))  # still waiting now
        assert privacy.expire(later, Periods({}))[privacy.INVITATIONS] == 1
        assert db.session.scalar(select(func.count()).select_from(NetworkInvitation)) == 0
        db.session.rollback()


def test_people_invite_refuses_an_admins_address_in_the_gates_words(app, client, admin,
                                                                    login_as):
    from mentorship.people.gate import refusal

    login_as("hr", municipality="Helsingborg")
    with app.app_context():
        hbg = _muni("Helsingborg")
    response = client.post("/personer/bjud-in", data={
        "email": ADMIN_EMAIL, "name": "X", "municipality_id": hbg, "roles": ["participant"]})
    with app.test_request_context():
        assert refusal() in response.get_data(as_text=True)
