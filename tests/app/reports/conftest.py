"""A year with known numbers, built row by row: 2023 as the annual report tells it.

- The autumn round 2023/24: 48 managers (24 mentors, 24 adepts) from all eleven member
  municipalities, 24 pairs, 2 talks per pair in 2023 and 1 in 2024, four workshops in the
  autumn with 10 people present at each, 6 evaluation answers (overall 5, 4, 4, 5, 3, 5).
- The spring round 2022/23 (ended 15 June 2023): 6 managers from Bjuv and Klippan, 3 pairs,
  3 evaluation answers (hidden), Årets mentor: the mentor from Klippan.
- Traineegrupp 17 (1 Sep 2022 - 1 Sep 2023): 8 trainees, all permanently employed in Bjuv,
  Helsingborg, Höganäs, Klippan, Perstorp and Ängelholm (two in Helsingborg and Höganäs),
  the eight roles of the facts file; its group project (direct procurement).
- Traineegrupp 18 (from 1 Sep 2023): 10 trainees in Helsingborg, Höganäs, Svalöv, Åstorp,
  Ängelholm and Örkelljunga.
- Traineegrupp 16 (2021-2022): 5 trainees, 3 permanent: history for the chart.
- 2023's events: 5 training days, 11 study visits, one in each member municipality.
- Networks: HR (active, purpose 2023), Miljö (active since 2022, purpose 2023), Kultur
  (started in 2023, not yet active), Gamla nätverket (closed 2023-03-01), Framtid (created
  2024: not in 2023). A survey opened in 2023 with 7 answers from two networks.

Also the readers of the year's report (the coordinator, Bjuv's HR contact) and `report_of`,
the report as one of them reads it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

MEMBERS = ("Bjuv", "Båstad", "Helsingborg", "Höganäs", "Klippan", "Landskrona", "Perstorp",
           "Svalöv", "Åstorp", "Ängelholm", "Örkelljunga")
G17 = (("Bjuv", "Nämndsekreterare"), ("Helsingborg", "Ekonom"),
       ("Helsingborg", "Folkhälsostrateg"), ("Höganäs", "Informationssäkerhetsstrateg"),
       ("Höganäs", "Utvecklingsstrateg"), ("Klippan", "Systemförvaltare"),
       ("Perstorp", "Utredare"), ("Ängelholm", "Enhetschef"))
G18 = (("Helsingborg", "Utvecklingsstrateg"), ("Helsingborg", "HR-utvecklare"),
       ("Höganäs", "Bibliotekarie"), ("Höganäs", "Utredare"), ("Svalöv", "GIS-ingenjör"),
       ("Åstorp", "Planarkitekt"), ("Åstorp", "Elingenjör"), ("Ängelholm", "Nämndsekreterare"),
       ("Ängelholm", "Enhetschef"), ("Örkelljunga", "Utredare"))
QUOTE = "Hon lyssnar, utmanar och får en att växa som chef varje gång vi ses."


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def report_of(app, email: str, year: int = 2023, lang: str = "sv"):
    """The year's report as the account with `email` reads it, in `lang`: (report, its
    paragraphs' texts by key, each figure as (paragraph key, text, url))."""
    from flask_babel import force_locale
    from sqlalchemy import select

    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.reports.services import year_report

    with app.test_request_context(), force_locale(lang):
        actor = db.session.scalar(select(User).where(User.email == email))
        report = year_report(actor, year)
        texts = {p.key: p.text for p in report.paragraphs}
        links = [(p.key, f.text, f.url) for p in report.paragraphs for f in p.figures]
        return report, texts, links


@pytest.fixture
def admin(make_user):
    return make_user("koordinator@example.org", roles=("admin",))


@pytest.fixture
def hr_bjuv(make_user):
    return make_user("hr.bjuv@example.org", roles=("hr",), municipality="Bjuv")


