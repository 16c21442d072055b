"""Demo networks: the HR network (all eleven municipalities) and nine more of the
cooperation's networks, one under start-up with 6 of 11 yes, one closed, one with this
year's plan missing, and last year's survey with answers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.auth.passwords import hash_password
from mentorship.auth.services import NewUser, create_user
from mentorship.demo.people import demo_name, slug
from mentorship.extensions import db
from mentorship.networks import checklist
from mentorship.networks.models import (
    ACTIVE,
    Network,
    NetworkField,
    NetworkMember,
    NetworkSurvey,
    NetworkSurveyAnswer,
)
from mentorship.networks.services import (
    MemberData,
    NetworkData,
    NewCoordinator,
    PlanData,
    add_member,
    assign_coordinator,
    save_network,
    save_plan,
    seed_fields,
    today,
)
from mentorship.networks.survey import default_questions
from mentorship.reference.models import Municipality

HR_NETWORK = "Nätverket för HR-ansvariga"
HR_PURPOSE = (
    "Nätverket för HR-ansvariga samlar HR-cheferna i de elva kommunerna. Nätverket driver "
    "traineeprogrammet, mentorsprogrammet och programmet för framtida ledare, och ordnar "
    "gemensamma utbildningar."
)

# name, field, status, yes (of 11, by name), coordinator's municipality, member role, purpose
NETWORKS = (
    ("Nätverket för bibliotekschefer", "Lärande", "active", 11, "Höganäs", "bibliotekschef",
     "Utveckla folkbiblioteken i nordvästra Skåne tillsammans: gemensamma tjänster, "
     "kompetensutveckling och ett lånekort för hela regionen."),
    ("Upphandlingsnätverket", "Näringsliv", "active", 9, "Ängelholm", "upphandlare",
     "Dela kunskap om offentlig upphandling och samordna upphandlingar där kommunerna "
     "vinner på att göra dem tillsammans."),
    ("Näringsliv och destination", "Näringsliv", "active", 10, "Båstad", "näringslivschef",
     "Stärka näringslivsklimatet och utveckla nordvästra Skåne som besöksmål."),
    ("Miljönätverket", "Miljö", "active", 8, "Landskrona", "miljöstrateg",
     "Samordna kommunernas miljö- och klimatarbete och dela erfarenheter av tillsyn."),
    ("Brottsförebyggande nätverket", "Socialtjänst", "active", 11, "Klippan",
     "brottsförebyggande samordnare",
     "Förebygga brott och öka tryggheten genom gemensamma lägesbilder och metoder."),
    ("Nätverket för översiktsplanering", "Samhällsplanering", "active", 7, "Svalöv",
     "översiktsplanerare",
     "Samordna översiktsplaneringen över kommungränserna: bostäder, trafik och grönstruktur."),
    ("Nätverket för inkludering", "Öppenhet och inkludering", "active", 6, "Åstorp",
     "integrationssamordnare",
     "Dela arbetssätt för inkludering och mottagande av nyanlända."),
    ("Välfärdsteknik", "Socialtjänst", "starting", 6, "Perstorp", "verksamhetsutvecklare",
     "Införa välfärdsteknik i omsorgen tillsammans, från trygghetslarm till digital tillsyn."),
    ("Nätverket för bredband och digital infrastruktur", "Infrastruktur", "closed", 7, "Bjuv",
     "IT-strateg", "Samordna utbyggnaden av bredband i kommunerna."),
)
MISSING_THIS_YEAR = "Nätverket för inkludering"
CLOSE_REASON = (
    "Bredbandsutbyggnaden är i stort sett klar, och de frågor som återstår drivs nu av "
    "respektive kommuns IT-enhet."
)


def _account(email: str, name: str, municipality: Municipality, pw_hash: str) -> User:
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = create_user(None, NewUser(email, name, municipality.id, ("participant",)))
        user.password_hash = pw_hash
        db.session.flush()
    return user


def _answer_yes(network: Network, yes_names: set[str], on: date) -> None:
    rows = [
        checklist.MunicipalityStatus(
            nm.municipality_id,
            True,
            "yes" if nm.municipality.name in yes_names else None,
            nm.municipality.name in yes_names,
        )
        for nm in network.municipalities
    ]
    checklist.record_municipalities(None, network, rows, on)
    # Those not yes: some said no, the rest have not answered yet.
    for nm in network.municipalities:
        if nm.answer is None and len(nm.municipality.name) % 2 == 0:
            nm.answer = "no"
            nm.answered_on = on


def _plan(purpose: str) -> PlanData:
    return PlanData(
        purpose,
        "Två gemensamma aktiviteter under året och en uppföljning till kommundirektörsgruppen.",
        "Fyra gånger per år",
        "Hos medlemskommunerna i tur och ordning",
        "Samordnaren",
    )


def demo_networks(password: str) -> str:
    if db.session.scalar(select(Network.id).where(Network.name == HR_NETWORK)):
        return "nätverk: finns redan"
    seed_fields()
    now = today()
    start = date(now.year - 3, 2, 1)
    munis = list(db.session.scalars(select(Municipality).order_by(Municipality.name)))
    by_name = {m.name: m for m in munis}
    fields = {f.name: f.id for f in db.session.scalars(select(NetworkField))}
    admin = db.session.scalar(select(User).where(User.email == "admin@example.org"))
    pw_hash = admin.password_hash if admin and admin.password_hash else hash_password(password)

    # The HR network: all eleven municipalities, the HR contacts as members.
    hr = save_network(None, NetworkData(HR_NETWORK, fields["HR"]))
    _answer_yes(hr, set(by_name), start)
    checklist.set_secretariat_informed(None, hr, True, start)
    save_plan(None, hr, now.year - 1, PlanData(HR_PURPOSE, "Trainee- och mentorsprogrammet.",
                                               "Varje månad", "Helsingborg", "Samordnaren"))
    save_plan(None, hr, now.year, PlanData(
        HR_PURPOSE,
        "Starta traineegrupp och mentorsomgång, utvärdera programmen och ordna två "
        "gemensamma utbildningsdagar.",
        "En gång i månaden", "Hos kommunerna i tur och ordning, ibland digitalt",
        "Samordnaren"))
    for m in munis:
        add_member(None, hr, MemberData("", m.id, "HR-chef", None,
                                        f"hr.{slug(m.name)}@example.org"), start)
    assign_coordinator(None, hr, NewCoordinator("hr.helsingborg@example.org"), start)
    # Started years ago: the checklist of that year is history, so the status is set as
    # it was (checklist.activate checks the current year's plan).
    hr.status, hr.activated_on = ACTIVE, start

    index = 300
    created = [hr]
    for name, field, status, yes, coord_at, role, purpose in NETWORKS:
        network = save_network(None, NetworkData(name, fields[field]))
        yes_names = {m.name for m in munis[:yes]} | {coord_at}
        yes_names = set(sorted(yes_names, key=lambda n: (n != coord_at, n))[:yes])
        _answer_yes(network, yes_names, start)
        coord_muni = by_name[coord_at]
        coord_name = demo_name(index)
        first, last = (slug(p) for p in coord_name.split())
        coordinator = _account(f"{first}.{last}.{slug(coord_at)}@example.org", coord_name,
                               coord_muni, pw_hash)
        index += 1
        add_member(None, network, MemberData("", coord_muni.id, role, None, coordinator.email),
                   start)
        assign_coordinator(None, network, NewCoordinator(coordinator.email), start)
        for mname in sorted(yes_names - {coord_at}):
            person = demo_name(index)
            index += 1
            first, last = (slug(p) for p in person.split())
            add_member(None, network, MemberData(person, by_name[mname].id, role,
                                                 f"{first}.{last}@{slug(mname)}.example.org"),
                       start)
        if status == "starting":
            # 6 of 11 have said yes, but management is asked in only four and the
            # secretariat is not informed yet: still under start-up.
            for i, nm in enumerate(n for n in network.municipalities if n.answer == "yes"):
                nm.management_asked = i < 4
            save_plan(None, network, now.year, PlanData(purpose, "", "", "", ""))
            continue
        checklist.set_secretariat_informed(None, network, True, start)
        save_plan(None, network, now.year - 1, _plan(purpose))
        if name != MISSING_THIS_YEAR and status != "closed":
            save_plan(None, network, now.year, _plan(purpose))
        network.status, network.activated_on = ACTIVE, start
        if status == "closed":
            checklist.close(
                None,
                network,
                checklist.Closing(
                    CLOSE_REASON,
                    frozenset(nm.municipality_id for nm in network.municipalities
                              if nm.answer == "yes"),
                    True,
                ),
                date(now.year - 1, 6, 30),
            )
        created.append(network)
    db.session.flush()
    answers = _demo_survey(hr, created[1], now)
    return f"nätverk: {len(NETWORKS) + 1} nya, enkät med {answers} svar"


def _demo_survey(hr: Network, library: Network, now: date) -> int:
    """Last year's survey: eight answers from the HR network (figures shown) and three
    from the library heads (hidden: fewer than five)."""
    questions = [{"key": f"q{i}", "text": t} for i, t in enumerate(default_questions(), 1)]
    survey = NetworkSurvey(
        title=f"Nätverksenkäten {now.year - 1}",
        questions=questions,
        opened_on=date(now.year - 1, 10, 1),
        closed_on=date(now.year - 1, 11, 1),
    )
    db.session.add(survey)
    db.session.flush()
    comments = ("Bra utbyte mellan kommunerna.", "", "Mötena kunde vara digitala oftare.",
                "", "", "Tydligt syfte.", "", "")
    n = 0
    for network, count in ((hr, 8), (library, 3)):
        members = db.session.scalars(
            select(NetworkMember).where(NetworkMember.network_id == network.id)
            .order_by(NetworkMember.id)
        ).all()
        for i, member in enumerate(members[:count]):
            db.session.add(NetworkSurveyAnswer(
                survey_id=survey.id, network_id=network.id, member_id=member.id,
                ratings={q["key"]: 3 + (i + j) % 3 for j, q in enumerate(questions)},
                comment=comments[i % len(comments)],
            ))
            n += 1
    db.session.flush()
    return n
