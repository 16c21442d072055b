"""One page of a query's rows, with the total: list pages stay fast however long the list."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sqlalchemy import Select, func, select

from mentorship.extensions import db


@dataclass
class Page:
    items: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1


def paginate(query: Select, page: int, page_size: int, unique: bool = False) -> Page:
    """`query` must be ordered; the page number is clamped to the pages that exist."""
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    pages = max(1, math.ceil((total or 0) / page_size))
    page = min(max(1, page), pages)
    result = db.session.scalars(query.offset((page - 1) * page_size).limit(page_size))
    items = list(result.unique() if unique else result)
    return Page(items=items, total=total or 0, page=page, pages=pages)
