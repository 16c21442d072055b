"""Every criterion of the engine is editable as a weight and named in both languages."""

import pytest
from sqlalchemy import func, select

from tests.said import refused, summary


def test_every_engine_criterion_has_a_weight_field_and_labels(app, client, auth, build_round,
                                                              admin_user):
    from matching import CRITERIA, DEFAULT_WEIGHTS
    from mentorship.mentoring.labels import criterion_labels, criterion_short_labels

    r = build_round(pairs=1, state="matching")
    auth.login(admin_user.email)
    page = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    for language in ("sv", "en"):
        with app.test_request_context(headers={"Accept-Language": language}):
            names, short = criterion_labels(), criterion_short_labels()
        for key in CRITERIA:
            assert names[key] and short[key]
    for key in CRITERIA:
        assert f'name="w_{key}"' in page
        assert f'value="{getattr(DEFAULT_WEIGHTS, key):g}' in page or \
            f'value="{getattr(DEFAULT_WEIGHTS, key)}' in page


def test_a_weight_missing_from_the_posted_form_takes_the_default(app, client, auth,
                                                                 build_round, admin_user):
    from matching import CRITERIA, DEFAULT_WEIGHTS
    from mentorship.extensions import db
    from mentorship.mentoring.models import MatchRun

    r = build_round(pairs=1, state="matching")
    auth.login(admin_user.email)
    posted = {"min_score": "0", **{f"w_{k}": "5" for k in CRITERIA[:-1]}}
    response = client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=posted)
    assert response.status_code == 302
    with app.app_context():
        run = db.session.scalar(select(MatchRun).where(MatchRun.round_id == r.id))
        assert run.weights[CRITERIA[-1]] == getattr(DEFAULT_WEIGHTS, CRITERIA[-1])
        assert run.weights[CRITERIA[0]] == 5
    empty = client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor",
                        data=dict(posted, **{f"w_{CRITERIA[-1]}": ""}))
    assert refused(empty) == {f"w_{CRITERIA[-1]}"}  # empty is not absent
    with app.app_context():
        assert db.session.scalar(select(func.count(MatchRun.id))
                                 .where(MatchRun.round_id == r.id)) == 1  # no second run


@pytest.mark.wording
def test_an_empty_weight_asks_for_a_number(app, client, auth, build_round, admin_user):
    from matching import CRITERIA

    r = build_round(pairs=1, state="matching")
    auth.login(admin_user.email)
    posted = {"min_score": "0", **{f"w_{k}": "5" for k in CRITERIA}, f"w_{CRITERIA[0]}": ""}
    page = client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=posted)
    assert any(item.endswith("Skriv en vikt (0 eller mer).") for item in summary(page))
