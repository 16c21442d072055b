"""The network checklist: starting (invite all, a majority says yes, management asked,
secretariat informed, then plan and coordinator), closing (why, who was told), and what
is missing this year with the reminders to coordinators.

The changes take the acting user first (`rights.require_editor`, `refusals.require_admin`);
where the demo or a command calls one with no person acting, `actor` None is the system."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.db import swedish
from mentorship.extensions import db
from mentorship.mail.services import queue_mail
from mentorship.networks.models import (
    ACTIVE,
    ANSWERS,
    CLOSED,
    STARTING,
    YES,
    Network,
    NetworkCoordinator,
    NetworkPlan,
)
from mentorship.networks.rights import (
    current_coordinator,
    require_editor,
    require_open,
)
from mentorship.networks.services import list_networks, plan_for
from mentorship.refusals import ServiceError, require_admin
from mentorship.urls import external_url


@dataclass(frozen=True)
class MunicipalityStatus:
    municipality_id: int
    invited: bool
    answer: str | None
    management_asked: bool
    secretariat_told: bool = False


def record_municipalities(actor: User | None, network: Network, rows: list[MunicipalityStatus],
                          on: date) -> None:
    """The start checklist per municipality: invited, answer, management asked, the
    secretariat told. The network's own date of the secretariat being informed follows
    the rows: the day the last municipality that answered has told it. `actor` None: the
    system (the demo)."""
    require_editor(actor, network)
    require_open(network)
    by_id = {nm.municipality_id: nm for nm in network.municipalities}
    for row in rows:
        nm = by_id.get(row.municipality_id)
        if nm is None:
            continue
        if row.answer is not None and row.answer not in ANSWERS:
            raise ServiceError(_("Välj ja, nej eller inget svar än."))
        if row.answer and not row.invited:
            raise ServiceError(
                _("%(name)s kan inte ha svarat utan att vara inbjuden.", name=nm.municipality.name)
            )
        nm.invited_on = (nm.invited_on or on) if row.invited else None
        if row.answer != nm.answer:
            nm.answered_on = on if row.answer else None
        nm.answer = row.answer
        nm.management_asked = row.management_asked
        nm.secretariat_told = row.secretariat_told
    answered = [nm for nm in network.municipalities if nm.answer]
    informed = bool(answered) and all(nm.secretariat_told for nm in answered)
    network.secretariat_informed_on = (
        (network.secretariat_informed_on or on) if informed else None)
    db.session.flush()


def set_secretariat_informed(actor: User | None, network: Network, informed: bool, on: date
                             ) -> None:
    """Every municipality that has answered has told the secretariat (or none has): a
    network's whole start recorded at once, as the demo does (`actor` None: the system)."""
    require_editor(actor, network)
    require_open(network)
    for nm in network.municipalities:
        if nm.answer:
            nm.secretariat_told = informed
    network.secretariat_informed_on = (network.secretariat_informed_on or on) if informed else None
    db.session.flush()


@dataclass(frozen=True)
class Step:
    label: str
    done: bool


@dataclass
class Checklist:
    municipalities: int
    invited: int
    yes: int
    needed: int
    steps: list[Step] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return all(s.done for s in self.steps)


def plan_years(on: date) -> tuple[int, ...]:
    """The years whose plan a network may write on `on`: this year, and from December on
    the next (a network that starts in December plans the year it will work in)."""
    return (on.year, on.year + 1) if on.month == 12 else (on.year,)


def start_plan_year(network: Network, on: date) -> int:
    """The year whose plan counts for starting a network on `on`: this year's, or in
    December next year's when that one is complete and this year's is not."""
    years = plan_years(on)
    for year in years:
        plan = plan_for(network, year)
        if plan is not None and plan.has_purpose and plan.has_goals and plan.has_meetings:
            return year
    return years[0]


def start_checklist(network: Network, year: int) -> Checklist:
    rows = [nm for nm in network.municipalities if nm.municipality.active or nm.answer]
    total = len(rows)
    invited = sum(1 for nm in rows if nm.invited_on is not None)
    yes = [nm for nm in rows if nm.answer == YES]
    answered = [nm for nm in rows if nm.answer]
    needed = total // 2 + 1
    plan = plan_for(network, year)
    checklist = Checklist(total, invited, len(yes), needed)
    checklist.steps = [
        Step(ngettext("Den enda medlemskommunen är inbjuden (%(done)s av %(num)s).",
                      "Alla %(num)s medlemskommuner är inbjudna (%(done)s av %(num)s).", total,
                      done=invited), invited == total and total > 0),
        Step(_("En majoritet har sagt ja (%(yes)s av %(n)s, minst %(needed)s behövs).",
               yes=len(yes), n=total, needed=needed), len(yes) >= needed),
        Step(_("Berörd ledning är tillfrågad i varje kommun som sagt ja (%(done)s av %(n)s).",
               done=sum(1 for nm in yes if nm.management_asked), n=len(yes)),
             bool(yes) and all(nm.management_asked for nm in yes)),
        Step(ngettext("Sekretariatet har fått besked från kommunen som svarat (%(done)s av "
                      "%(num)s).",
                      "Sekretariatet har fått besked från varje kommun som svarat (%(done)s av "
                      "%(num)s).", len(answered),
                      done=sum(1 for nm in answered if nm.secretariat_told)),
             bool(answered) and all(nm.secretariat_told for nm in answered)),
        Step(_("Syfte för %(year)s.", year=year), plan is not None and plan.has_purpose),
        Step(_("Mål för %(year)s.", year=year), plan is not None and plan.has_goals),
        Step(_("Mötesorganisation för %(year)s (hur ofta, var, vem leder).", year=year),
             plan is not None and plan.has_meetings),
        Step(_("En samordnare."), current_coordinator(network) is not None),
    ]
    return checklist


