"""The register's services: start checklist and activation, plans, coordinators with
history, members and leaving, closing, what is missing this year and the reminders."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from mentorship.extensions import db
from mentorship.refusals import ServiceError
from tests.app.networks.conftest import (
    COORDINATOR,
    GOALS,
    INVITED,
    MAJORITY,
    MANAGEMENT,
    MEETINGS,
    PURPOSE,
    TOLD,
    answer_all,
    closed_message,
    field_id,
    full_plan,
    muni_id,
    not_allowed,
    user,
)


def test_a_new_network_invites_every_member_municipality_later(app, nets, load):
    with app.app_context():
        net = load(nets.net)
        assert len(net.municipalities) == 11
        assert all(nm.invited_on is None and nm.answer is None for nm in net.municipalities)
        assert net.status == "starting"


def test_activation_needs_a_majority_of_the_eleven(app, nets, load):
    from mentorship.networks.checklist import activate, set_secretariat_informed, start_checklist
    from mentorship.networks.services import save_plan, today

    with app.app_context():
        net = load(nets.net)
        save_plan(None, net, today().year, full_plan())
        set_secretariat_informed(None, net, True, today())
        answer_all(net, yes=5)
        checklist = start_checklist(net, today().year)
        assert (checklist.municipalities, checklist.yes, checklist.needed) == (11, 5, 6)
        assert not checklist.complete
        # Only the majority is missing, and the refusal names that step.
        assert [i for i, s in enumerate(checklist.steps) if not s.done] == [MAJORITY]
        with pytest.raises(ServiceError) as err:
            activate(user("coord@example.org"), net, today())
        assert checklist.steps[MAJORITY].label in err.value.message
        assert net.status == "starting" and net.activated_on is None
        answer_all(net, yes=6)
        assert start_checklist(net, today().year).complete
        activate(user("coord@example.org"), net, today())
        assert net.status == "active" and net.activated_on == today()


def test_activation_lists_every_missing_step(app, nets, load):
    from mentorship.networks.checklist import activate, start_checklist
    from mentorship.networks.services import today

    with app.app_context():
        net = load(nets.net)
        answer_all(net, yes=7, management=False, told=False)
        checklist = start_checklist(net, today().year)
        assert (checklist.invited, checklist.yes) == (11, 7)
        missing = [i for i, s in enumerate(checklist.steps) if not s.done]
        assert missing == [MANAGEMENT, TOLD, PURPOSE, GOALS, MEETINGS]
        assert checklist.steps[INVITED].done and checklist.steps[MAJORITY].done
        assert checklist.steps[COORDINATOR].done
        with pytest.raises(ServiceError) as err:
            activate(user("coord@example.org"), net, today())
        # Every missing step is named in the one refusal, and none that is done.
        for i, step in enumerate(checklist.steps):
            assert (step.label in err.value.message) == (i in missing), step.label
        assert net.status == "starting"


@pytest.mark.wording
def test_the_start_checklist_says_how_far_each_step_has_come(app, nets, load):
    """The steps' words with their counts (the page and the refusal show these), and the
    refusal that lists them."""
    from mentorship.networks.checklist import activate, start_checklist
    from mentorship.networks.services import today

    year = today().year
    with app.test_request_context():
        net = load(nets.net)
        answer_all(net, yes=7, management=False, told=False)
        assert [s.label for s in start_checklist(net, year).steps] == [
            "Alla 11 medlemskommuner är inbjudna (11 av 11).",
            "En majoritet har sagt ja (7 av 11, minst 6 behövs).",
            "Berörd ledning är tillfrågad i varje kommun som sagt ja (0 av 7).",
            "Sekretariatet har fått besked från varje kommun som svarat (0 av 11).",
            f"Syfte för {year}.",
            f"Mål för {year}.",
            f"Mötesorganisation för {year} (hur ofta, var, vem leder).",
            "En samordnare.",
        ]
        answer_all(net, yes=5)
        assert start_checklist(net, year).steps[MAJORITY].label == (
            "En majoritet har sagt ja (5 av 11, minst 6 behövs).")
        with pytest.raises(ServiceError) as err:
            activate(user("coord@example.org"), net, today())
        assert err.value.message == (
            "Nätverket kan inte bli aktivt än. Saknas: En majoritet har sagt ja (5 av 11, "
            f"minst 6 behövs). Syfte för {year}. Mål för {year}. Mötesorganisation för {year} "
            "(hur ofta, var, vem leder).")


def test_an_answer_needs_an_invitation(app, nets, load):
    from mentorship.networks.checklist import MunicipalityStatus, record_municipalities
    from mentorship.networks.services import today

    with app.app_context():
        net = load(nets.net)
        with pytest.raises(ServiceError) as err:
            record_municipalities(
                None, net, [MunicipalityStatus(muni_id("Bjuv"), False, "yes", False)], today()
            )
        assert "Bjuv" in err.value.message  # the municipality is named
        bjuv = next(nm for nm in net.municipalities if nm.municipality.name == "Bjuv")
        assert bjuv.answer is None and bjuv.invited_on is None


def test_the_plan_is_one_per_year_and_replaced(app, nets, load):
    from mentorship.networks.models import NetworkPlan
    from mentorship.networks.services import PlanData, save_plan

    with app.app_context():
        net = load(nets.net)
        save_plan(None, net, 2025, full_plan())
        save_plan(None, net, 2025, PlanData("Nytt syfte", "", "", "", ""))
        plans = db.session.scalars(select(NetworkPlan).where(NetworkPlan.network_id == net.id))
        (plan,) = list(plans)
        assert plan.purpose == "Nytt syfte" and not plan.has_goals and not plan.has_meetings
        with pytest.raises(ServiceError):
            save_plan(None, net, 1999, full_plan())
        assert [p.year for p in net.plans] == [2025]


def test_coordinator_changes_keep_the_history(app, nets, load):
    from mentorship.networks.rights import can_edit, current_coordinator
    from mentorship.networks.services import NewCoordinator, assign_coordinator, today

    with app.app_context():
        net = load(nets.net)
        assert can_edit(user("coord@example.org"), net)
        assign_coordinator(None, net, NewCoordinator("MEMBER@example.org"), today())
        db.session.commit()
        net = load(nets.net)
        assert current_coordinator(net).user.email == "member@example.org"
        assert [c.user.email for c in net.coordinators] == [
            "member@example.org", "coord@example.org"
        ]
        assert net.coordinators[1].ended_on == today()
        # The former coordinator no longer edits; the new one does; it is not a global role.
        assert not can_edit(user("coord@example.org"), net)
        assert can_edit(user("member@example.org"), net)
        assert not can_edit(user("member@example.org"), load(nets.other))
        with pytest.raises(ServiceError) as err:
            assign_coordinator(None, net, NewCoordinator("nobody@example.org"), today())
        assert err.value.field == "email"
        assert current_coordinator(net).user.email == "member@example.org"


def test_members_read_outsiders_do_not(app, nets, load):
    from mentorship.networks.rights import can_read_all, editable_network, readable_network

    with app.app_context():
        assert readable_network(user("member@example.org"), nets.net) is not None
        assert editable_network(user("member@example.org"), nets.net) is None
        assert readable_network(user("outsider@example.org"), nets.net) is None
        assert readable_network(user("admin@example.org"), nets.other) is not None
        assert not can_read_all(user("coord@example.org"), load(nets.other))


def test_adding_members_and_leaving(app, nets, load):
    from mentorship.networks.services import MemberData, add_member, leave, today

    with app.app_context():
        net = load(nets.net)
        assert [m.name for m in net.members] == ["Kim Extern", "Maja Medlem"]
        maja = next(m for m in net.members if m.name == "Maja Medlem")
        assert maja.email == "member@example.org"
        assert maja.municipality_id == muni_id("Klippan")
        with pytest.raises(ServiceError) as err:
            add_member(None, net, MemberData("", 0, "", None, "member@example.org"), today())
        assert err.value.field == "account_email"
        with pytest.raises(ServiceError) as err:
            add_member(None, net, MemberData("Namn", 0, "", None), today())
        assert err.value.field == "municipality_id"
        assert len(net.members) == 2
        leave(user("member@example.org"), net, maja, today())
        assert maja.left_on == today()
        with pytest.raises(ServiceError) as err:
            leave(user("member@example.org"), net, maja, today())
        assert "Maja Medlem" in err.value.message  # the member is named
        db.session.commit()
        from mentorship.networks.rights import readable_network

        assert readable_network(user("member@example.org"), nets.net) is None


def test_closing_needs_a_reason_and_everyone_told(app, nets, load):
    from mentorship.networks.checklist import Closing, close
    from mentorship.networks.services import save_plan, today

    with app.app_context():
        net = load(nets.net)
        answer_all(net, yes=3)
        yes = [nm.municipality_id for nm in net.municipalities if nm.answer == "yes"]
        with pytest.raises(ServiceError) as err:
            close(None, net, Closing("Verksamheten har flyttat till regionen.",
                                     frozenset(yes[:2]), True), today())
        assert err.value.field == "informed"
        with pytest.raises(ServiceError) as err:
            close(None, net, Closing("kort", frozenset(yes), True), today())
        assert err.value.field == "reason"
        with pytest.raises(ServiceError) as err:
            close(None, net, Closing("Verksamheten har flyttat.", frozenset(yes), False), today())
        assert err.value.field == "secretariat_informed"
        close(None, net, Closing("Verksamheten har flyttat till regionen.", frozenset(yes),
                                 True), today())
        assert net.status == "closed" and net.closed_on == today()
        assert all(c.ended_on is not None for c in net.coordinators)
        with pytest.raises(ServiceError) as err:
            save_plan(None, net, today().year, full_plan())
        assert err.value.message == closed_message() and net.plans == []


def test_missing_this_year_and_reminders_through_the_outbox(app, nets, load):
    from mentorship.mail.models import OutboxMessage
    from mentorship.networks.checklist import missing_this_year, remind_coordinators
    from mentorship.networks.services import PlanData, save_plan

    year = date.today().year
    with app.test_request_context():
        net = load(nets.net)
        save_plan(None, net, year, PlanData("Ett syfte", "", "", "", ""))
        missing = {m.network.name: m for m in missing_this_year(year)}
        assert set(missing) == {"Biblioteksnätverket", "Miljönätverket"}
        line = missing["Biblioteksnätverket"]
        assert (line.purpose, line.goals, line.meetings) == (True, False, False)
        assert line.coordinator == "Cora Samordnare"
        # Only the network with a coordinator gets a reminder.
        assert remind_coordinators(None, year) == 1
        (mail,) = db.session.scalars(select(OutboxMessage)).all()
        assert mail.recipient == "coord@example.org"
        assert "mål, mötesorganisation" in mail.subject
        assert f"/natverk/{nets.net}/plan/{year}" in mail.body
        save_plan(None, net, year, full_plan())
        assert [m.network.name for m in missing_this_year(year)] == ["Miljönätverket"]


def test_list_networks_counts_yes_municipalities(app, nets, load, count_queries):
    from mentorship.networks.services import NetworkData, list_networks, save_network

    with app.app_context():
        answer_all(load(nets.net), yes=4)
        for i in range(5):
            save_network(None, NetworkData(f"Nätverk {i}", field_id("HR")))
        db.session.commit()
        with count_queries() as counter:
            lines = list_networks(date.today().year)
        assert counter.count <= 4
        counts = {line.network.name: line.municipalities for line in lines}
        assert counts["Biblioteksnätverket"] == 4 and counts["Nätverk 0"] == 0
        assert {line.coordinator for line in lines} == {"Cora Samordnare", ""}
        only = list_networks(date.today().year, field_id=field_id("Miljö"))
        assert [line.network.name for line in only] == ["Miljönätverket"]


def test_fields_are_an_editable_list(app, nets):
    from mentorship.networks.services import (
        FieldName,
        NetworkData,
        fields,
        save_field,
        save_network,
    )

    with app.app_context():
        with pytest.raises(ServiceError) as err:
            save_field(user("admin@example.org"), FieldName("miljö"))
        assert err.value.field == "name"
        assert [f.name for f in fields()].count("Miljö") == 1
        culture = save_field(user("admin@example.org"), FieldName("Kultur"))
        culture.active = False
        db.session.flush()
        assert "Kultur" not in [f.name for f in fields()]
        with pytest.raises(ServiceError) as err:
            save_network(None, NetworkData("Kulturnätverket", culture.id))
        assert err.value.field == "field_id"


def test_each_change_checks_who_acts(app, nets, load):
    """The pages load a network through `editable_network` first; the services refuse on
    their own too, so no other caller can skip the rule."""
    from mentorship.networks import invitations
    from mentorship.networks.checklist import activate, remind_coordinators
    from mentorship.networks.invitation_models import MEMBER, NetworkInvitation
    from mentorship.networks.models import NetworkSurvey
    from mentorship.networks.services import (
        FieldName,
        NetworkData,
        fields,
        leave,
        save_field,
        save_network,
        save_plan,
        today,
    )
    from mentorship.networks.survey import SurveyText, create_survey

    with app.test_request_context():
        refusal = not_allowed()
        net, other = load(nets.net), load(nets.other)
        coord, member, outsider = (user(f"{who}@example.org")
                                   for who in ("coord", "member", "outsider"))
        refused = [
            lambda: save_plan(coord, other, today().year, full_plan()),  # not its coordinator
            lambda: save_plan(member, net, today().year, full_plan()),  # a member reads only
            lambda: activate(member, net, today()),
            lambda: save_network(coord, NetworkData("Eget nätverk", field_id("HR"))),
            lambda: save_network(member, NetworkData("Nytt namn", field_id("HR")), net),
            lambda: save_field(coord, FieldName("Kultur")),
            lambda: remind_coordinators(coord, today().year),
            lambda: create_survey(coord, SurveyText("Enkät", ["Fråga?"])),
            lambda: leave(outsider, net, next(m for m in net.members if m.user_id), today()),
        ]
        for i, change in enumerate(refused):
            with pytest.raises(ServiceError) as err:
                change()
            assert err.value.message == refusal, i
        # Nothing of it happened.
        assert (net.plans, other.plans, net.status, net.name) == (
            [], [], "starting", "Biblioteksnätverket")
        assert all(m.current for m in net.members)
        assert [f.name for f in fields(include_retired=True)].count("Kultur") == 0
        assert db.session.scalar(select(NetworkSurvey)) is None
        save_plan(coord, net, today().year, full_plan())  # its own coordinator may
        invitations.invite(coord, net, invitations.Invite("outsider@example.org", MEMBER))
        invitation = db.session.scalar(select(NetworkInvitation))
        for refused_answer in (
            lambda: invitations.decline(member, invitation),  # only its holder answers
            lambda: invitations.invite(member, net, invitations.Invite("admin@example.org",
                                                                       MEMBER)),
        ):
            with pytest.raises(ServiceError) as err:
                refused_answer()
            assert err.value.message == refusal
        assert [i.user.email for i in db.session.scalars(select(NetworkInvitation))] == [
            "outsider@example.org"]
        invitations.decline(outsider, invitation)
        assert db.session.scalar(select(NetworkInvitation)) is None
