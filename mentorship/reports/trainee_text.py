"""The trainee programme's section of the year's report."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext

from mentorship.reports.figures import YearFigures
from mentorship.reports.paragraphs import (
    Fig,
    Paragraph,
    Section,
    count,
    day,
    link,
    members_fig,
    paragraph,
    slot,
)
from mentorship.reports.scope import Scope
from mentorship.reports.trainee_figures import CohortFigures
from mentorship.reports.words import join_and


def _ended(scope: Scope, c: CohortFigures) -> Paragraph:
    cohort = link(scope, "trainees.cohort", cohort_id=c.id)
    outcomes = link(scope, "trainees.outcomes", cohort=c.id)
    figs = {
        "number": Fig(str(c.number), cohort),
        "date": Fig(day(c.end_date)),
        "trainees": count(c.trainees, cohort),
        "permanent": count(c.permanent, outcomes),
        "places": Fig(join_and(c.permanent_places), outcomes),
        "roles": Fig(join_and(c.permanent_roles), outcomes),
        "missing": count(c.trainees - c.reported, outcomes),
    }
    messages = [_("Traineegrupp %(number)s avslutade sitt traineeår den %(date)s.",
                  number=slot("number"), date=slot("date"))]
    if c.permanent and c.permanent == c.trainees:
        messages.append(ngettext(
            "Gruppens enda trainee har erhållit tillsvidareanställning i %(places)s",
            "Samtliga %(trainees)s traineer har erhållit tillsvidareanställning i %(places)s",
            c.trainees, trainees=slot("trainees"), places=slot("places")))
    elif c.permanent:
        messages.append(ngettext(
            "%(permanent)s av %(trainees)s traineer har erhållit tillsvidareanställning i "
            "%(places)s",
            "%(permanent)s av %(trainees)s traineer har erhållit tillsvidareanställning i "
            "%(places)s",
            c.trainees, permanent=slot("permanent"), trainees=slot("trainees"),
            places=slot("places")))
    elif c.trainees:
        messages.append(ngettext(
            "Gruppens enda trainee har inte rapporterats som tillsvidareanställd i en "
            "medlemskommun.",
            "Ingen av gruppens %(trainees)s traineer har rapporterats som "
            "tillsvidareanställd i en medlemskommun.",
            c.trainees, trainees=slot("trainees")))
    if c.permanent:
        messages[-1] += (_(", som %(roles)s.", roles=slot("roles")) if c.permanent_roles
                         else ".")
    if c.trainees > c.reported:
        messages.append(ngettext("Utfall saknas för %(missing)s trainee.",
                                 "Utfall saknas för %(missing)s traineer.",
                                 c.trainees - c.reported, missing=slot("missing")))
    return paragraph(f"trainee.ended.{c.number}", messages, figs)


def _started(scope: Scope, c: CohortFigures) -> Paragraph:
    cohort = link(scope, "trainees.cohort", cohort_id=c.id)
    figs = {
        "number": Fig(str(c.number), cohort),
        "date": Fig(day(c.start_date)),
        "trainees": count(c.trainees, cohort),
        "hosts": Fig(join_and(c.hosts), cohort),
        "roles": Fig(join_and(c.roles), cohort),
    }
    if not c.trainees:
        return paragraph(f"trainee.started.{c.number}", [_(
            "Traineegrupp %(number)s startade den %(date)s.", number=slot("number"),
            date=slot("date"))], figs)
    messages = [ngettext(
        "Traineegrupp %(number)s startade den %(date)s med %(trainees)s trainee",
        "Traineegrupp %(number)s startade den %(date)s med %(trainees)s traineer",
        c.trainees, number=slot("number"), date=slot("date"), trainees=slot("trainees"))]
    if c.hosts:
        messages[-1] += " " + _("placerade i %(hosts)s", hosts=slot("hosts"))
    if c.roles:
        messages[-1] += ", " + _("i roller som %(roles)s", roles=slot("roles"))
    messages[-1] += "."
    return paragraph(f"trainee.started.{c.number}", messages, figs)


def _project(scope: Scope, c: CohortFigures) -> Paragraph | None:
    if not c.assignment:
        return None
    url = link(scope, "trainees.cohort", cohort_id=c.id)
    figs = {"number": Fig(str(c.number), url), "assignment": Fig(c.assignment),
            "result": Fig(c.result), "where": Fig(c.presented_where)}
    messages = [_("Grupprojektet i traineegrupp %(number)s hade uppdraget: %(assignment)s.",
                  number=slot("number"), assignment=slot("assignment"))]
    if c.result:
        messages.append(_("Resultat: %(result)s.", result=slot("result")))
    if c.presented_where:
        messages.append(_("Det presenterades för %(where)s.", where=slot("where")))
    return paragraph(f"trainee.project.{c.number}", messages, figs)


def trainee_section(figures: YearFigures) -> Section:
    scope, trainee = figures.scope, figures.trainee
    section = Section("trainee", _("Traineeprogrammet"))
    for c in trainee.ended:
        section.paragraphs.append(_ended(scope, c))
        project = _project(scope, c)
        if project is not None:
            section.paragraphs.append(project)
    for c in trainee.started:
        section.paragraphs.append(_started(scope, c))
        project = _project(scope, c)
        if project is not None:
            section.paragraphs.append(project)
    events = link(scope, "trainees.index")
    figs = {"year": Fig(str(scope.year)), "days": count(trainee.training_days, events),
            "visits": count(trainee.study_visits, events, neuter=True),
            "members": members_fig(scope, len(figures.members)),
            "visited": count(len(trainee.visited), events),
            "list": Fig(join_and(trainee.visited), events)}
    if not trainee.training_days and not trainee.study_visits:
        messages = [_("Inga utbildningsdagar eller studiebesök är registrerade för %(year)s.",
                      year=slot("year"))]
    else:
        messages = [
            ngettext("Under %(year)s hölls %(days)s utbildningsdag",
                     "Under %(year)s hölls %(days)s utbildningsdagar",
                     trainee.training_days, year=slot("year"), days=slot("days"))
            + " " + _("och %(visits)s studiebesök.", visits=slot("visits"))
        ]
        if trainee.visited and len(trainee.visited) == len(figures.members):
            messages.append(_("Studiebesöken nådde samtliga %(members)s medlemskommuner.",
                              members=slot("members")))
        elif trainee.visited:
            messages.append(_("Studiebesöken nådde %(visited)s av %(members)s "
                              "medlemskommuner: %(list)s.", visited=slot("visited"),
                              members=slot("members"), list=slot("list")))
    section.paragraphs.append(paragraph("trainee.events", messages, figs))
    if not trainee.ended and not trainee.started:
        section.paragraphs.insert(0, paragraph("trainee.none", [_(
            "Ingen traineegrupp avslutades eller startade under %(year)s.", year=slot("year")
        )], {"year": Fig(str(scope.year))}))
    return section
