"""Unbound extensions; create_app binds them."""

from typing import TYPE_CHECKING

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

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
