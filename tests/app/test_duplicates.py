"""Issue 23.5: double posts and races give one row and a clear message, never a 503.

Real threads, each with its own test client and database connection, on SQLite and on
PostgreSQL as the suite runs; a barrier inside the service holds both requests until both
have passed the service's own check, so both really race to the database.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.app.mentoring import conftest as mentoring_fixtures
from tests.said import flashed, flashes, refused

admin_user = mentoring_fixtures.admin_user
build_round = mentoring_fixtures.build_round
password_hash = mentoring_fixtures.password_hash

PASSWORD = "correct horse battery"


def test_every_unique_constraint_has_a_message(app):
    from mentorship.duplicates import messages, unique_keys

    with app.test_request_context():
        keys, words = set(unique_keys()), messages()
    assert keys - set(words) == set(), "give these unique constraints a message"
    assert set(words) - keys == set(), "stale messages: no such constraint"
    assert all(words.values())


def test_the_loser_of_a_race_reads_what_a_later_post_would(app):
    from mentorship.duplicates import messages
    from mentorship.mentoring.enrolment.services import already_invited
    from mentorship.mentoring.talks.services import talk_exists
    from mentorship.networks.invitations import sent_message

    with app.test_request_context():
        words = messages()
        assert words["uq_mentor_enrolment_round_user"] == already_invited()
        assert words["uq_mentor_talk_pair_author_day"] == talk_exists()
        assert words["uq_network_invitation_network_id"] == sent_message()


def test_the_broken_constraint_is_named_on_both_databases(app, build_round):
    """A real violation of each kind of key (constraint, index) is traced to its name."""
    from sqlalchemy.exc import IntegrityError

    from mentorship.duplicates import broken_key
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MentorRound

    r = build_round(pairs=1, state="open")
    with app.app_context():
        round_ = db.session.get(MentorRound, r.id)
        first = db.session.get(Enrolment, r.mentors[0].id)
        db.session.add(Enrolment(round_id=round_.id, user_id=first.user_id, external_id="x"))
        with pytest.raises(IntegrityError) as err:
            db.session.flush()
        db.session.rollback()
    assert broken_key(err.value) == "uq_mentor_enrolment_round_user"


def _clients(app, *emails):
    clients = []
    for email in emails:
        client = app.test_client()
        assert client.post("/logga-in", data={"email": email, "password": PASSWORD}
                           ).status_code == 302
        clients.append(client)
    return clients


def _meet_in(monkeypatch, module, name):
    """Both request threads wait for each other at the call (the main thread passes)."""
    real = getattr(module, name)
    barrier = threading.Barrier(2, timeout=15)

    def together(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            barrier.wait()
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, together)


def _at_once(posts):
    with ThreadPoolExecutor(max_workers=len(posts)) as pool:
        return list(pool.map(lambda p: p[0].post(p[1], data=p[2]), posts))


@pytest.mark.committed
def test_two_invitations_of_one_person_at_once(app, make_user, build_round, monkeypatch):
    from mentorship.extensions import db
    from mentorship.mentoring.enrolment import services
    from mentorship.mentoring.models import Enrolment

    r = build_round(pairs=0, state="open")
    make_user("admin2@example.org", roles=("admin",))
    make_user("hr.hbg@example.org", roles=("hr",), municipality="Helsingborg")
    person = make_user("chef@example.org", municipality="Helsingborg", name="Cecilia Chef")
    _meet_in(monkeypatch, services, "enrol_user")
    url = f"/mentorskap/omgangar/{r.id}/bjud-in"
    clients = _clients(app, "admin2@example.org", "hr.hbg@example.org")
    data = {"email": person.email, "name": "", "municipality_id": "0"}
    responses = _at_once([(c, url, data) for c in clients])
    codes = sorted(x.status_code for x in responses)
    # Both met before writing: the loser breaks the unique key (303, "redan inbjuden").
    # On a slow machine the winner may have committed before the loser's write began, which
    # then finds the enrolment and keeps it: one row either way, never a 503.
    assert codes in ([302, 303], [302, 302]), [x.get_data(as_text=True)[:500]
                                                for x in responses]
    if codes == [302, 303]:
        loser = next(c for c, x in zip(clients, responses, strict=True) if x.status_code == 303)
        with app.test_request_context():
            invited = services.already_invited()
        assert flashes(loser.get(url)) == [("error", invited)]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Enrolment).where(
            Enrolment.user_id == person.id)) == 1


@pytest.mark.committed
def test_a_talk_form_posted_twice_at_once_makes_one_talk(app, build_round, password_hash,
                                                         monkeypatch):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair, MentorTalk
    from mentorship.mentoring.talks import services

    build_round(pairs=1, state="running", password_hash=password_hash)
    with app.app_context():
        pair = db.session.scalars(select(MentorPair)).first()
        pair_id, adept = pair.id, pair.adept.user.email
    _meet_in(monkeypatch, services, "refuse_second_talk")
    first, second = _clients(app, adept, adept)
    url = f"/mentorskap/par/{pair_id}/samtal"
    data = {"held_on": "2025-10-01", "minutes": "45", "private_note": ""}
    responses = _at_once([(first, url, data), (second, url, data)])
    # The loser is refused by the unique key (303, the message after the redirect) or, when
    # the winner committed before its check ran (a slow machine), by the check itself
    # (200, the message on the form): either way one talk and the same words.
    codes = sorted(x.status_code for x in responses)
    assert codes in ([302, 303], [200, 302]), codes
    loser = 0 if responses[0].status_code != 302 else 1
    page = (responses[loser].get_data(as_text=True) if codes == [200, 302]
            else (first, second)[loser].get(url).get_data(as_text=True))
    with app.test_request_context():
        exists = services.talk_exists()
    if codes == [200, 302]:
        assert refused(page) == {"held_on"} and exists in page
    else:
        assert flashes(page) == [("error", exists)]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(MentorTalk)) == 1


def test_a_talk_posted_again_is_refused_on_its_date(app, client, auth, build_round,
                                                    password_hash):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair, MentorTalk

    build_round(pairs=1, state="running", password_hash=password_hash)
    with app.app_context():
        pair = db.session.scalars(select(MentorPair)).first()
        pair_id, adept = pair.id, pair.adept.user.email
    auth.login(adept)
    url = f"/mentorskap/par/{pair_id}/samtal"
    data = {"held_on": "2025-10-01", "minutes": "45"}
    assert client.post(url, data=data).status_code == 302
    again = client.post(url, data=data)
    assert again.status_code == 200
    assert refused(again) == {"held_on"}
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(MentorTalk)) == 1
    client.post(url, data={**data, "held_on": "2025-10-02"})
    with app.app_context():
        later = db.session.scalar(select(MentorTalk).where(
            MentorTalk.held_on == date(2025, 10, 2)))
        assert db.session.scalar(select(func.count()).select_from(MentorTalk)) == 2
    moved = client.post(f"/mentorskap/samtal/{later.id}/andra", data=data)
    assert moved.status_code == 200
    assert refused(moved) == {"held_on"}
    with app.app_context():
        assert db.session.get(MentorTalk, later.id).held_on == date(2025, 10, 2)


def test_a_page_that_breaks_a_key_while_loading_does_not_redirect_to_itself(app, client,
                                                                            monkeypatch):
    from sqlalchemy.exc import IntegrityError

    from mentorship.access import public
    from mentorship.duplicates import messages

    @public
    def breaks():
        raise IntegrityError("INSERT ...", {}, Exception(
            "UNIQUE constraint failed: mentor_talk.pair_id, mentor_talk.author_id, "
            "mentor_talk.held_on"))

    monkeypatch.setitem(app.view_functions, "main.accessibility", breaks)
    response = client.get("/tillganglighet")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/")
    start = client.get("/", follow_redirects=True)
    with app.test_request_context():
        exists = messages()["uq_mentor_talk_pair_author_day"]
    assert flashes(start) == [("error", exists)]  # the broken key's message


#: Tables with no key but their id whose rows are not made by a form a person could post
#: twice, and why a double post cannot add a second row.
WRITTEN_AS_A_SIDE_EFFECT = {
    "database_identity": "one row, written by its migration (or the first job)",
    "audit_entry": "a log: one entry per event",
    "outbox_message": "written by the use case that sends it",
    "purge_log": "the purge's own record",
    "mentor_round_change": "a log of changes after publishing",
    "mentor_round_transition": "a log of the round's states; a transition checks the state",
    "trainee_outcome_change": "the outcome's history (the outcome is unique per trainee)",
    "mentor_match_run": "a run is a job; one job per round runs at a time",
    "mentor_pair": "written by publishing, which moves the round's state once",
    "mentor_proposed_pair": "the engine's output, replaced on every run",
    "network_coordinator": "the second post finds the first coordinator (already one)",
}
#: Tables with no key but their id that a form creates: the form carries a token.
MADE_BY_A_ONCE_FORM = {
    "network_member": "mentorship.networks.forms:MemberForm",
    "network_survey": "mentorship.networks.forms:SurveyForm",
    "trainee_event": "mentorship.trainees.forms:EventForm",
    "trainee_milestone": "mentorship.trainees.forms:MilestoneForm",
    "trainee_outcome_reminder": "mentorship.trainees.forms:OutcomeReminderForm",
    "mentor_reminder": "mentorship.mentoring.rounds.forms:ReminderForm",
}


def test_every_table_without_a_key_is_guarded_against_double_posts(app):
    import importlib

    from sqlalchemy import UniqueConstraint

    from mentorship.extensions import db
    from mentorship.once import OnceForm

    unkeyed = {  # a composite primary key (user_role, attendance) is a natural key
        t.name for t in db.metadata.sorted_tables
        if [c.name for c in t.primary_key.columns] == ["id"]
        and not any(isinstance(c, UniqueConstraint) for c in t.constraints)
        and not any(i.unique for i in t.indexes)
    }
    listed = set(WRITTEN_AS_A_SIDE_EFFECT) | set(MADE_BY_A_ONCE_FORM)
    assert unkeyed - listed == set(), "give these a unique key, or their form OnceForm"
    assert listed - unkeyed == set(), "stale: these have a key now"
    for table, path in MADE_BY_A_ONCE_FORM.items():
        module, name = path.split(":")
        assert issubclass(getattr(importlib.import_module(module), name), OnceForm), table


HOLDER = "innehavare@example.org"


@pytest.mark.committed
def test_an_invitation_accepted_twice_at_once_makes_one_member(app, make_user, monkeypatch):
    from mentorship.extensions import db
    from mentorship.networks import invitations
    from mentorship.networks.models import NetworkMember

    holder_id, invitation_id = _invited_holder(app, make_user)
    _meet_in(monkeypatch, invitations, "_take")
    first, second = _clients(app, HOLDER, HOLDER)
    url = f"/natverk/inbjudningar/{invitation_id}/ja"
    responses = _at_once([(first, url, {}), (second, url, {})])
    assert [x.status_code for x in responses] == [302, 302]
    pages = [c.get("/natverk/inbjudningar") for c in (first, second)]
    assert sorted(flashed(p) for p in pages) == [["error"], ["success"]]  # one was refused
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(NetworkMember).where(
            NetworkMember.user_id == holder_id)) == 1


def _invited_holder(app, make_user):
    """A network, its coordinator and an invitation of another person's account."""
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.networks import invitations
    from mentorship.networks.invitation_models import MEMBER, NetworkInvitation
    from tests.app.networks.conftest import coordinated_network

    coord = make_user("samordnare@example.org", municipality="Bjuv")
    holder = make_user(HOLDER, municipality="Klippan")
    with app.test_request_context():
        network = coordinated_network("Dubbelsvarsnätverket", coord.email)
        invitations.invite(db.session.get(User, coord.id), network,
                           invitations.Invite(holder.email, MEMBER))
        db.session.commit()
        return holder.id, db.session.scalar(select(NetworkInvitation.id))


