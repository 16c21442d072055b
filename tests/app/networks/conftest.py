"""Fixtures for the network register: fields, one network under start-up with a coordinator
and a member, an admin (the secretariat) and an outsider."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from types import SimpleNamespace

import pytest

#: The start checklist's steps, in the order `checklist.start_checklist` makes them: every
#: municipality invited, a majority said yes, management asked, the secretariat told,
#: this year's purpose, goals and meetings, a coordinator.
INVITED, MAJORITY, MANAGEMENT, TOLD, PURPOSE, GOALS, MEETINGS, COORDINATOR = range(8)

#: This year: the plan the pages ask for is this year's.
YEAR = date.today().year
#: Test data: why the network closes.
REASON = "Uppdraget är slutfört."


def not_allowed() -> str:
    """The words a service refuses an actor with (the 403 page's), from the code; inside a
    request context."""
    from mentorship.refusals import not_allowed as refusal

    return refusal().message


def closed_message() -> str:
    """The words a service refuses a change to a closed network with, from the code."""
    from mentorship.networks.rights import require_open
    from mentorship.refusals import ServiceError

    class _Closed:
        status = "closed"

    try:
        require_open(_Closed())  # type: ignore[arg-type]
    except ServiceError as err:
        return err.message
    raise AssertionError("require_open let a closed network through")


def status_label(app, code: str) -> str:
    """A status's label, from the code."""
    from mentorship.networks.labels import status_labels

    with app.test_request_context():
        return status_labels()[code]


def _html(page) -> str:
    return page if isinstance(page, str) else page.get_data(as_text=True)


def missing_steps(page) -> list[str]:
    """The steps the activation page lists as missing (its `ul.missing-steps`), in order."""
    found = re.search(r'<ul class="missing-steps">(.*?)</ul>', _html(page), re.S)
    return [unescape(t) for t in re.findall(r"<li>(.*?)</li>", found[1], re.S)] if found else []


def offers_activation(page) -> bool:
    """Whether the activation page offers its confirmation: the form that posts there."""
    return re.search(r'<form method="post" class="confirm">', _html(page)) is not None


def checklist_shown(page) -> list[tuple[bool, str]]:
    """The network page's start checklist (`ul#start-checklist`): each step as (done, its
    line), in order."""
    found = re.search(r'<ul id="start-checklist">(.*?)</ul>', _html(page), re.S)
    items = re.findall(r'<li data-done="(true|false)">(.*?)</li>', found[1], re.S) if found else []
    return [(done == "true", " ".join(unescape(text).split())) for done, text in items]


def expected_missing(app, load, network_id: int, on=None) -> list[str]:
    """What the service says is missing before the network can be active on `on` (today):
    the labels of the steps not done, for the year whose plan counts."""
    from mentorship.networks.checklist import start_checklist, start_plan_year
    from mentorship.networks.services import today

    with app.test_request_context():
        net = load(network_id)
        checklist = start_checklist(net, start_plan_year(net, on or today()))
        return [s.label for s in checklist.steps if not s.done]


def muni_id(name: str) -> int:
    from sqlalchemy import select

    from mentorship.extensions import db
    from mentorship.reference.models import Municipality

    return db.session.scalar(select(Municipality.id).where(Municipality.name == name))


def field_id(name: str) -> int:
    from sqlalchemy import select

    from mentorship.extensions import db
    from mentorship.networks.models import NetworkField

    return db.session.scalar(select(NetworkField.id).where(NetworkField.name == name))


def user(email: str):
    """The account with the address, loaded in the current session (app context)."""
    from sqlalchemy import select

    from mentorship.auth.models import User
    from mentorship.extensions import db

    return db.session.scalar(select(User).where(User.email == email))


def coordinated_network(name: str, coordinator_email: str):
    """Inside a request context: a network in the first field, with the account at
    `coordinator_email` as its coordinator from today, made by the system (not committed)."""
    from sqlalchemy import select

    from mentorship.extensions import db
    from mentorship.networks.models import NetworkField
    from mentorship.networks.services import (
        NetworkData,
        NewCoordinator,
        assign_coordinator,
        save_network,
        seed_fields,
        today,
    )

    seed_fields()
    field = db.session.scalar(select(NetworkField.id).order_by(NetworkField.id))
    network = save_network(None, NetworkData(name, field))
    assign_coordinator(None, network, NewCoordinator(coordinator_email), today())
    return network


def answer_all(network, yes: int, management: bool = True, told: bool = True) -> None:
    """Invite every municipality; the first `yes` (by name) say yes, the rest no; `told`:
    each has told the secretariat (recorded by the system: no one acting)."""
    from mentorship.networks.checklist import MunicipalityStatus, record_municipalities
    from mentorship.networks.services import today

    rows = sorted(network.municipalities, key=lambda nm: nm.municipality.name)
    record_municipalities(
        None,
        network,
        [
            MunicipalityStatus(nm.municipality_id, True, "yes" if i < yes else "no",
                               management and i < yes, told)
            for i, nm in enumerate(rows)
        ],
        today(),
    )


def checklist_rows(ids, answers=None, invited=(), management=(), told=(), **extra) -> dict:
    """The start checklist's form data: one row per municipality id, in the given order."""
    data = dict(extra)
    for i, mid in enumerate(ids):
        data[f"rows-{i}-municipality_id"] = str(mid)
        data[f"rows-{i}-answer"] = (answers or {}).get(mid, "")
        if mid in invited:
            data[f"rows-{i}-invited"] = "y"
        if mid in management:
            data[f"rows-{i}-management"] = "y"
        if mid in told:
            data[f"rows-{i}-secretariat"] = "y"
    return data


def full_plan():
    from mentorship.networks.services import PlanData

    return PlanData(
        "Utveckla HR-arbetet i kommunerna tillsammans.",
        "Två gemensamma utbildningar.",
        "Fyra gånger per år",
        "Hos kommunerna i tur och ordning",
        "Samordnaren",
    )


@pytest.fixture
def nets(app, make_user):
    """A network "Biblioteksnätverket" (under uppstart) coordinated by coord@example.org,
    with member@example.org as a member; admin@example.org; outsider@example.org; and a
    second network "Miljönätverket" with no one."""
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.networks.services import (
        MemberData,
        NetworkData,
        NewCoordinator,
        add_member,
        assign_coordinator,
        save_network,
        seed_fields,
        today,
    )

    admin = make_user("admin@example.org", roles=("admin",))
    coord = make_user("coord@example.org", municipality="Bjuv", name="Cora Samordnare")
    member = make_user("member@example.org", municipality="Klippan", name="Maja Medlem")
    outsider = make_user("outsider@example.org", municipality="Bjuv", name="Olle Utanför")
    with app.test_request_context():
        seed_fields()
        # Set up by the system (no one acting), as the demo does.
        net = save_network(None, NetworkData("Biblioteksnätverket", field_id("Lärande")))
        other = save_network(None, NetworkData("Miljönätverket", field_id("Miljö")))
        assign_coordinator(None, net, NewCoordinator("coord@example.org"), today())
        add_member(None, net, MemberData("", 0, "bibliotekschef", None, "member@example.org"),
                   today())
        add_member(
            None,
            net,
            MemberData("Kim Extern", muni_id("Höganäs"), "biblioteksassistent", "kim@example.org"),
            today(),
        )
        db.session.commit()
        ids = SimpleNamespace(net=net.id, other=other.id)
        assert db.session.get(User, coord.id) is not None
    return SimpleNamespace(admin=admin, coord=coord, member=member, outsider=outsider, **vars(ids))


@pytest.fixture
def load(app):
    """load(network_id) -> the network with everything the services use (app context)."""
    from mentorship.networks.rights import _load

    return _load
