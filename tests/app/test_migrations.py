"""The schema comes only from the migrations: upgrade from empty, then `db check` finds
nothing the models have that the migrations lack. Runs on the suite's database kind."""

import os

from sqlalchemy import inspect

from tests.conftest import make_test_config
from tests.e2e.conftest import _e2e_database


def test_upgrade_from_empty_and_check(tmp_path):
    from mentorship import create_app
    from mentorship.extensions import db

    url = _e2e_database(str(tmp_path), "migrations")
    app = create_app(make_test_config(url, str(tmp_path)))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        tables = set(inspect(db.engine).get_table_names())
        assert {"user_account", "municipality", "business_area", "alembic_version"} <= tables
        # Downgrade to empty works too, so a bad release can be rolled back.
    result = runner.invoke(args=["db", "downgrade", "base"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


def test_there_is_one_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    config = Config(os.path.join(root, "migrations", "alembic.ini"))
    config.set_main_option("script_location", os.path.join(root, "migrations"))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1
