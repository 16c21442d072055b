"""Demo data for the trainee programme (idempotent).

Group 17 has finished: 8 trainees, all in permanent employment in Bjuv, Helsingborg,
Höganäs, Klippan, Perstorp and Ängelholm (the roles of the domain facts). Group 18 is four
months in whatever today's date is (it starts on the first of the month four months ago),
with training days and study visits so far. Group 16, entered as history without accounts,
has two outcomes still missing so that HR contacts have something to report.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.auth.passwords import hash_password
from mentorship.auth.services import NewUser, create_user
from mentorship.demo.people import slug
from mentorship.extensions import db
from mentorship.reference.models import BusinessArea, Municipality
from mentorship.timezones import combine
from mentorship.trainees.events.project import (
    MilestoneData,
    ProjectData,
    add_milestone,
    save_project,
)
from mentorship.trainees.events.services import EventData, save_event, set_attendance
from mentorship.trainees.models import (
    EMPLOYED_OUTSIDE,
    FIXED_TERM_MEMBER,
    PERMANENT_MEMBER,
    STUDIES,
    STUDY_VISIT,
    TRAINING_DAY,
    Cohort,
    Trainee,
    add_months,
)
from mentorship.trainees.outcomes.services import OutcomeData, report_outcome

# name, host, business area, position title, degree, field
GROUP_17 = (
    ("Elsa Lundgren", "Bjuv", "Juridik", "nämndsekreterare", "Juristexamen", "juridik"),
    ("Viktor Holmberg", "Helsingborg", "Ekonomi", "ekonom", "Civilekonomexamen", "redovisning"),
    (
        "Nora Ibrahim",
        "Helsingborg",
        "Socialtjänst",
        "folkhälsostrateg",
        "Masterexamen",
        "folkhälsovetenskap",
    ),
    (
        "Axel Strand",
        "Höganäs",
        "IT",
        "informationssäkerhetsstrateg",
        "Kandidatexamen",
        "informatik",
    ),
    (
        "Maja Falk",
        "Klippan",
        "Kommunikation",
        "utvecklingsstrateg",
        "Masterexamen",
        "statsvetenskap",
    ),
    ("Hugo Lind", "Perstorp", "IT", "systemförvaltare", "Högskoleingenjörsexamen", "datateknik"),
    ("Alva Sundberg", "Ängelholm", "Socialtjänst", "utredare", "Socionomexamen", "socialt arbete"),
    ("Liam Wikström", "Ängelholm", "Äldreomsorg", "enhetschef", "Kandidatexamen", "hälsa och vård"),
)
GROUP_18 = (
    (
        "Astrid Nordin",
        "Helsingborg",
        "Stadsbyggnad",
        "utvecklingsstrateg",
        "Masterexamen",
        "samhällsplanering",
    ),
    ("Omar Khalil", "Helsingborg", "HR", "HR-utvecklare", "Kandidatexamen", "personalvetenskap"),
    (
        "Wilma Engström",
        "Höganäs",
        "Kultur och fritid",
        "bibliotekarie",
        "Kandidatexamen",
        "biblioteks- och informationsvetenskap",
    ),
    ("Elias Bergström", "Höganäs", "Socialtjänst", "utredare", "Socionomexamen", "socialt arbete"),
    (
        "Selma Hedlund",
        "Svalöv",
        "Stadsbyggnad",
        "GIS-ingenjör",
        "Högskoleingenjörsexamen",
        "geomatik",
    ),
    ("Noah Forsberg", "Åstorp", "Stadsbyggnad", "planarkitekt", "Masterexamen", "fysisk planering"),
    (
        "Ebba Sandström",
        "Åstorp",
        "Teknik och infrastruktur",
        "elingenjör",
        "Högskoleingenjörsexamen",
        "elektroteknik",
    ),
    (
        "Adam Lindström",
        "Ängelholm",
        "Juridik",
        "nämndsekreterare",
        "Kandidatexamen",
        "offentlig förvaltning",
    ),
    (
        "Julia Mattsson",
        "Örkelljunga",
        "Äldreomsorg",
        "enhetschef",
        "Kandidatexamen",
        "hälsovetenskap",
    ),
    ("Yusuf Demir", "Helsingborg", "IT", "utvecklingsstrateg", "Masterexamen", "systemvetenskap"),
)
# name, host, position, outcome, employer (for member outcomes)
GROUP_16 = (
    ("Ida Blom", "Helsingborg", "utredare", PERMANENT_MEMBER, "Helsingborg"),
    ("Emil Dahl", "Landskrona", "ekonom", PERMANENT_MEMBER, "Landskrona"),
    ("Stina Ek", "Båstad", "kommunikatör", FIXED_TERM_MEMBER, "Båstad"),
    ("Oliver Hagström", "Bjuv", "miljöstrateg", EMPLOYED_OUTSIDE, None),
    ("Tilda Norén", "Svalöv", "HR-specialist", PERMANENT_MEMBER, "Svalöv"),
    ("Melvin Sjögren", "Åstorp", "controller", STUDIES, None),
    ("Saga Ljung", "Helsingborg", "digitaliseringsstrateg", None, None),
    ("Leo Åkesson", "Landskrona", "planarkitekt", None, None),
)


def cohort_18_start(today: date) -> date:
    """The first of the month four months before today: the demo stays four months in."""
    return add_months(today.replace(day=1), -4)


def _cohort(number: int, start: date) -> tuple[Cohort, bool]:
    cohort = db.session.scalar(select(Cohort).where(Cohort.number == number))
    if cohort is not None:
        return cohort, False
    cohort = Cohort(number=number, start_date=start, length_months=12)
    db.session.add(cohort)
    db.session.flush()
    return cohort, True


def _email(name: str) -> str:
    first, last = name.split(" ", 1)
    return f"{slug(first)}.{slug(last)}.trainee@example.org"


def _hr(municipality: Municipality) -> User | None:
    return db.session.scalar(
        select(User).where(User.email == f"hr.{slug(municipality.name)}@example.org")
    )


def _account_trainees(cohort: Cohort, rows, munis, areas, pw_hash: str, year: int) -> list[Trainee]:
    trainees = []
    for name, host, area, title, degree, field in rows:
        email = _email(name)
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = create_user(None, NewUser(email, name, munis[host].id, ("participant",)))
            user.password_hash = pw_hash
        trainee = db.session.scalar(select(Trainee).where(Trainee.user_id == user.id))
        if trainee is None:
            trainee = Trainee(
                cohort_id=cohort.id,
                user_id=user.id,
                host_municipality_id=munis[host].id,
                business_area_id=areas[area].id if area in areas else None,
                position_title=title,
                supervisor_name=f"Handledare i {host}",
                assignment=f"Som {title} driver traineen ett utvecklingsuppdrag i {host}.",
                degree=degree,
                field_of_study=field,
                graduation_year=year,
            )
            db.session.add(trainee)
            db.session.flush()
        trainees.append(trainee)
    return trainees


def _events_18(cohort: Cohort, trainees: list[Trainee], munis, today: date) -> None:
    if cohort.events:
        return
    start = cohort.start_date
    training = [
        (2, "Introduktion till traineeåret", "Familjen Helsingborg, Helsingborg"),
        (23, "Projektledning", "Helsingborg"),
        (58, "Svåra samtal", "Ängelholm"),
        (100, "Ledarskap i offentlig sektor", "Höganäs"),
        (140, "Kommunal ekonomi", "Helsingborg"),
    ]
    visits = [
        (9, "Helsingborg"),
        (30, "Höganäs"),
        (44, "Ängelholm"),
        (72, "Bjuv"),
        (86, "Svalöv"),
        (135, "Örkelljunga"),
    ]
    plans = [
        EventData(
            TRAINING_DAY,
            title,
            combine(start + timedelta(days=d), time(9)),
            combine(start + timedelta(days=d), time(16)),
            place,
            None,
        )
        for d, title, place in training
    ] + [
        EventData(
            STUDY_VISIT,
            f"Studiebesök i {m}",
            combine(start + timedelta(days=d), time(9)),
            combine(start + timedelta(days=d), time(15)),
            "Kommunhuset",
            munis[m].id,
        )
        for d, m in visits
    ]
    for data in plans:
        event = save_event(None, cohort, data)
        if data.starts_at.date() < today:
            present = {t.id for i, t in enumerate(trainees) if (i + event.id) % 7}
            set_attendance(None, event, present)


def _project(cohort: Cohort, data: ProjectData, milestones: list[MilestoneData]) -> None:
    if cohort.project is not None:
        return
    save_project(cohort, data)
    for m in milestones:
        add_milestone(cohort, m)


def demo_trainees(password: str) -> str:
    today = date.today()
    start18 = cohort_18_start(today)
    start17, start16 = add_months(start18, -12), add_months(start18, -24)
    munis = {m.name: m for m in db.session.scalars(select(Municipality))}
    areas = {a.name: a for a in db.session.scalars(select(BusinessArea))}
    pw_hash = hash_password(password)
    added = 0

    c16, new16 = _cohort(16, start16)
    for name, host, title, category, employer in GROUP_16:
        exists = db.session.scalar(
            select(Trainee.id).where(Trainee.cohort_id == c16.id, Trainee.imported_name == name)
        )
        if exists:
            continue
        trainee = Trainee(
            cohort_id=c16.id,
            imported_name=name,
            host_municipality_id=munis[host].id,
            position_title=title,
        )
        db.session.add(trainee)
        db.session.flush()
        added += 1
        if category:
            report_outcome(
                None,
                trainee,
                OutcomeData(
                    category,
                    munis[employer].id if employer else None,
                    title if employer else "",
                    c16.end_date if employer else None,
                    0,
                ),
                source="import",
            )

    c17, _new = _cohort(17, start17)
    trainees17 = _account_trainees(c17, GROUP_17, munis, areas, pw_hash, start17.year - 1)
    for trainee, row in zip(trainees17, GROUP_17, strict=True):
        if trainee.outcome is None:
            hired_by = munis[row[1]]
            report_outcome(
                _hr(hired_by),
                trainee,
                OutcomeData(PERMANENT_MEMBER, hired_by.id, row[3], c17.end_date, 0),
                source="demo",
            )
            added += 1
    _project(
        c17,
        ProjectData(
            assignment="Hur kan kommunerna få ut mer värde av direktupphandlingar?",
            given_by="Familjen Helsingborgs styrgrupp",
            result="Ett förslag till företagskatalog för direktupphandling.",
            presented_where="Releaseevent och styrgruppen",
            presented_on=add_months(start17, 11),
        ),
        [
            MilestoneData("Nulägesanalys klar", add_months(start17, 3)),
            MilestoneData("Intervjuer med upphandlare", add_months(start17, 6)),
            MilestoneData("Förslag till företagskatalog", add_months(start17, 10)),
        ],
    )
    for m in c17.milestones:
        m.done = True

    c18, _new = _cohort(18, start18)
    before = len(c18.trainees)
    trainees18 = _account_trainees(c18, GROUP_18, munis, areas, pw_hash, start18.year)
    added += len(trainees18) - before
    _events_18(c18, trainees18, munis, today)
    _project(
        c18,
        ProjectData(
            assignment="Lärande uppföljning av strukturen för test- och utvecklingsprojekt.",
            given_by="Familjen Helsingborgs styrgrupp",
            result="",
            presented_where="",
            presented_on=None,
        ),
        [
            MilestoneData("Projektplan", add_months(start18, 2)),
            MilestoneData("Intervjuer i kommunerna", add_months(start18, 6)),
            MilestoneData("Slutrapport till styrgruppen", add_months(start18, 11)),
        ],
    )
    if c18.milestones and c18.milestones[0].due_on < today:
        c18.milestones[0].done = True
    db.session.flush()
    return f"traineeprogrammet: grupp 16, 17 och 18 ({added} nya poster)"
