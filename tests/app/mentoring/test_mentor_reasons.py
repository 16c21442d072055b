"""Explanations in the reader's language: the engine's reason codes are stored and worded
by the app, so one stored proposal reads in Swedish or English; sentences stored before
(Swedish text) are turned into codes by migration 0010."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from sqlalchemy import select

from matching import Reason, describe

MIGRATION = Path(__file__).parents[3] / "migrations" / "versions" / "0010_formats.py"

EVERY_REASON = [
    Reason("same_business_area"), Reason("different_business_areas"), Reason("no_goals"),
    Reason("goals_covered", {"covered": 3, "wanted": 4}),
    Reason("mentor_longer", {"mentor_years": 12, "adept_years": 2}),
    Reason("mentor_not_longer", {"mentor_years": 1, "adept_years": 2}),
    Reason("mentor_level_same_or_higher"), Reason("mentor_level_lower"),
    Reason("gender_wanted"), Reason("gender_not_wanted"), Reason("distance", {"km": 27}),
    Reason("digital_meetings"), Reason("locked"), Reason("no_candidate"),
    Reason("below_minimum", {"best": 12.5, "required": 40.0}), Reason("capacity_taken"),
]


def _migration():
    spec = importlib.util.spec_from_file_location("migration_0010", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migration_reads_every_sentence_the_engine_wrote():
    module = _migration()
    for reason in EVERY_REASON:
        assert module.to_code(describe(reason)) == reason.to_dict(), reason
        assert module.to_text(reason.to_dict()) == describe(reason)
    assert module.to_code("något annat") == {"code": "text", "params": {"text": "något annat"}}


def test_one_stored_proposal_reads_in_swedish_and_english(app, client, auth, build_round,
                                                          admin_user):
    r = build_round(pairs=3, state="matching")
    auth.login(admin_user.email)
    weights = {"min_score": "0", "w_business_area": "30", "w_goals": "40", "w_experience": "20",
               "w_gender": "10", "w_distance": "20"}
    assert client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor",
                       data=weights).status_code == 302
    swedish = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    client.post("/sprak", data={"lang": "en", "next": "/"})
    english = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    words = {lang: _proposal_words(app, r.id, lang) for lang in ("sv", "en")}
    for lang, page in (("sv", swedish), ("en", english)):
        reasons, goals = words[lang]
        assert reasons and all(text in page for text in reasons)
        assert goals in page  # the criterion's name
    assert not set(words["sv"][0]) & set(words["en"][0])  # two languages, not one twice
    assert not any(text in english for text in words["sv"][0])
    assert words["sv"][1] not in english


def _proposal_words(app, round_id, lang):
    """The stored proposal's reasons and the goals criterion's name, worded in `lang`."""
    from flask_babel import force_locale
    from markupsafe import escape

    from mentorship.extensions import db
    from mentorship.mentoring.labels import criterion_labels
    from mentorship.mentoring.models import MatchRun, ProposedPair
    from mentorship.mentoring.pairing.reasons import reason_texts

    with app.test_request_context(), force_locale(lang):
        run = db.session.scalar(select(MatchRun).where(MatchRun.round_id == round_id))
        texts = {str(escape(t)) for p in db.session.scalars(
            select(ProposedPair).where(ProposedPair.run_id == run.id))
            for t in reason_texts(p.reasons)}
        return sorted(texts), str(criterion_labels()["goals"])


@pytest.mark.committed
def test_sentences_stored_before_become_codes(app, build_round):
    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound, ProposedPair
    from mentorship.mentoring.pairing import proposals
    from mentorship.mentoring.pairing.reasons import reason_texts

    r = build_round(pairs=2, state="matching")
    with app.test_request_context():
        proposals.run_matching(None, db.session.get(MentorRound, r.id))
        rows = list(db.session.scalars(select(ProposedPair).order_by(ProposedPair.id)))
        # Before 0010 the engine said "digitala möten" also for two "Båda går bra" people,
        # and counted the goals covered without naming them.
        def before(x: dict) -> dict:
            if x["code"] == "goals_covered":
                p = x["params"]
                return {"code": x["code"],
                        "params": {"covered": len(p["covered"]), "wanted": p["wanted"]}}
            return {"code": "digital_meetings", "params": {}} if x["code"] == "either_meetings" \
                else x

        codes = [[before(x) for x in row.reasons] for row in rows]
        # As stored before: the engine's Swedish sentences, and an unmatched adept's text.
        for row in rows:
            row.reasons = [describe(Reason.from_dict(before(x))) for x in row.reasons]
        rows[0].mentor_id, rows[0].score = None, None
        rows[0].unmatched_reason = describe(Reason("capacity_taken"))
        rows[0].reasons = []
        db.session.commit()
        with db.engine.begin() as conn, Operations.context(MigrationContext.configure(conn)):
            module = _migration()
            module._convert_reasons(module._codes_from_text, module._unmatched_to_code)
        db.session.expire_all()
        rows = list(db.session.scalars(select(ProposedPair).order_by(ProposedPair.id)))
        assert rows[0].reasons == [{"code": "capacity_taken", "params": {}}]
        assert rows[0].unmatched_reason == "capacity_taken"
        assert [row.reasons for row in rows[1:]] == codes[1:]
        assert reason_texts(rows[0].reasons) == [describe(Reason("capacity_taken"))]


def test_the_app_words_every_reason_the_engine_gives_as_the_engine_does(app):
    """Every code in matching.texts (except the two that are not about one pair, and the
    goal templates' variants) reads the same in the app, in both languages."""
    from flask_babel import force_locale

    from matching.texts import TEMPLATES
    from mentorship.mentoring.pairing.reasons import reason_text

    samples = [*EVERY_REASON, Reason("either_meetings"),
               Reason("goals_covered", {"covered": ["Ekonomi", "Ledarskap"],
                                        "missing": ["Rekrytering"], "wanted": 3}),
               Reason("goals_covered", {"covered": ["Ekonomi"], "missing": [], "wanted": 1}),
               Reason("goals_covered", {"covered": [], "missing": ["Ekonomi"], "wanted": 1}),
               Reason("wish_first"), Reason("wish_second"), Reason("wish_third"),
               Reason("wish_not_met", {"wishes": 2})]
    not_per_pair = {"tie_break", "tied", "goals_named", "goals_named_missing",
                    "goals_none_covered"}
    assert {r.code for r in samples} == set(TEMPLATES["sv"]) - not_per_pair
    with app.test_request_context():
        for lang in ("sv", "en"):
            with force_locale(lang):
                for reason in samples:
                    assert reason_text(reason.to_dict()) == describe(reason, lang), reason
