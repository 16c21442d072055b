"""Unbound extensions (create_app binds them), and the transaction of its own that app code
takes on the bound database."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.engine import Connection

from mentorship.db import Base

db = SQLAlchemy(model_class=Base)

# The base every model subclasses. At run time it is Flask-SQLAlchemy's `db.Model` (our Base's
# metadata and naming convention, plus `query` and `__fsa__`); a type checker cannot use the
# `db.Model` attribute as a base class, so it sees our typed declarative `Base` instead.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


@contextmanager
def separate_transaction() -> Iterator[Connection]:
    """A transaction of its own, committed whatever the request's session then does.

    When the app is bound to one connection (the test suite runs each test inside a
    transaction it rolls back), this is a savepoint on that connection instead: a second
    connection would wait for the test's write lock on SQLite.
    """
    bind = db.engine
    if isinstance(bind, Connection):
        with bind.begin_nested():
            yield bind
        return
    with bind.begin() as conn:
        yield conn