def _accept_twice(holder_id: int, invitation_id: int):
    """The holder accepts the same loaded invitation twice: the second finds it taken."""
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.networks import invitations
    from mentorship.networks.services import today
    from mentorship.refusals import ServiceError

    holder = db.session.get(User, holder_id)
    invitation = invitations.own_invitation(holder, invitation_id)
    invitations.accept(holder, invitation, today())
    with pytest.raises(ServiceError) as err:
        invitations.accept(holder, invitation, today())
    return err.value


def test_an_invitation_accepted_again_is_refused_and_makes_one_member(app, make_user):
    from mentorship.extensions import db
    from mentorship.networks.invitation_models import NetworkInvitation
    from mentorship.networks.models import NetworkMember

    holder_id, invitation_id = _invited_holder(app, make_user)
    with app.test_request_context():
        refusal = _accept_twice(holder_id, invitation_id)
        assert refusal.field is None
        assert db.session.scalar(select(func.count()).select_from(NetworkMember).where(
            NetworkMember.user_id == holder_id)) == 1
        assert db.session.get(NetworkInvitation, invitation_id) is None


@pytest.mark.wording
def test_an_invitation_answered_twice_says_so(app, make_user):
    holder_id, invitation_id = _invited_holder(app, make_user)
    with app.test_request_context():
        assert _accept_twice(holder_id, invitation_id).message == "Inbjudan är redan besvarad."
