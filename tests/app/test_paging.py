"""mentorship.pagination.paginate: Flask-SQLAlchemy's db.paginate in two queries, with a
page number past the last (or below the first) kept to the pages there are."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.pagination import paginate


@pytest.fixture
def seven_people(app, make_user):
    for n in range(7):
        make_user(f"p{n}@example.org")


def _page(app, page: int, per_page: int = 3, where=None):
    query = select(User).order_by(User.id)
    if where is not None:
        query = query.where(where)
    with app.app_context():
        result = paginate(query, page, per_page)
        return result, [u.email for u in result.items]


def test_pages_of_a_list(app, seven_people, count_queries):
    with count_queries() as counter:
        first, emails = _page(app, 1)
    assert counter.count == 2  # the count, then the page
    assert (first.total, first.page, first.pages, first.has_next, first.has_prev) == (
        7, 1, 3, True, False)
    assert emails == ["p0@example.org", "p1@example.org", "p2@example.org"]
    last, emails = _page(app, 3)
    assert emails == ["p6@example.org"] and not last.has_next


@pytest.mark.parametrize("page", [4, 99, 2**31, 10**30])
def test_a_page_past_the_last_shows_the_last(app, seven_people, count_queries, page):
    with count_queries() as counter:
        result, emails = _page(app, page)
    assert counter.count == 2
    assert result.page == 3 and emails == ["p6@example.org"]


@pytest.mark.parametrize("page", [0, -1, -(10**30)])
def test_a_page_below_the_first_shows_the_first(app, seven_people, page):
    result, emails = _page(app, page)
    assert result.page == 1 and emails[0] == "p0@example.org"


def test_an_empty_list_is_one_empty_page(app, seven_people):
    result, emails = _page(app, 5, where=User.email == "nobody@example.org")
    assert (result.total, result.page, result.pages, emails) == (0, 1, 0, [])
    assert not result.has_next and not result.has_prev


def test_more_than_a_hundred_on_a_page(app, seven_people):
    """db.paginate caps per_page at 100 unless told otherwise; paginate does not."""
    result, emails = _page(app, 1, per_page=500)
    assert result.per_page == 500 and len(emails) == 7
