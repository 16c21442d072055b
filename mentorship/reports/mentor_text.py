"""The mentor programme's section of the year's report."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext

from mentorship.reports.figures import YearFigures
from mentorship.reports.mentor_figures import RoundFigures
from mentorship.reports.paragraphs import (
    Fig,
    Paragraph,
    Section,
    count,
    decimal,
    link,
    members_fig,
    paragraph,
    slot,
)
from mentorship.reports.scope import Scope
from mentorship.reports.words import in_words, join_and
from mentorship.small_groups import MIN_ANSWERS


def _round_participants(scope: Scope, r: RoundFigures, members: int) -> Paragraph:
    people = link(scope, "mentoring.enrolments", round_id=r.id)
    figs = {
        "round": Fig(r.name, link(scope, "mentoring.round_show", round_id=r.id)),
        "managers": count(r.managers, people),
        "mentors": count(r.mentors, people),
        "adepts": count(r.adepts, people),
        "members": members_fig(scope, members),
        "represented": count(len(r.municipalities), people),
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
    roles = join_and([
        ngettext("%(mentors)s som mentor", "%(mentors)s som mentorer", r.mentors,
                 mentors=slot("mentors")),
        ngettext("%(adepts)s som adept", "%(adepts)s som adepter", r.adepts,
                 adepts=slot("adepts")),
    ]) + "."
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
    pairs = link(scope, "mentoring.pairs", admin_only=True, round_id=r.id)
    workshops = link(scope, "mentoring.workshops_index", admin_only=True, round_id=r.id)
    figs = {
        "pairs": count(r.pairs, pairs, neuter=True),
        "talks": count(r.talks, pairs, neuter=True),
        "workshops": count(r.workshops, workshops),
        "attendance": count(r.attendance, link(scope, "mentoring.attendance_people",
                                             admin_only=True, round_id=r.id)),
        "year": Fig(str(scope.year)),
    }
    messages = [
        ngettext("%(pairs)s par matchades över kommun- och verksamhetsgränserna.",
                 "%(pairs)s par matchades över kommun- och verksamhetsgränserna.",
                 r.pairs, pairs=slot("pairs"))
        if r.pairs else _("Inga par är publicerade i omgången än."),
        ngettext("Under %(year)s loggades %(talks)s mentorssamtal.",
                 "Under %(year)s loggades %(talks)s mentorssamtal.",
                 r.talks, talks=slot("talks"), year=slot("year"))
        if r.talks else _("Inga mentorssamtal loggades under %(year)s.", year=slot("year")),
    ]
    if r.workshops:
        messages += [
            ngettext("Omgången hade %(workshops)s gemensam programworkshop under året",
                     "Omgången hade %(workshops)s gemensamma programworkshops under året",
                     r.workshops, workshops=slot("workshops")),
            ngettext("med sammanlagt %(attendance)s närvarande deltagare.",
                     "med sammanlagt %(attendance)s närvarande deltagare.",
                     r.attendance, attendance=slot("attendance")),
        ]
    else:
        messages.append(_("Omgången hade ingen programworkshop under året."))
    return paragraph(f"mentor.activity.{r.id}", messages, figs)


def _round_evaluation(scope: Scope, r: RoundFigures) -> Paragraph | None:
    figure = r.evaluation
    if figure is None or figure.answers == 0:
        return None
    url = link(scope, "mentoring.evaluation_results", admin_only=True, round_id=r.id)
    figs = {"answers": count(figure.answers, url), "min": Fig(in_words(MIN_ANSWERS)),
            "replies": count(figure.answers, url, neuter=True),
            "average": Fig(decimal(figure.average), url)}
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


def _round_winner(scope: Scope, r: RoundFigures) -> Paragraph | None:
    if r.winner is None:
        return None
    url = link(scope, "mentoring.mentor_of_the_year", admin_only=True, round_id=r.id)
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
        rounds = link(scope, "mentoring.rounds_index")
        figs = {"rounds": count(len(mentor.rounds), rounds),
                "managers": count(mentor.managers, rounds), "year": Fig(str(scope.year)),
                "represented": count(len(mentor.municipalities), rounds),
                "members": members_fig(scope, members)}
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
