"""The register's services: start checklist and activation, plans, coordinators with
history, members and leaving, closing, what is missing this year and the reminders."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from mentorship.extensions import db
from mentorship.refusals import ServiceError
from tests.app.networks.conftest import answer_all, field_id, full_plan, muni_id, user


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
        with pytest.raises(ServiceError) as err:
            activate(user("coord@example.org"), net, today())
        assert "En majoritet har sagt ja (5 av 11, minst 6 behövs)." in err.value.message
        answer_all(net, yes=6)
        activate(user("coord@example.org"), net, today())
        assert net.status == "active" and net.activated_on == today()


def test_activation_lists_every_missing_step(app, nets, load):
    from mentorship.networks.checklist import activate, start_checklist
    from mentorship.networks.services import today

    with app.app_context():
        net = load(nets.net)
        answer_all(net, yes=7, management=False, told=False)
        steps = {s.label: s.done for s in start_checklist(net, today().year).steps}
        assert steps["Alla 11 medlemskommuner är inbjudna (11 av 11)."]
        assert not steps["Berörd ledning är tillfrågad i varje kommun som sagt ja (0 av 7)."]
        told = "Sekretariatet har fått besked från varje kommun som svarat (0 av 11)."
        assert not steps[told]
        with pytest.raises(ServiceError) as err:
            activate(user("coord@example.org"), net, today())
        assert told in err.value.message
        assert f"Syfte för {today().year}." in err.value.message


def test_an_answer_needs_an_invitation(app, nets, load):
    from mentorship.networks.checklist import MunicipalityStatus, record_municipalities
    from mentorship.networks.services import today

    with app.app_context():
        net = load(nets.net)
        with pytest.raises(ServiceError, match="utan att vara inbjuden"):
            record_municipalities(
                None, net, [MunicipalityStatus(muni_id("Bjuv"), False, "yes", False)], today()
            )


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


def test_coordinator_changes_keep_the_history(app, nets, load):
    from mentorship.networks.services import (
        NewCoordinator,
        assign_coordinator,
        can_edit,
        current_coordinator,
        today,
    )

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
        with pytest.raises(ServiceError, match="inget konto"):
            assign_coordinator(None, net, NewCoordinator("nobody@example.org"), today())


def test_members_read_outsiders_do_not(app, nets, load):
    from mentorship.networks.services import can_read_all, editable_network, readable_network

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
        with pytest.raises(ServiceError, match="redan medlem"):
            add_member(None, net, MemberData("", 0, "", None, "member@example.org"), today())
        with pytest.raises(ServiceError, match="Välj kommun"):
            add_member(None, net, MemberData("Namn", 0, "", None), today())
        leave(user("member@example.org"), net, maja, today())
        with pytest.raises(ServiceError, match="redan lämnat"):
            leave(user("member@example.org"), net, maja, today())
        db.session.commit()
        from mentorship.networks.services import readable_network

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
        with pytest.raises(ServiceError, match="avslutat"):
            save_plan(None, net, today().year, full_plan())


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
        with pytest.raises(ServiceError, match="redan"):
            save_field(user("admin@example.org"), FieldName("miljö"))
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
    from mentorship.networks.services import (
        FieldName,
        NetworkData,
        leave,
        save_field,
        save_network,
        save_plan,
        today,
    )
    from mentorship.networks.survey import SurveyText, create_survey

    not_allowed = "Du har inte behörighet till den här sidan."
    with app.test_request_context():
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
        for change in refused:
            with pytest.raises(ServiceError, match=not_allowed):
                change()
        save_plan(coord, net, today().year, full_plan())  # its own coordinator may
        invitations.invite(coord, net, invitations.Invite("outsider@example.org", MEMBER))
        invitation = db.session.scalar(select(NetworkInvitation))
        with pytest.raises(ServiceError, match=not_allowed):
            invitations.decline(member, invitation)  # only its holder answers
        with pytest.raises(ServiceError, match=not_allowed):
            invitations.invite(member, net, invitations.Invite("admin@example.org", MEMBER))
        invitations.decline(outsider, invitation)
        assert db.session.scalar(select(NetworkInvitation)) is None
