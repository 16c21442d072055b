"""What the mentor programme holds about a person, for Mina uppgifter: their own
enrolments and profiles, their pairs (without the partner's identity), the talks they
logged with their own private notes, their workshop sign-ups and attendance, and the
evaluations, nominations and matching rules that concern them. Nothing about anyone else.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import or_, select

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.mentoring.closing_models import EvaluationAnswer, Nomination
from mentorship.mentoring.fit_models import FitCheck
from mentorship.mentoring.models import (
    Enrolment,
    MatchRule,
    MentorPair,
    MentorRound,
    MentorTalk,
    Workshop,
    WorkshopSignup,
)
from mentorship.mentoring.wish_models import AdeptWish, MentorExclusion
from mentorship.privacy.register import PERSONAL
from mentorship.privacy.retention import retention_text
from mentorship.privacy.sections import Section, iso


def export(user: User) -> list[Section]:
    enrolments = db.session.execute(
        select(Enrolment, MentorRound)
        .join(MentorRound, MentorRound.id == Enrolment.round_id)
        .where(Enrolment.user_id == user.id)
        .order_by(MentorRound.starts_on, Enrolment.id)
    ).all()
    mine = {e.id: (e, r) for e, r in enrolments}
    ids = list(mine)
    pairs = db.session.scalars(
        select(MentorPair)
        .where(or_(MentorPair.adept_id.in_(ids), MentorPair.mentor_id.in_(ids)))
        .order_by(MentorPair.id)
    ).all() if ids else []
    talks = db.session.execute(
        select(MentorTalk, MentorPair.round_id)
        .join(MentorPair, MentorPair.id == MentorTalk.pair_id)
        .where(MentorTalk.author_id == user.id)
        .order_by(MentorTalk.held_on, MentorTalk.id)
    ).all()
    signups = db.session.execute(
        select(WorkshopSignup, Workshop)
        .join(Workshop, Workshop.id == WorkshopSignup.workshop_id)
        .where(WorkshopSignup.enrolment_id.in_(ids))
        .order_by(Workshop.round_id, Workshop.number)
    ).all() if ids else []
    answers = db.session.scalars(
        select(EvaluationAnswer).where(EvaluationAnswer.enrolment_id.in_(ids))
        .order_by(EvaluationAnswer.id)
    ).all() if ids else []
    written = db.session.scalars(
        select(Nomination).where(Nomination.adept_id.in_(ids)).order_by(Nomination.id)
    ).all() if ids else []
    won = set(db.session.scalars(
        select(Nomination.mentor_id).where(
            Nomination.mentor_id.in_(ids), Nomination.winner.is_(True)
        )
    )) if ids else set()
    rules = db.session.scalars(
        select(MatchRule)
        .where(or_(MatchRule.adept_id.in_(ids), MatchRule.mentor_id.in_(ids)))
        .order_by(MatchRule.id)
    ).all() if ids else []
    # Only the person's own answers; the partner's are never theirs to read.
    fit_checks = db.session.execute(
        select(FitCheck, MentorPair.round_id)
        .join(MentorPair, MentorPair.id == FitCheck.pair_id)
        .where(FitCheck.enrolment_id.in_(ids))
        .order_by(FitCheck.id)
    ).all() if ids else []
    # What the person said as adept (wishes) and as mentor (marks); a mark about them is
    # the mentor's statement to the coordinators and is not theirs to read.
    wished = db.session.execute(
        select(AdeptWish, User.name)
        .join(Enrolment, Enrolment.id == AdeptWish.mentor_id)
        .join(User, User.id == Enrolment.user_id)
        .where(AdeptWish.adept_id.in_(ids)).order_by(AdeptWish.round_id, AdeptWish.rank)
    ).all() if ids else []
    marked = db.session.execute(
        select(MentorExclusion, User.name)
        .join(Enrolment, Enrolment.id == MentorExclusion.adept_id)
        .join(User, User.id == Enrolment.user_id)
        .where(MentorExclusion.mentor_id.in_(ids)).order_by(MentorExclusion.id)
    ).all() if ids else []
    round_name = {r.id: r.name for _e, r in enrolments}
    retention = retention_text("mentor_round", user.municipality_id)

    def own_role(pair: MentorPair) -> str:
        return "adept" if pair.adept_id in mine else "mentor"

    return [
        Section(
            "mentorsprogrammet-anmälningar",
            _("Dina anmälningar och profiler i mentorsprogrammet"),
            PERSONAL["mentor_enrolment"]["business_area"].purpose,
            retention,
            [
                {
                    "omgång": r.name,
                    "omgångens_tid": [iso(r.starts_on), iso(r.ends_on)],
                    "roll": e.role,
                    "verksamhetsområde": e.business_area,
                    "chefsnivå": e.level,
                    "år_som_chef": e.years_as_manager,
                    "mål": list(e.goals or []),
                    "språk": list(e.languages or []),
                    "kön": e.gender,
                    "önskemål_om_mentorns_kön": e.gender_preference,
                    "mötesform": e.meeting_mode,
                    "antal_adepter": e.capacity if e.role == "mentor" else None,
                    "id_i_importfil": e.external_id,
                    "anmäld": iso(e.created_at),
                    "profil_klar": iso(e.profile_done_at),
                    "bett_att_få_lämna": iso(e.leave_requested_at),
                    "skäl_att_lämna": e.leave_reason,
                    "presentation": e.presentation,
                    "vill_utvecklas_i": e.develop_text,
                    "kan_erbjuda": e.offer_text,
                    "adepter_får_se_profilen": e.profile_visible,
                    "årets_mentor": e.id in won,
                }
                for e, r in enrolments
            ],
        ),
        Section(
            "mentorsprogrammet-par",
            _("Dina mentorspar"),
            f'{PERSONAL["mentor_pair"]["adept_id"].purpose} '
            + _("Vem du är matchad med ser du på sidan Mitt mentorsprogram."),
            retention,
            [
                {
                    "omgång": round_name.get(p.round_id),
                    "din_roll": own_role(p),
                    "poäng": p.score,
                    "publicerat": iso(p.published_at),
                    "avslutat": iso(p.ended_at),
                }
                for p in pairs
            ],
        ),
        Section(
            "mentorsprogrammet-samtal",
            _("Mentorssamtal som du har loggat"),
            PERSONAL["mentor_talk"]["private_note"].purpose,
            retention,
            [
                {
                    "omgång": round_name.get(round_id),
                    "datum": iso(t.held_on),
                    "minuter": t.minutes,
                    "din_anteckning": t.private_note,
                    "loggat": iso(t.created_at),
                }
                for t, round_id in talks
            ],
        ),
        Section(
            "mentorsprogrammet-workshoppar",
            _("Programworkshoppar: anmälan och närvaro"),
            PERSONAL["mentor_workshop_attendance"]["enrolment_id"].purpose,
            retention,
            [
                {
                    "omgång": round_name.get(w.round_id),
                    "workshop": w.title,
                    "start": iso(w.starts_at),
                    "anmäld": iso(s.signed_up_at),
                    "närvarade": s.attended,
                }
                for s, w in signups
            ],
        ),
        Section(
            "mentorsprogrammet-utvärderingar",
            _("Dina utvärderingar"),
            PERSONAL["mentor_evaluation_answer"]["overall"].purpose,
            retention,
            [
                {
                    "omgång": round_name.get(a.round_id),
                    "helhet": a.overall,
                    "matchning": a.matching,
                    "samtal": a.talks,
                    "workshoppar": a.workshops,
                    "kommentar": a.comment,
                    "svarat": iso(a.answered_at),
                }
                for a in answers
            ],
        ),
        Section(
            "mentorsprogrammet-passar-matchningen",
            _("Dina svar på ”Känns matchningen rätt?”"),
            PERSONAL["mentor_fit_check"]["answer"].purpose,
            retention,
            [
                {
                    "omgång": round_name.get(round_id),
                    "tillfrågad": iso(c.asked_at),
                    "svar": c.answer,
                    "kommentar": c.note,
                    "svarat": iso(c.answered_at),
                    "hanterat": iso(c.handled_at),
                }
                for c, round_id in fit_checks
            ],
        ),
        Section(
            "mentorsprogrammet-nomineringar",
            _("Dina nomineringar till Årets mentor"),
            PERSONAL["mentor_nomination"]["text"].purpose,
            retention,
            [
                {"omgång": round_name.get(n.round_id), "text": n.text,
                 "skrivet": iso(n.created_at), "får citeras": n.quote_consent}
                for n in written
            ],
        ),
        Section(
            "mentorsprogrammet-önskemål",
            _("Mentorer du har önskat"),
            PERSONAL["mentor_adept_wish"]["rank"].purpose,
            retention,
            [{"omgång": round_name.get(w.round_id), "val": w.rank, "mentor": name}
             for w, name in wished],
        ),
        Section(
            "mentorsprogrammet-markeringar",
            _("Adepter du har markerat att du inte kan ta"),
            PERSONAL["mentor_exclusion"]["reason"].purpose,
            retention,
            [{"omgång": round_name.get(m.round_id), "adept": name, "skäl": m.reason,
              "markerad": iso(m.created_at)} for m, name in marked],
        ),
        Section(
            "mentorsprogrammet-matchningsregler",
            _("Samordnarens regler för din matchning"),
            PERSONAL["mentor_match_rule"]["kind"].purpose,
            retention,
            [
                {
                    "omgång": round_name.get(rule.round_id),
                    "regel": "låst par" if rule.kind == "lock" else "förbjudet par",
                    "skapad": iso(rule.created_at),
                }
                for rule in rules
            ],
        ),
    ]
