"""Numbers as a Swede reads them on every page: every GET page of the demo, in Swedish, as
an admin, an HR contact and a participant, with every round (a matching run included) and
cohort, shows no number with a decimal point ("-5.73", "30.0"): decimals are written by one
filter (`number`) with a decimal comma."""

from __future__ import annotations

import html as htmllib
import re

from sqlalchemy import select

from mentorship.extensions import db

DECIMAL_POINT = re.compile(r"(?<![\w.:/-])[-−+]?\d+\.\d+(?![\w.])")
SKIP = ("static", "jobs.", "main.health", "main.ready")


INPUT_VALUE = re.compile(r'<input\b(?![^>]*type="(?:hidden|checkbox|radio)")[^>]*\bvalue="([^"]*)"')


def visible_text(page: str) -> str:
    """The text a reader sees: the page's text and what its form fields hold."""
    values = " ".join(INPUT_VALUE.findall(page))
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    text = htmllib.unescape(page + " " + values)
    return re.sub(r"WCAG \d\.\d", "WCAG", text)  # a standard's name, not a number


def _values(app) -> list[dict]:
    from mentorship.mentoring.models import MentorRound
    from mentorship.trainees.models import Cohort
    from tests.app.route_targets import _targets

    base = _targets(app)["values"]
    with app.app_context():
        rounds = list(db.session.scalars(select(MentorRound.id).order_by(MentorRound.id)))
        cohorts = list(db.session.scalars(select(Cohort.id).order_by(Cohort.id)))
    out = [dict(base, round_id=r) for r in rounds]
    out += [dict(base, cohort_id=c) for c in cohorts]
    return out


def _match_the_ready_round(app) -> None:
    from mentorship.auth.models import User
    from mentorship.mentoring.models import MentorRound, ProposedPair
    from mentorship.mentoring.pairing import proposals

    with app.test_request_context():
        admin = db.session.scalar(select(User).where(User.email == "admin@example.org"))
        matching = select(MentorRound).where(MentorRound.state == "matching")
        for round_ in db.session.scalars(matching):
            before = proposals.run_matching(admin, round_)
            run = proposals.run_matching(admin, round_)  # a second run: what changed
            earlier = set(db.session.execute(select(ProposedPair.adept_id, ProposedPair.mentor_id)
                                             .where(ProposedPair.run_id == before.id)).all())
            kept = next(p for p in db.session.scalars(
                select(ProposedPair).where(ProposedPair.run_id == run.id,
                                           ProposedPair.mentor_id.is_not(None))
                .order_by(ProposedPair.id)) if (p.adept_id, p.mentor_id) in earlier)
            kept.score = float(kept.score) - 5.73  # a pair kept with a changed score
        db.session.commit()


def test_no_page_shows_a_decimal_point_in_swedish(matrix_app):
    from tests.app.route_targets import _client_for, _participant_of_bjuv, _url

    app = matrix_app
    _match_the_ready_round(app)
    participant = _participant_of_bjuv(app)
    found: dict[str, set[str]] = {}
    signed_seen: set[str] = set()
    for role in ("admin", "hr", "participant"):
        client = _client_for(app, role, participant)
        seen: set[str] = set()
        for values in _values(app):
            for rule in app.url_map.iter_rules():
                if "GET" not in rule.methods or rule.endpoint.startswith(SKIP):
                    continue
                url = _url(app, rule, values, "par")
                if url in seen:
                    continue
                seen.add(url)
                response = client.get(url, headers={"Accept-Language": "sv"})
                if response.status_code != 200 or response.mimetype != "text/html":
                    continue
                page = response.get_data(as_text=True)
                if "Kvarvarande par med ändrad poäng" in page:
                    signed_seen.add(rule.endpoint)
                for number in DECIMAL_POINT.findall(visible_text(page)):
                    found.setdefault(f"{role} {rule.endpoint}", set()).add(number)
    assert "mentoring.proposal" in signed_seen  # the run's changes, with signed numbers
    assert not found, "\n".join(f"{k}: {sorted(v)[:5]}" for k, v in sorted(found.items()))
