"""The year's figures written as the secretariat writes them, in the reader's language.

Each paragraph is built from translated messages whose figures are placeholders; a
placeholder becomes a `Fig`: its text (small numbers in words, lists joined with "och") and
the list it counts (a URL, or None where the reader may not open that list). The page draws
the figures as links, the exports as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from flask import has_request_context, url_for
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from markupsafe import Markup, escape

from mentorship.mentoring.closing.evaluation import MIN_ANSWERS
from mentorship.reports.figures import (
    CohortFigures,
    RoundFigures,
    Scope,
    YearFigures,
)
from mentorship.reports.words import in_words, join_and

_TOKEN = re.compile("\ue000(\\w+)\ue001")


def slot(name: str) -> str:
    """A placeholder for figure `name` inside a translated message."""
    return f"\ue000{name}\ue001"


@dataclass(frozen=True)
class Fig:
    text: str
    url: str | None = None
    count: bool = False  # a number of things in a list (which it should link to)


@dataclass
class Paragraph:
    key: str  # stable within a year: what an edit is stored under
    parts: list[str | Fig]
    quote: str | None = None
    edited: str | None = None  # the coordinator's wording
    edited_at: datetime | None = None

    @property
    def generated(self) -> str:
        return "".join(p.text if isinstance(p, Fig) else p for p in self.parts)

    @property
    def text(self) -> str:
        return self.edited if self.edited is not None else self.generated

    @property
    def figures(self) -> list[Fig]:
        return [p for p in self.parts if isinstance(p, Fig)]

    def html(self) -> Markup:
        if self.edited is not None:
            return escape(self.edited)
        out = Markup()
        for part in self.parts:
            if isinstance(part, Fig) and part.url:
                out += Markup('<a href="%s">%s</a>') % (part.url, part.text)
            else:
                out += escape(part.text if isinstance(part, Fig) else part)
        return out


def paragraph(key: str, messages: list[str], figs: dict[str, Fig],
              quote: str | None = None) -> Paragraph:
    parts: list[str | Fig] = []
    pieces = _TOKEN.split(" ".join(m for m in messages if m))
    for i, piece in enumerate(pieces):
        if i % 2:
            fig = figs[piece]
            if _sentence_starts(parts):  # "Sex deltagare svarade ..."
                fig = Fig(fig.text[:1].upper() + fig.text[1:], fig.url, fig.count)
            parts.append(fig)
        elif piece:
            parts.append(piece)
    return Paragraph(key, parts, quote)


def _sentence_starts(parts: list[str | Fig]) -> bool:
    if not parts:
        return True
    last = parts[-1]
    text = (last.text if isinstance(last, Fig) else last).rstrip(" ")
    return text.endswith((".", "!", "?"))


@dataclass
class Section:
    key: str
    title: str
    paragraphs: list[Paragraph] = field(default_factory=list)


def _link(scope: Scope, endpoint: str, admin_only: bool = False, **values) -> str | None:
    """The list a figure counts, where the reader may open it (none in a job: its files
    carry no links)."""
    if (admin_only and not scope.admin) or not has_request_context():
        return None
    return url_for(endpoint, **values)


def _n(n: int, url: str | None = None, neuter: bool = False) -> Fig:
    return Fig(in_words(n, neuter), url, count=True)


def _members(scope: Scope, n: int) -> Fig:
    return _n(n, _link(scope, "reference.municipalities", admin_only=True))


def _day(day: date) -> str:
    return format_date(day, "long")


# --- the mentor programme ------------------------------------------------------------------


def _round_participants(scope: Scope, r: RoundFigures, members: int) -> Paragraph:
    people = _link(scope, "mentoring.enrolments", round_id=r.id)
    figs = {
        "round": Fig(r.name, _link(scope, "mentoring.round_show", round_id=r.id)),
        "managers": _n(r.managers, people),
        "mentors": _n(r.mentors, people),
        "adepts": _n(r.adepts, people),
        "members": _members(scope, members),
        "represented": _n(len(r.municipalities), people),
        "list": Fig(join_and(r.municipalities), people),
        "municipality": Fig(scope.municipality or ""),
    }
    if scope.municipality_id is not None:
        first = ngettext(
            "Från %(municipality)s deltog %(managers)s chef i omgången %(round)s:",
            "Från %(municipality)s deltog %(managers)s chefer i omgången %(round)s:",
            r.managers, municipality=slot("municipality"), managers=slot("managers"),
            round=slot("round"))
    else:
        first = ngettext(
            "Omgången %(round)s hade %(managers)s deltagande chef:",
            "Omgången %(round)s hade %(managers)s deltagande chefer:",
            r.managers, managers=slot("managers"), round=slot("round"))
    roles = _("%(mentors)s som mentorer och %(adepts)s som adepter.",
              mentors=slot("mentors"), adepts=slot("adepts"))
    where = ""
    if scope.municipality_id is None and r.managers:
        if len(r.municipalities) == members:
            where = _("Samtliga %(members)s medlemskommuner var representerade.",
                      members=slot("members"))
        else:
            where = _("%(represented)s av %(members)s medlemskommuner var representerade: "
                      "%(list)s.", represented=slot("represented"), members=slot("members"),
                      list=slot("list"))
    return paragraph(f"mentor.round.{r.id}", [first, roles, where], figs)


def _round_activity(scope: Scope, r: RoundFigures) -> Paragraph:
    pairs = _link(scope, "mentoring.pairs", admin_only=True, round_id=r.id)
    workshops = _link(scope, "mentoring.workshops_index", admin_only=True, round_id=r.id)
    figs = {
        "pairs": _n(r.pairs, pairs, neuter=True),
        "talks": _n(r.talks, pairs, neuter=True),
        "workshops": _n(r.workshops, workshops),
        "attendance": _n(r.attendance, _link(scope, "mentoring.attendance_people",
                                             admin_only=True, round_id=r.id)),
        "year": Fig(str(scope.year)),
    }
    messages = [
        ngettext("%(pairs)s par matchades över kommun- och verksamhetsgränserna.",
                 "%(pairs)s par matchades över kommun- och verksamhetsgränserna.",
                 r.pairs, pairs=slot("pairs")),
        ngettext("Under %(year)s loggades %(talks)s mentorssamtal.",
                 "Under %(year)s loggades %(talks)s mentorssamtal.",
                 r.talks, talks=slot("talks"), year=slot("year")),
        ngettext("Omgången hade %(workshops)s gemensam programworkshop under året",
                 "Omgången hade %(workshops)s gemensamma programworkshops under året",
                 r.workshops, workshops=slot("workshops")),
        ngettext("med sammanlagt %(attendance)s närvarande deltagare.",
                 "med sammanlagt %(attendance)s närvarande deltagare.",
                 r.attendance, attendance=slot("attendance")),
    ]
    return paragraph(f"mentor.activity.{r.id}", messages, figs)


def _round_evaluation(scope: Scope, r: RoundFigures) -> Paragraph | None:
    figure = r.evaluation
    if figure is None or figure.answers == 0:
        return None
    url = _link(scope, "mentoring.evaluation_results", admin_only=True, round_id=r.id)
    figs = {"answers": _n(figure.answers, url), "min": Fig(in_words(MIN_ANSWERS)),
            "replies": _n(figure.answers, url, neuter=True),
            "average": Fig(_decimal(figure.average), url)}
    if figure.hidden:
        message = ngettext(
            "Utvärderingen fick %(replies)s svar; med färre än %(min)s svar redovisas inga "
            "betyg.",
            "Utvärderingen fick %(replies)s svar; med färre än %(min)s svar redovisas inga "
            "betyg.", figure.answers, replies=slot("replies"), min=slot("min"))
    else:
        message = _("%(answers)s deltagare svarade på utvärderingen och gav programmet som "
                    "helhet i genomsnitt %(average)s av 5.", answers=slot("answers"),
                    average=slot("average"))
    return paragraph(f"mentor.evaluation.{r.id}", [message], figs)


def _decimal(value: float | None) -> str:
    from flask_babel import format_decimal

    return "" if value is None else format_decimal(value, "0.0")


def _round_winner(scope: Scope, r: RoundFigures) -> Paragraph | None:
    if r.winner is None:
        return None
    url = _link(scope, "mentoring.mentor_of_the_year", admin_only=True, round_id=r.id)
    figs = {"winner": Fig(r.winner, url), "municipality": Fig(r.winner_municipality or ""),
            "year": Fig(str(scope.year))}
    message = _("Årets mentor %(year)s blev %(winner)s, %(municipality)s.",
                year=slot("year"), winner=slot("winner"), municipality=slot("municipality"))
    return paragraph(f"mentor.winner.{r.id}", [message], figs, quote=r.quote)


def mentor_section(figures: YearFigures) -> Section:
    scope, mentor = figures.scope, figures.mentor
    section = Section("mentor", _("Mentorsprogrammet"))
    members = len(figures.members)
    if not mentor.rounds:
        section.paragraphs.append(paragraph("mentor.none", [
            _("Under %(year)s pågick ingen omgång av mentorsprogrammet.", year=slot("year"))
        ], {"year": Fig(str(scope.year))}))
        return section
    if len(mentor.rounds) > 1:
        rounds = _link(scope, "mentoring.rounds_index")
        figs = {"rounds": _n(len(mentor.rounds), rounds),
                "managers": _n(mentor.managers, rounds), "year": Fig(str(scope.year)),
                "represented": _n(len(mentor.municipalities), rounds),
                "members": _members(scope, members)}
        if len(mentor.municipalities) == members and scope.municipality_id is None:
            message = _("Under %(year)s pågick %(rounds)s omgångar av mentorsprogrammet med "
                        "sammanlagt %(managers)s chefer från samtliga %(members)s "
                        "medlemskommuner.", year=slot("year"), rounds=slot("rounds"),
                        managers=slot("managers"), members=slot("members"))
        elif scope.municipality_id is None:
            message = _("Under %(year)s pågick %(rounds)s omgångar av mentorsprogrammet med "
                        "sammanlagt %(managers)s chefer från %(represented)s av %(members)s "
                        "medlemskommuner.", year=slot("year"), rounds=slot("rounds"),
                        managers=slot("managers"), represented=slot("represented"),
                        members=slot("members"))
        else:
            message = _("Under %(year)s pågick %(rounds)s omgångar av mentorsprogrammet; "
                        "sammanlagt %(managers)s chefer från %(municipality)s deltog.",
                        year=slot("year"), rounds=slot("rounds"), managers=slot("managers"),
                        municipality=slot("municipality"))
        figs["municipality"] = Fig(scope.municipality or "")
        section.paragraphs.append(paragraph("mentor.year", [message], figs))
    for r in mentor.rounds:
        section.paragraphs.append(_round_participants(scope, r, members))
        section.paragraphs.append(_round_activity(scope, r))
        for extra in (_round_evaluation(scope, r), _round_winner(scope, r)):
            if extra is not None:
                section.paragraphs.append(extra)
    return section


# --- the trainee programme -----------------------------------------------------------------


def _ended(scope: Scope, c: CohortFigures) -> Paragraph:
    cohort = _link(scope, "trainees.cohort", cohort_id=c.id)
    outcomes = _link(scope, "trainees.outcomes", cohort=c.id)
    figs = {
        "number": Fig(str(c.number), cohort),
        "date": Fig(_day(c.end_date)),
        "trainees": _n(c.trainees, cohort),
        "permanent": _n(c.permanent, outcomes),
        "places": Fig(join_and(c.permanent_places), outcomes),
        "roles": Fig(join_and(c.permanent_roles), outcomes),
        "missing": _n(c.trainees - c.reported, outcomes),
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
    cohort = _link(scope, "trainees.cohort", cohort_id=c.id)
    figs = {
        "number": Fig(str(c.number), cohort),
        "date": Fig(_day(c.start_date)),
        "trainees": _n(c.trainees, cohort),
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
    url = _link(scope, "trainees.cohort", cohort_id=c.id)
    figs = {"number": Fig(str(c.number), url), "assignment": Fig(c.assignment.rstrip(".")),
            "result": Fig(c.result.rstrip(".")), "where": Fig(c.presented_where)}
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
    events = _link(scope, "trainees.index")
    figs = {"year": Fig(str(scope.year)), "days": _n(trainee.training_days, events),
            "visits": _n(trainee.study_visits, events, neuter=True),
            "members": _members(scope, len(figures.members)),
            "visited": _n(len(trainee.visited), events),
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


# --- the network register ------------------------------------------------------------------


def network_section(figures: YearFigures) -> Section:
    from mentorship.networks.models import ACTIVE, CLOSED, STARTING

    scope, network = figures.scope, figures.network
    section = Section("network", _("Nätverksregistret"))
    figs = {
        "year": Fig(str(scope.year)),
        "networks": _n(network.networks, _link(scope, "networks.index"), neuter=True),
        "active": _n(network.totals[ACTIVE], _link(scope, "networks.index", status=ACTIVE),
                     neuter=True),
        "starting": _n(network.totals[STARTING],
                       _link(scope, "networks.index", status=STARTING), neuter=True),
        "closed": _n(network.totals[CLOSED], _link(scope, "networks.index", status=CLOSED),
                     neuter=True),
        "municipality": Fig(scope.municipality or ""),
        "purposes": _n(len(network.purposes), _link(scope, "networks.index"), neuter=True),
    }
    if scope.municipality_id is not None:
        first = ngettext(
            "Vid utgången av %(year)s deltog %(municipality)s i %(networks)s nätverk:",
            "Vid utgången av %(year)s deltog %(municipality)s i %(networks)s nätverk:",
            network.networks, year=slot("year"), municipality=slot("municipality"),
            networks=slot("networks"))
    else:
        first = ngettext(
            "Vid utgången av %(year)s fanns %(networks)s nätverk i registret:",
            "Vid utgången av %(year)s fanns %(networks)s nätverk i registret:",
            network.networks, year=slot("year"), networks=slot("networks"))
    states = [
        ngettext("%(active)s aktivt", "%(active)s aktiva", network.totals[ACTIVE],
                 active=slot("active")) if network.totals[ACTIVE] else "",
        _("%(starting)s under uppstart", starting=slot("starting"))
        if network.totals[STARTING] else "",
        ngettext("%(closed)s avslutat", "%(closed)s avslutade", network.totals[CLOSED],
                 closed=slot("closed")) if network.totals[CLOSED] else "",
    ]
    counts = join_and(states) + "."
    if not network.networks:
        first, counts = _("Vid utgången av %(year)s fanns inga nätverk i registret.",
                          year=slot("year")), ""
    purposes = ngettext(
        "%(purposes)s nätverk har beskrivit sitt syfte för %(year)s.",
        "%(purposes)s nätverk har beskrivit sitt syfte för %(year)s.",
        len(network.purposes), purposes=slot("purposes"), year=slot("year")
    ) if network.purposes else _("Inget nätverk har beskrivit sitt syfte för %(year)s.",
                                 year=slot("year"))
    section.paragraphs.append(paragraph("network.register", [first, counts, purposes], figs))
    if not network.surveys:
        section.paragraphs.append(paragraph("network.survey", [_(
            "Ingen nätverksenkät genomfördes under %(year)s; enkäten görs minst vartannat år.",
            year=slot("year"))], {"year": Fig(str(scope.year))}))
    for survey, overall, networks in network.surveys:
        url = _link(scope, "networks.survey_results", admin_only=True, survey_id=survey.id)
        first_figure = overall.figures[0] if overall.figures else None
        figs = {"title": Fig(survey.title, url),
                "answers": _n(overall.answers, url, neuter=True),
                "networks": _n(networks, url, neuter=True), "min": Fig(in_words(MIN_ANSWERS)),
                "average": Fig(_decimal(first_figure.average if first_figure else None)),
                "question": Fig(first_figure.label if first_figure else "")}
        messages = [ngettext(
            "Enkäten %(title)s fick %(answers)s svar från %(networks)s nätverk.",
            "Enkäten %(title)s fick %(answers)s svar från %(networks)s nätverk.",
            overall.answers, title=slot("title"), answers=slot("answers"),
            networks=slot("networks"))]
        if first_figure is None or first_figure.hidden:
            messages.append(_("Med färre än %(min)s svar redovisas inga betyg.",
                              min=slot("min")))
        else:
            messages.append(_("På frågan ”%(question)s” blev genomsnittet %(average)s av 5.",
                              question=slot("question"), average=slot("average")))
        section.paragraphs.append(paragraph(f"network.survey.{survey.id}", messages, figs))
    return section


def sections(figures: YearFigures) -> list[Section]:
    return [mentor_section(figures), trainee_section(figures), network_section(figures)]
