"""The proposal the coordinator can see through: ties are shown with the tie-break rule,
and per adept the next best mentors with their score and the exact loss of the total."""

import pytest
from sqlalchemy import select

TIED_3 = {"code": "tied", "params": {"n": 3}}


def _words(app, reason=None, lang: str = "sv") -> tuple[str, str]:
    """The tied reason and the tie-break rule as the app words them in `lang`."""
    from flask_babel import force_locale

    from mentorship.mentoring.pairing.reasons import reason_text, tie_break_rule

    with app.test_request_context(), force_locale(lang):
        return reason_text(reason or TIED_3), tie_break_rule()


def _proposed(app, round_id: int) -> list:
    from mentorship.extensions import db
    from mentorship.mentoring.models import MatchRun, ProposedPair

    with app.app_context():
        run_id = db.session.scalar(select(MatchRun.id).where(MatchRun.round_id == round_id)
                                   .order_by(MatchRun.id.desc()))
        return list(db.session.scalars(select(ProposedPair).where(ProposedPair.run_id == run_id)))


def _equal_mentors(app, r):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment

    with app.app_context():
        for m in r.mentors:
            e = db.session.get(Enrolment, m.id)
            e.business_area, e.level, e.years_as_manager, e.capacity = "IT", 3, 20, 2
            e.goals = ["Arbetsmiljö och hälsa", "Ekonomistyrning", "Leda förändring",
                       "Svåra samtal"]
        db.session.commit()


def _run(client, r):
    from matching import CRITERIA, DEFAULT_WEIGHTS

    weights = {f"w_{k}": str(getattr(DEFAULT_WEIGHTS, k)) for k in CRITERIA}
    assert client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor",
                       data={"min_score": "0", **weights}).status_code == 302


def test_ties_are_shown_with_the_tie_break_rule(app, client, auth, build_round, admin_user):
    r = build_round(pairs=3, state="matching")
    _equal_mentors(app, r)
    auth.login(admin_user.email)
    _run(client, r)
    pairs = _proposed(app, r.id)
    assert len(pairs) == 3 and all(TIED_3 in p.reasons for p in pairs)
    page = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    tied, rule = _words(app)
    assert page.count(tied) == 3
    assert 'id="tie-break"' in page and rule in page
    client.post("/sprak", data={"lang": "en"})
    english = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    tied_en, _rule = _words(app, lang="en")
    assert tied_en != tied and english.count(tied_en) == 3


@pytest.mark.wording
def test_tied_mentors_are_counted_in_both_languages(app):
    assert _words(app)[0] == "3 mentorer lika bra"
    assert _words(app, lang="en")[0] == "3 equally good mentors"
    assert _words(app)[1].startswith("Vid lika poäng väljer matchningen utan slump")


def test_alternatives_for_one_adept_with_score_and_exact_loss(app, client, auth, build_round,
                                                               admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.models import ProposedPair

    r = build_round(pairs=3, state="matching")
    auth.login(admin_user.email)
    _run(client, r)
    adept = r.adepts[0]
    with app.app_context():
        total = db.session.scalar(select(ProposedPair.score).where(
            ProposedPair.adept_id == adept.id))
    page = client.get(f"/mentorskap/omgangar/{r.id}/matchning")
    assert f"/mentorskap/omgangar/{r.id}/matchning/adept/{adept.id}" in page.get_data(
        as_text=True)
    html = client.get(f"/mentorskap/omgangar/{r.id}/matchning/adept/{adept.id}").get_data(
        as_text=True)
    assert 'id="next-title"' in html
    assert total is not None
    others = [m for m in r.mentors if m.name in html]
    assert len(others) == 3  # the chosen one in the sentence, two as alternatives

    # The loss is the engine's exact re-solve: locking the first alternative and running
    # again lowers the total by that much.
    with app.app_context():
        from mentorship.auth.models import User
        from mentorship.mentoring.models import Enrolment, MatchRun, MentorRound
        from mentorship.mentoring.pairing import next_best, proposals

        round_ = db.session.get(MentorRound, r.id)
        options = next_best.adept_options(round_, db.session.get(Enrolment, adept.id))
        first = options.options[0]
        alternatives = [o.mentor.id for o in options.options]
        before = db.session.scalar(select(MatchRun.total_score).order_by(MatchRun.id.desc()))
        proposals.set_rule(db.session.get(User, admin_user.id), round_,
                           proposals.PairRule(adept.id, first.mentor.id, "lock"))
        run = proposals.run_matching(None, round_)
        assert round(before - run.total_score, 2) == first.loss
        db.session.rollback()
    # Each alternative can be locked instead, from the page.
    assert len(alternatives) == 2
    forms = html.split("<form")[1:]
    assert sorted(mentor for mentor in alternatives
                  for form in forms if 'name="kind" value="lock"' in form
                  and f'name="mentor_id" value="{mentor}"' in form) == sorted(alternatives)
    # Another round's adept is not there.
    other = build_round(pairs=1, state="matching")
    assert client.get(f"/mentorskap/omgangar/{r.id}/matchning/adept/{other.adepts[0].id}"
                      ).status_code == 404


def test_an_unmatched_adept_gets_alternatives_below_the_minimum(app, client, auth,
                                                                build_round, admin_user):
    from matching import CRITERIA, DEFAULT_WEIGHTS

    r = build_round(pairs=1, state="matching")
    auth.login(admin_user.email)
    weights = {f"w_{k}": str(getattr(DEFAULT_WEIGHTS, k)) for k in CRITERIA}
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor",
                data={"min_score": "999", **weights})
    assert [p.mentor_id for p in _proposed(app, r.id)] == [None]  # the adept is unmatched
    page = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    link = f"/mentorskap/omgangar/{r.id}/matchning/adept/{r.adepts[0].id}"
    assert link in page
    options = _options(app, r)
    assert options.mentor is None
    assert [(o.mentor.id, o.below_minimum) for o in options.options] == [(r.mentors[0].id, True)]
    html = client.get(link).get_data(as_text=True)
    row = html[html.index('id="next-title"'):]
    assert r.adepts[0].name in html and r.mentors[0].name in row and "tag-warn" in row


def _options(app, r):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MentorRound
    from mentorship.mentoring.pairing import next_best

    with app.test_request_context():
        return next_best.adept_options(db.session.get(MentorRound, r.id),
                                       db.session.get(Enrolment, r.adepts[0].id))


@pytest.mark.wording
def test_an_unmatched_adepts_alternatives_say_so(app, client, auth, build_round, admin_user):
    from matching import CRITERIA, DEFAULT_WEIGHTS

    r = build_round(pairs=1, state="matching")
    auth.login(admin_user.email)
    weights = {f"w_{k}": str(getattr(DEFAULT_WEIGHTS, k)) for k in CRITERIA}
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor",
                data={"min_score": "999", **weights})
    page = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    assert "Adepter utan mentor (1)" in page
    html = client.get(f"/mentorskap/omgangar/{r.id}/matchning/adept/{r.adepts[0].id}"
                      ).get_data(as_text=True)
    assert f"I bästa lösningen för hela omgången får {r.adepts[0].name} ingen mentor." in html
    assert "Näst bästa mentorer" in html and "under lägsta poäng" in html
    assert "Lås i stället" in html
