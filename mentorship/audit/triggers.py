"""The triggers that make the audit log append-only, in one place.

The models create them with the schema (tests), migration 0004 with the database, and the
test fixtures drop and re-create the SQLite delete trigger to empty the table between tests.
Plain strings and no imports, so that a migration can use them without loading the app.
"""

from __future__ import annotations

SQLITE_NO_UPDATE = (
    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END"
)
SQLITE_NO_DELETE = (
    "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END"
)
SQLITE = (SQLITE_NO_UPDATE, SQLITE_NO_DELETE)

POSTGRESQL = (
    "CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'audit entries are append-only'; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
)
POSTGRESQL_DROP = (
    "DROP TRIGGER IF EXISTS audit_entry_no_change ON audit_entry",
    "DROP FUNCTION IF EXISTS audit_entry_append_only()",
)


def for_dialect(name: str) -> tuple[str, ...]:
    return POSTGRESQL if name == "postgresql" else SQLITE
