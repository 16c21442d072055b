"""The register of personal data matches the models: no column slips in unregistered."""

from mentorship.extensions import db
from mentorship.privacy.register import NOT_AUDITED, NOT_PERSONAL, PERSONAL, RETENTION_DEFAULTS


def _schema(app) -> dict[str, set[str]]:
    with app.app_context():
        tables = {t.name: {c.name for c in t.columns} for t in db.metadata.sorted_tables}
    tables["alembic_version"] = {"version_num"}
    return tables


def test_every_column_of_every_table_is_registered_exactly_once(app):
    problems = []
    for table, columns in sorted(_schema(app).items()):
        personal = set(PERSONAL.get(table, {}))
        plain = NOT_PERSONAL.get(table, set())
        for column in sorted(columns):
            if column in personal and column in plain:
                problems.append(f"{table}.{column} is both personal and not personal")
            elif column not in personal and column not in plain:
                problems.append(f"{table}.{column} is not in the register")
    assert not problems, "\n".join(problems)


def test_the_register_has_no_stale_entries(app):
    schema = _schema(app)
    stale = [
        f"{table}.{column}"
        for register in (PERSONAL, NOT_PERSONAL)
        for table, columns in register.items()
        for column in columns
        if column not in schema.get(table, set())
    ]
    assert not stale, stale
    assert NOT_AUDITED <= set(schema), NOT_AUDITED - set(schema)


def test_every_personal_field_has_a_purpose_and_a_known_retention_kind():
    for table, columns in PERSONAL.items():
        for column, entry in columns.items():
            assert entry.retention in RETENTION_DEFAULTS, (table, column, entry.retention)
            assert len(entry.purpose) > 10, (table, column)


def test_the_programmes_personal_fields_are_registered_as_personal():
    """Spot checks: free text, profiles and outcomes must never be filed as not personal."""
    for table, column, kind in (
        ("mentor_talk", "private_note", "mentor_round"),
        ("mentor_enrolment", "gender", "mentor_round"),
        ("mentor_evaluation_answer", "comment", "mentor_round"),
        ("mentor_nomination", "text", "mentor_round"),
        ("trainee", "supervisor_email", "trainee"),
        ("trainee_outcome", "category", "trainee"),
        ("trainee_outcome_change", "changes", "trainee"),
    ):
        assert PERSONAL[table][column].retention == kind
