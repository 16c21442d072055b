"""One page of a list that can grow: Flask-SQLAlchemy's `db.paginate`, with the page number
kept to the pages there are, so that list pages stay fast however long the list.

`paginate(query, page, per_page)` returns flask_sqlalchemy's `Pagination` (`items`,
`total`, `page`, `pages`, `has_prev`, `has_next` ...; `pages` is 0 for an empty list).
`query` must be ordered and select one entity: db.paginate reads `scalars()` and
`unique()`, so joined eager loads are fine. A page past the last (a stale link, a number
typed into the address) shows the last page and one below 1 the first, where db.paginate
would show an empty page or abort: the count is taken first, to know the last page, and
db.paginate then loads that page without counting again (two queries, as before).
"""

from __future__ import annotations

import math

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func, select

from mentorship.extensions import db


def paginate(query: Select, page: int, per_page: int) -> Pagination:
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    last = max(1, math.ceil((total or 0) / per_page))
    result = db.paginate(query, page=min(max(1, page), last), per_page=per_page,
                         max_per_page=None, error_out=False, count=False)
    result.total = total or 0  # (db.paginate's documented way when it does not count)
    return result
