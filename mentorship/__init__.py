"""The mentorship application factory.

Python runs this module before any submodule of the package (migration 0004 imports
`mentorship.audit.triggers` alone, a benchmark `mentorship.db`), so it imports the app's
parts inside the functions that build an app: importing one part never loads them all.
"""

from __future__ import annotations

import os
from typing import Any

from flask import Flask

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=os.environ.get("MENTORSHIP_INSTANCE_PATH") or os.path.join(ROOT, "instance"),
        instance_relative_config=True,
        template_folder=os.path.join(ROOT, "templates"),
    )
    register_config(app, test_config)
    register_extensions(app)
    register_i18n(app)
    register_ops(app)
    register_access(app)
    register_blueprints(app)
    register_errors(app)
    register_templates(app)
    register_cli(app)
    return app


def register_config(app: Flask, test_config: dict[str, Any] | None) -> None:
    # deferred: the app's parts load when an app is built (see the module's docstring)
    from mentorship.config import load_config

    load_config(app, test_config)


def register_extensions(app: Flask) -> None:
    # deferred: the app's parts load when an app is built (see the module's docstring)
    from mentorship.audit.services import init_audit
    from mentorship.auth.token_state import init_token_state
    from mentorship.db import configure_sqlite, render_item
    from mentorship.extensions import csrf, db, limiter, login_manager, migrate
    from mentorship.forms import bound_numbers_and_dates
    from mentorship.numbers import decimal_comma_fields
    from mentorship.people.gate import manageable
    from mentorship.privacy.register import PERSONAL, personal_tables

    bound_numbers_and_dates()
    decimal_comma_fields()

    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=os.path.join(ROOT, "migrations"),
        render_as_batch=True,
        compare_type=True,
        render_item=render_item,
    )
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    with app.app_context():
        configure_sqlite(db.engine)
    _import_models()
    init_audit(personal=PERSONAL, audited=personal_tables(), manageable=manageable)
    init_token_state()


def _import_models() -> None:
    """Every feature's models, so that Alembic and relationships see the whole schema."""
    # deferred: the app's parts load when an app is built (see the module's docstring)
    import mentorship.models  # noqa: F401


def register_i18n(app: Flask) -> None:
    # deferred: the app's parts load when an app is built (see the module's docstring)
    from mentorship.i18n import init_i18n

    init_i18n(app)


def register_ops(app: Flask) -> None:
    # deferred: the app's parts load when an app is built (see the module's docstring)
    from mentorship.ops import init_ops

    init_ops(app)


def register_access(app: Flask) -> None:
    # deferred: the app's parts load when an app is built (see the module's docstring)
    from mentorship.access import enforce_policy
    from mentorship.auth.login import init_login
    from mentorship.security import register_security

    init_login(app)
    app.before_request(enforce_policy)
    register_security(app)


def register_blueprints(app: Flask) -> None:
    # deferred: the app's parts load when an app is built (see the module's docstring)
    from mentorship.access import wrap_static
    from mentorship.blueprints import all_blueprints, all_features
    from mentorship.features import register
    from mentorship.static_files import init_static_files

    for blueprint in all_blueprints():
        app.register_blueprint(blueprint)
    for feature in all_features():
        register(app, feature)
    wrap_static(app)
    init_static_files(app)


def register_errors(app: Flask) -> None:
    # deferred: the app's parts load when an app is built (see the module's docstring)
    from mentorship.errors import init_errors

    init_errors(app)


def register_templates(app: Flask) -> None:
    # deferred: the app's parts load when an app is built (see the module's docstring)
    from mentorship.main.start import nav_items
    from mentorship.templating import init_templates

    init_templates(app, nav_items)


def register_cli(app: Flask) -> None:
    # deferred: the app's parts load when an app is built (see the module's docstring)
    from mentorship.cli import init_cli

    init_cli(app)