def activate(actor: User, network: Network, on: date) -> None:
    """Under start-up to active, once everything on the start checklist is done."""
    require_editor(actor, network)
    if network.status != STARTING:
        raise ServiceError(_("Bara ett nätverk under uppstart kan bli aktivt."))
    checklist = start_checklist(network, start_plan_year(network, on))
    missing = [s.label for s in checklist.steps if not s.done]
    if missing:
        raise ServiceError(_("Nätverket kan inte bli aktivt än. Saknas: %(missing)s",
                             missing=" ".join(missing)))
    network.status = ACTIVE
    network.activated_on = on
    db.session.flush()


@dataclass(frozen=True)
class Closing:
    reason: str
    informed_municipality_ids: frozenset[int]
    secretariat_informed: bool


def close(actor: User | None, network: Network, data: Closing, on: date) -> None:
    """The network is closed (read-only from now on); its coordinator's assignment ends.
    `actor` None: the system (the demo)."""
    require_editor(actor, network)
    require_open(network)
    reason = (data.reason or "").strip()
    if len(reason) < 10:
        raise ServiceError(_("Skriv varför nätverket avslutas (minst 10 tecken)."), "reason")
    members = [nm for nm in network.municipalities if nm.answer == YES]
    untold = [nm.municipality.name for nm in members
              if nm.municipality_id not in data.informed_municipality_ids]
    if untold:
        raise ServiceError(
            _("Ledningen i varje medlemskommun ska ha fått besked. Saknas: %(names)s.",
              names=", ".join(sorted(untold))), "informed")
    if not data.secretariat_informed:
        raise ServiceError(_("Sekretariatet ska ha fått besked."), "secretariat_informed")
    for nm in members:
        nm.closing_informed = True
    network.close_reason = reason
    network.close_secretariat_informed = True
    network.closed_on = on
    network.status = CLOSED
    for c in network.coordinators:
        if c.ended_on is None:
            c.ended_on = on
    db.session.flush()


# --- what is missing this year ---------------------------------------------------------


@dataclass(frozen=True)
class Missing:
    network: Network
    coordinator: str
    purpose: bool
    goals: bool
    meetings: bool


def missing_this_year(year: int) -> list[Missing]:
    """Networks that are not closed and lack this year's purpose, goals or meetings."""
    out = []
    for line in list_networks(year):
        if line.network.status == CLOSED:
            continue
        plan = line.plan
        purpose = plan is not None and plan.has_purpose
        goals = plan is not None and plan.has_goals
        meetings = plan is not None and plan.has_meetings
        if not (purpose and goals and meetings):
            out.append(Missing(line.network, line.coordinator, purpose, goals, meetings))
    return out


def missing_for_coordinator(user: User, year: int) -> list[Network]:
    """The networks (not closed) the user coordinates that lack something this year."""
    ids = select(NetworkCoordinator.network_id).where(
        NetworkCoordinator.user_id == user.id, NetworkCoordinator.ended_on.is_(None)
    )
    networks = list(
        db.session.scalars(
            select(Network).where(Network.id.in_(ids), Network.status != CLOSED)
            .order_by(swedish(Network.name))
        )
    )
    if not networks:
        return []
    plans = {
        p.network_id: p
        for p in db.session.scalars(
            select(NetworkPlan).where(
                NetworkPlan.network_id.in_([n.id for n in networks]), NetworkPlan.year == year
            )
        )
    }
    return [
        n for n in networks
        if not ((p := plans.get(n.id)) and p.has_purpose and p.has_goals and p.has_meetings)
    ]


def remind_coordinators(actor: User | None, year: int) -> int:
    """One e-mail (through the outbox) to each current coordinator of a network that
    lacks something this year. Returns the number queued. The secretariat's; `actor`
    None: the system (`flask networks remind`)."""
    require_admin(actor)
    missing = missing_this_year(year)
    if not missing:
        return 0
    ids = [m.network.id for m in missing]
    coordinators = {
        c.network_id: c.user
        for c in db.session.scalars(
            select(NetworkCoordinator).where(
                NetworkCoordinator.network_id.in_(ids), NetworkCoordinator.ended_on.is_(None)
            )
        )
        if c.user is not None and c.user.active
    }
    sent = 0
    for m in missing:
        user = coordinators.get(m.network.id)
        if user is None:
            continue
        lacking = [label for ok, label in (
            (m.purpose, _("syfte")), (m.goals, _("mål")), (m.meetings, _("mötesorganisation"))
        ) if not ok]
        queue_mail(
            user.email,
            _("Påminnelse: %(network)s saknar %(what)s för %(year)s",
              network=m.network.name, what=", ".join(lacking), year=year),
            _("Hej %(name)s!\n\nEnligt checklistan för nätverk uppdaterar varje nätverk sitt "
              "syfte, sina mål och sin mötesorganisation varje kalenderår. För %(network)s "
              "saknas %(what)s för %(year)s.\n\nFyll i dem här: %(url)s\n\nHälsningar\n"
              "Sekretariatet",
              name=user.name, network=m.network.name, what=", ".join(lacking), year=year,
              url=external_url("networks.plan", network_id=m.network.id, year=year)),
        )
        sent += 1
    return sent
