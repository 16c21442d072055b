"""The demo: an autumn round ready to match and an earlier closed round; idempotent."""

from sqlalchemy import func, select


def test_demo_mentor_rounds_are_complete_and_idempotent(app, count_queries):
    from mentorship.demo.mentoring import demo_mentoring
    from mentorship.demo.people import demo_people
    from mentorship.extensions import db
    from mentorship.mentoring.closing import evaluation
    from mentorship.mentoring.models import (
        Enrolment,
        MentorPair,
        MentorRound,
        MentorTalk,
        WorkshopSignup,
    )
    from mentorship.mentoring.pairing import proposals

    with app.test_request_context():
        demo_people("demo-password")
        first = demo_mentoring("demo-password")
        db.session.commit()
        again = demo_mentoring("demo-password")
        db.session.commit()
        assert "finns redan" in again, (first, again)
        rounds = db.session.scalars(select(MentorRound).order_by(MentorRound.starts_on)).all()
        assert [r.state for r in rounds] == ["closed", "matching"]
        earlier, autumn = rounds
        enrolled = db.session.scalars(
            select(Enrolment).where(Enrolment.round_id == autumn.id)
        ).all()
        assert len(enrolled) == 48
        assert sum(e.role == "mentor" for e in enrolled) == 24
        assert len({e.user.municipality_id for e in enrolled}) == 11
        assert all(e.profile_done_at for e in enrolled)
        assert proposals.latest_run(autumn) is None
        assert db.session.scalar(
            select(func.count()).select_from(MentorPair).where(MentorPair.round_id == earlier.id)
        ) == 6
        assert db.session.scalar(select(func.count()).select_from(MentorTalk)) >= 12
        assert db.session.scalar(
            select(func.count()).select_from(WorkshopSignup).where(WorkshopSignup.attended)
        ) > 0
        results = evaluation.results(earlier)
        assert results.answers >= 5 and not results.figures[0].hidden
        assert evaluation.winner(earlier) is not None
        # The autumn round matches, and earlier pairs are not made again.
        run = proposals.run_matching(None, autumn)
        assert run.figures["pairs"] >= 20
        earlier_pairs = proposals.earlier_user_pairs(autumn)
        made = {(p.adept.user_id, p.mentor.user_id)
                for p in db.session.scalars(proposals.proposed_pairs(run)).unique()}
        assert not made & earlier_pairs
        # Participants shaped it: presentations, an open wish period, wishes that count.
        from mentorship.mentoring.enrolment import wishes

        assert all(e.presentation for e in enrolled)
        assert all(e.develop_text for e in enrolled if e.role == "adept")
        assert all(e.offer_text for e in enrolled if e.role == "mentor")
        assert wishes.is_open(autumn, wishes.wish_period(autumn))
        assert run.figures["adepts_with_wishes"] >= 18
        assert run.figures["wishes_met"] >= 1
        assert wishes.summary(autumn).marks
        db.session.commit()