@pytest.fixture
def year_2023(app):
    from sqlalchemy import select

    from mentorship.auth.models import User, UserRole
    from mentorship.extensions import db
    from mentorship.mentoring import closing_models as closing
    from mentorship.mentoring import models as m
    from mentorship.networks import models as n
    from mentorship.reference.models import Municipality
    from mentorship.trainees import models as t

    with app.app_context():
        munis = {x.name: x.id for x in db.session.scalars(select(Municipality))}
        counter = {"n": 0}

        def person(muni: str, role: str = "participant") -> User:
            counter["n"] += 1
            user = User(email=f"p{counter['n']}@example.org", name=f"Person {counter['n']}",
                        municipality_id=munis[muni])
            user.roles.append(UserRole(role=role))
            db.session.add(user)
            return user

        def round_(name, starts, ends, state, people, talks_per_pair):
            r = m.MentorRound(name=name, starts_on=starts, ends_on=ends, state=state)
            db.session.add(r)
            db.session.flush()
            enrolments = []
            for k, (muni, role) in enumerate(people):
                e = m.Enrolment(round_id=r.id, user=person(muni), external_id=f"x{k}",
                                role=role)
                db.session.add(e)
                enrolments.append(e)
            db.session.flush()
            mentors = [e for e in enrolments if e.role == "mentor"]
            adepts = [e for e in enrolments if e.role == "adept"]
            pairs = []
            for mentor, adept in zip(mentors, adepts, strict=True):
                pair = m.MentorPair(round_id=r.id, adept_id=adept.id, mentor_id=mentor.id)
                db.session.add(pair)
                pairs.append(pair)
            db.session.flush()
            for pair in pairs:
                for day in talks_per_pair:
                    db.session.add(m.MentorTalk(pair_id=pair.id, held_on=day, minutes=60))
            return r, mentors, adepts

        def answers(r, enrolments, ratings):
            for e, rating in zip(enrolments, ratings, strict=False):
                db.session.add(closing.EvaluationAnswer(round_id=r.id, enrolment_id=e.id,
                                                  overall=rating, matching=4, talks=4,
                                                  workshops=4))

        # The autumn round: 48 managers, all municipalities.
        people = [(MEMBERS[k % 11], "mentor" if k % 2 == 0 else "adept") for k in range(48)]
        autumn, mentors, adepts = round_(
            "Mentorsprogrammet 2023/24", date(2023, 9, 1), date(2024, 6, 30), m.RUNNING,
            people, [date(2023, 10, 2), date(2023, 11, 20), date(2024, 2, 1)])
        everyone = mentors + adepts
        for number, day in enumerate(
            (date(2023, 9, 14), date(2023, 10, 12), date(2023, 11, 9), date(2023, 12, 7)), 1
        ):
            w = m.Workshop(round_id=autumn.id, number=number, title=f"Workshop {number}",
                           starts_at=at(day), ends_at=at(day, 12), place="Helsingborg")
            db.session.add(w)
            db.session.flush()
            for e in everyone[number:number + 10]:
                db.session.add(m.WorkshopSignup(workshop_id=w.id, enrolment_id=e.id))
                db.session.flush()
                db.session.add(m.WorkshopAttendance(workshop_id=w.id, enrolment_id=e.id))
        answers(autumn, everyone, [5, 4, 4, 5, 3, 5])

        # The spring round, ended in June 2023, with Årets mentor.
        spring, s_mentors, s_adepts = round_(
            "Mentorsprogrammet 2022/23", date(2022, 9, 1), date(2023, 6, 15), m.CLOSED,
            [("Klippan", "mentor"), ("Bjuv", "adept"), ("Bjuv", "mentor"),
             ("Klippan", "adept"), ("Bjuv", "mentor"), ("Klippan", "adept")],
            [date(2023, 3, 1)])
        answers(spring, s_mentors + s_adepts, [5, 5, 4])
        nomination = closing.Nomination(round_id=spring.id, adept_id=s_adepts[0].id,
                                  mentor_id=s_mentors[0].id, text=QUOTE, winner=True)
        db.session.add(nomination)

        # The trainee programme.
        def cohort(number, start, placements, outcomes=None, project=None):
            c = t.Cohort(number=number, start_date=start, length_months=12)
            db.session.add(c)
            db.session.flush()
            for k, (muni, title) in enumerate(placements):
                trainee = t.Trainee(cohort_id=c.id, imported_name=f"Trainee {number}-{k}",
                                    host_municipality_id=munis[muni], position_title=title)
                db.session.add(trainee)
                db.session.flush()
                if outcomes is not None and outcomes[k] is not None:
                    db.session.add(t.Outcome(
                        trainee_id=trainee.id, category=outcomes[k],
                        employer_municipality_id=munis[muni], position_title=title))
            if project:
                db.session.add(t.GroupProject(cohort_id=c.id, **project))
            return c

        g16 = cohort(16, date(2021, 9, 1), [
            ("Bjuv", "Utredare"), ("Båstad", "Ekonom"), ("Klippan", "Controller"),
            ("Landskrona", "Planarkitekt"), ("Svalöv", "Utvecklare")],
            [t.PERMANENT_MEMBER, t.PERMANENT_MEMBER, t.PERMANENT_MEMBER, t.STUDIES, None])
        g17 = cohort(17, date(2022, 9, 1), G17, [t.PERMANENT_MEMBER] * 8, project={
            "assignment": "Hur kan kommunerna få ut mer av direktupphandling?",
            "result": "Ett förslag till företagskatalog",
            "presented_where": "ett releaseevent och styrgruppen",
        })
        g18 = cohort(18, date(2023, 9, 1), G18, project={
            "assignment": "En lärande uppföljning av strukturen för test- och "
                          "utvecklingsprojekt",
        })
        for k in range(5):
            day = date(2023, 2 + k, 10)
            db.session.add(t.TraineeEvent(cohort_id=g17.id if k < 3 else g18.id,
                                          kind=t.TRAINING_DAY, title=f"Utbildningsdag {k}",
                                          starts_at=at(day), ends_at=at(day, 16)))
        for k, muni in enumerate(MEMBERS):
            day = date(2023, 1 + k, 20)
            db.session.add(t.TraineeEvent(cohort_id=g17.id if k < 8 else g18.id,
                                          kind=t.STUDY_VISIT, title=f"Studiebesök {muni}",
                                          starts_at=at(day), ends_at=at(day, 15),
                                          host_municipality_id=munis[muni]))
        # An event of another year counts for that year only.
        db.session.add(t.TraineeEvent(cohort_id=g17.id, kind=t.TRAINING_DAY, title="2022",
                                      starts_at=at(date(2022, 10, 1)),
                                      ends_at=at(date(2022, 10, 1), 16)))

        # The network register.
        field = n.NetworkField(name="Personal och organisation")
        other = n.NetworkField(name="Miljö och klimat")
        db.session.add_all([field, other])
        db.session.flush()

        def network(name, f, status, activated=None, closed=None, created=None,
                    joined=("Bjuv", "Klippan")):
            net = n.Network(name=name, field_id=f.id, status=status, activated_on=activated,
                            closed_on=closed,
                            created_at=created or datetime(2020, 1, 1, tzinfo=UTC))
            for muni in joined:
                net.municipalities.append(n.NetworkMunicipality(
                    municipality_id=munis[muni], answer=n.YES))
            db.session.add(net)
            db.session.flush()
            return net

        hr = network("HR-nätverket", field, n.ACTIVE, date(2015, 1, 1),
                     joined=MEMBERS)
        env = network("Miljönätverket", other, n.ACTIVE, date(2022, 5, 1), joined=("Bjuv",))
        network("Kulturnätverket", field, n.STARTING,
                created=datetime(2023, 4, 1, tzinfo=UTC), joined=("Klippan",))
        network("Gamla nätverket", field, n.CLOSED, date(2010, 1, 1), date(2023, 3, 1))
        network("Framtidsnätverket", other, n.STARTING,
                created=datetime(2024, 2, 1, tzinfo=UTC))
        db.session.add(n.NetworkPlan(network_id=hr.id, year=2023,
                                     purpose="Samordna kommunernas HR-arbete."))
        db.session.add(n.NetworkPlan(network_id=env.id, year=2023,
                                     purpose="Dela kunskap om klimatanpassning."))
        db.session.add(n.NetworkPlan(network_id=env.id, year=2024, purpose="Ett annat år."))
        survey = n.NetworkSurvey(title="Nätverksenkäten 2023",
                                 questions=[{"key": "q1", "text": "Är syftet tydligt?"}],
                                 opened_on=date(2023, 10, 1), closed_on=date(2023, 11, 1))
        db.session.add(survey)
        db.session.flush()
        for k, rating in enumerate([4, 5, 3, 4, 5, 4, 3]):
            db.session.add(n.NetworkSurveyAnswer(
                survey_id=survey.id, network_id=hr.id if k < 5 else env.id,
                ratings={"q1": rating}))
        db.session.commit()
        return SimpleNamespace(autumn=autumn.id, spring=spring.id, nomination=nomination.id,
                               g16=g16.id, g17=g17.id, g18=g18.id, survey=survey.id,
                               hr_network=hr.id, env_network=env.id)
