"""The schema comes only from the migrations: upgrade from empty, then `db check` finds
nothing the models have that the migrations lack. Runs on the suite's database kind."""

import os

from sqlalchemy import inspect

from tests.conftest import make_test_config
from tests.db_state import new_database


def test_upgrade_from_empty_and_check(tmp_path):
    from mentorship import create_app
    from mentorship.extensions import db

    url = new_database(str(tmp_path), "migrations")
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


def test_accounts_erased_before_the_column_existed_are_marked(tmp_path):
    from sqlalchemy import text

    from mentorship import create_app
    from mentorship.extensions import db

    url = new_database(str(tmp_path), "migrations_erased")
    app = create_app(make_test_config(url, str(tmp_path)))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade", "0007"]).exit_code == 0
    with app.app_context():
        with db.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO municipality (id, name, code, latitude, longitude, active) "
                "VALUES (1, 'Bjuv', '1260', 56.08, 12.92, true)"
            ))
            for email in ("raderad-7@invalid.example", "kvar@example.org"):
                conn.execute(text(
                    "INSERT INTO user_account (email, name, municipality_id, active, created_at)"
                    " VALUES (:email, 'X', 1, false, CURRENT_TIMESTAMP)"
                ), {"email": email})
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        with db.engine.connect() as conn:
            rows = dict(conn.execute(text("SELECT email, is_erased FROM user_account")).all())
        db.engine.dispose()
    assert rows == {"raderad-7@invalid.example": True, "kvar@example.org": False}
