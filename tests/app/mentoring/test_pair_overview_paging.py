"""The pair list pages the pairs with db.paginate and reads the talk figures of the page in
one query: the same rows as the unpaged overview, in a fixed number of queries."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from mentorship.extensions import db
from mentorship.mentoring.models import MentorPair, MentorRound, MentorTalk
from mentorship.mentoring.talks import services as talks


def _rows(items):
    return [(r.pair.id, r.talks, r.last_talk) for r in items]


def test_pages_hold_the_overviews_rows_with_their_talks(app, build_round, count_queries):
    built = build_round(pairs=3, state="running")
    with app.app_context():
        pairs = list(db.session.scalars(
            select(MentorPair.id).where(MentorPair.round_id == built.id).order_by(MentorPair.id)))
        for held_on in (date(2026, 1, 10), date(2026, 2, 20)):
            db.session.add(MentorTalk(pair_id=pairs[0], held_on=held_on, minutes=60))
        db.session.add(MentorTalk(pair_id=pairs[2], held_on=date(2025, 10, 1), minutes=45))
        for pair in db.session.scalars(select(MentorPair).where(MentorPair.round_id == built.id)):
            # published when the round started (silence counts from publishing)
            pair.published_at = datetime(2025, 9, 1, 8, tzinfo=UTC)
        db.session.commit()
    today = date(2026, 3, 1)
    for weeks in (None, 6):
        with app.app_context():
            round_ = db.session.get(MentorRound, built.id)
            whole = _rows(talks.pair_overview(round_, weeks, today))
            with count_queries() as counter:
                first = talks.pair_overview_page(round_, 1, 2, weeks, today)
                last = talks.pair_overview_page(round_, 99, 2, weeks, today)
            assert _rows(first.items) + (_rows(last.items) if last.page > 1 else []) == whole
            assert first.total == len(whole) and last.page == first.pages
            assert counter.count <= 6  # count, pairs, talk figures for each page
    with app.app_context():
        round_ = db.session.get(MentorRound, built.id)
        rows = _rows(talks.pair_overview_page(round_, 1, 10, None, today).items)
        silent = _rows(talks.pair_overview_page(round_, 1, 10, 6, today).items)
    assert rows[0][1:] == (2, date(2026, 2, 20)) and rows[2][1:] == (1, date(2025, 10, 1))
    assert [r[0] for r in silent] == [pairs[1], pairs[2]]
