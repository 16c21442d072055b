"""Demo data for participant-shaped matching in "Hösten <year>": presentations and own
words for everyone, most mentors showing their profile, an open wish period, up to three
ranked wishes per adept (concentrated on popular mentors, as in real rounds) and one
mentor's conflict-of-interest mark. Idempotent: a round that has wishes is left alone."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from mentorship.extensions import db
from mentorship.mentoring.enrolment import wishes
from mentorship.mentoring.models import ADEPT, MENTOR, Enrolment, MentorRound
from mentorship.mentoring.wish_models import AdeptWish, MentorExclusion, WishPeriod

PRESENTATIONS = (
    "Chef inom {area} sedan {years} år. Jag tycker om att bygga lag som tar ansvar själva.",
    "Jag leder {area} och utvecklar gärna arbetssätt tillsammans med medarbetarna.",
    "{years} år som chef, de senaste inom {area}. Raka samtal och tydliga mål passar mig.",
    "Jag kom till {area} från en annan kommun och trivs med att leda i förändring.",
    "Nyfiken chef inom {area} som vill lära av andra kommuner och dela med mig.",
)
DEVELOP = (
    "Att leda genom andra chefer och hålla ihop en större verksamhet.",
    "Svåra samtal om arbetsmiljö och sjukfrånvaro, och att våga ta dem tidigt.",
    "Att driva förändring när ekonomin är ansträngd utan att tappa medarbetarna.",
    "Att hitta min roll mot politiken och förvaltningsledningen.",
    "Att prioritera min egen tid och delegera mer.",
)
OFFER = (
    "Erfarenhet av två omorganisationer och av att leda i förändring.",
    "Budgetarbete och att prioritera när resurserna inte räcker till allt.",
    "Arbetsmiljöarbete och samverkan med fack och skyddsombud.",
    "Ett nätverk över kommungränserna och vana att samverka med regionen.",
    "Att leda chefer och bygga en ledningsgrupp som litar på varandra.",
)
# Wishes concentrate on a few mentors: each adept ranks three of the mentors they may be
# matched with, most often from the first few in this order of popularity.
PICKS = ((0, 1, 2), (0, 2, 4), (1, 0, 3), (0, 1, 5), (2, 0, 1), (0, 3, 1))


def demo_wishes(round_name: str) -> str:
    round_ = db.session.scalar(select(MentorRound).where(MentorRound.name == round_name))
    if round_ is None or db.session.scalar(
            select(func.count(AdeptWish.id)).where(AdeptWish.round_id == round_.id)):
        return ""
    people = list(db.session.scalars(
        select(Enrolment).where(Enrolment.round_id == round_.id).order_by(Enrolment.id)))
    for i, e in enumerate(people):
        e.presentation = (PRESENTATIONS[i % len(PRESENTATIONS)]  # (no str.format anywhere)
                          .replace("{area}", e.business_area.lower())
                          .replace("{years}", str(e.years_as_manager)))
        if e.role == ADEPT:
            e.develop_text = DEVELOP[i % len(DEVELOP)]
        else:
            e.offer_text = OFFER[i % len(OFFER)]
            e.profile_visible = i % 4 != 0  # most mentors show their profile
    today = wishes.today()
    db.session.merge(WishPeriod(round_id=round_.id, opens_on=today - timedelta(days=7),
                                closes_on=today + timedelta(days=14)))
    adepts = [e for e in people if e.role == ADEPT]
    wished = 0
    for i, adept in enumerate(adepts):
        possible = wishes.possible_mentors(adept)
        picks = [possible[k] for k in PICKS[i % len(PICKS)] if k < len(possible)]
        if i % 8 == 7 or not picks:  # some adepts do not wish
            continue
        db.session.add_all(AdeptWish(round_id=round_.id, adept_id=adept.id, mentor_id=m.id,
                                     rank=rank) for rank, m in enumerate(picks, start=1))
        wished += 1
    mentor = next(e for e in people if e.role == MENTOR)
    marked = wishes.markable_adepts(mentor)
    if marked:
        db.session.add(MentorExclusion(
            round_id=round_.id, mentor_id=mentor.id, adept_id=marked[-1].id,
            reason="Vi sitter i samma styrgrupp för ett gemensamt upphandlingsprojekt."))
    db.session.flush()
    return f"{round_name}: presentationer, öppen önskeperiod och önskemål från {wished} adepter"
