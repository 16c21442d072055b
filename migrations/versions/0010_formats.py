"""files and formats: calendar SEQUENCE/LAST-MODIFIED per event, personal calendar feeds,
matching reasons stored as codes with parameters instead of Swedish sentences

Revision ID: 0010
Revises: 0009
"""
import json
import re

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

EVENT_TABLES = ("mentor_workshop", "trainee_event")

# The engine's Swedish sentences as they were stored, and their codes. A sentence that
# matches none is kept as {"code": "text"} and shown as it was written.
FIXED = {
    "samma verksamhetsområde": "same_business_area",
    "olika verksamhetsområden": "different_business_areas",
    "adepten har inte angett några mål": "no_goals",
    "mentorn på samma eller högre chefsnivå": "mentor_level_same_or_higher",
    "mentorn på lägre chefsnivå": "mentor_level_lower",
    "önskat kön": "gender_wanted",
    "inte önskat kön": "gender_not_wanted",
    "digitala möten, avståndet räknas inte": "digital_meetings",
    "låst av administratör": "locked",
    "ingen mentor i annan kommun med gemensamt språk och ledig plats": "no_candidate",
    "de mentorer som passar behövs till andra par som ger högre total poäng": "capacity_taken",
}
NUMBER = r"(-?[0-9]+(?:[,.][0-9]+)?)"
PATTERNS = [
    (re.compile(r"^([0-9]+) av ([0-9]+) mål täcks$"), "goals_covered", ("covered", "wanted")),
    (re.compile(r"^mentorn har varit chef längre \(([0-9]+) mot ([0-9]+) år\)$"),
     "mentor_longer", ("mentor_years", "adept_years")),
    (re.compile(r"^mentorn har inte varit chef längre \(([0-9]+) mot ([0-9]+) år\)$"),
     "mentor_not_longer", ("mentor_years", "adept_years")),
    (re.compile(r"^([0-9]+) km$"), "distance", ("km",)),
    (re.compile(r"^bästa möjliga matchning under miniminivån \(bästa par " + NUMBER
                + r" poäng, minst " + NUMBER + r" krävs\)$"),
     "below_minimum", ("best", "required")),
]
FLOAT_PARAMS = {"best", "required"}


def to_code(text):
    if text in FIXED:
        return {"code": FIXED[text], "params": {}}
    for pattern, code, names in PATTERNS:
        found = pattern.match(text)
        if found:
            params = {}
            for name, value in zip(names, found.groups()):
                value = value.replace(",", ".")
                params[name] = float(value) if name in FLOAT_PARAMS else int(value)
            return {"code": code, "params": params}
    return {"code": "text", "params": {"text": text}}


def to_text(reason):
    if isinstance(reason, str):
        return reason
    code, params = reason.get("code"), reason.get("params") or {}
    if code == "text":
        return params.get("text", "")
    for text, fixed in FIXED.items():
        if fixed == code:
            return text
    words = {
        "goals_covered": "{covered} av {wanted} mål täcks",
        "mentor_longer": "mentorn har varit chef längre ({mentor_years} mot {adept_years} år)",
        "mentor_not_longer":
            "mentorn har inte varit chef längre ({mentor_years} mot {adept_years} år)",
        "distance": "{km} km",
        "below_minimum": "bästa möjliga matchning under miniminivån (bästa par {best} poäng, "
                         "minst {required} krävs)",
    }
    shown = {k: (f"{v:.2f}".rstrip("0").rstrip(".").replace(".", ",")
                 if isinstance(v, float) else v) for k, v in params.items()}
    return words.get(code, code).format(**shown)


def _load(value):
    if value is None:
        return []
    return json.loads(value) if isinstance(value, str) else value


def _convert_reasons(convert_list, convert_unmatched):
    conn = op.get_bind()
    for table, has_unmatched in (("mentor_proposed_pair", True), ("mentor_pair", False)):
        columns = "id, reasons, unmatched_reason" if has_unmatched else "id, reasons"
        rows = conn.execute(sa.text(f"SELECT {columns} FROM {table}")).all()
        for row in rows:
            reasons = _load(row[1])
            new = convert_list(reasons)
            values = {"id": row[0], "reasons": new}
            sets = "reasons = :reasons"
            if has_unmatched and row[2]:
                new, unmatched = convert_unmatched(new, row[2])
                values["reasons"] = new
                values["unmatched"] = unmatched
                sets += ", unmatched_reason = :unmatched"
            if new == reasons and "unmatched" not in values:
                continue
            statement = sa.text(f"UPDATE {table} SET {sets} WHERE id = :id").bindparams(
                sa.bindparam("reasons", type_=sa.JSON)
            )
            conn.execute(statement, values)


def _codes_from_text(reasons):
    return [to_code(r) if isinstance(r, str) else r for r in reasons]


def _unmatched_to_code(reasons, unmatched):
    if reasons:  # already a code
        return reasons, unmatched
    reason = to_code(unmatched)
    return [reason], reason["code"] if reason["code"] != "text" else unmatched[:300]


def _text_from_codes(reasons):
    return [to_text(r) for r in reasons]


def _unmatched_to_text(reasons, unmatched):
    return [], (reasons and to_text(reasons[0]) or unmatched)[:300]


def upgrade():
    for table in EVENT_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("calendar_sequence", sa.Integer(), server_default="0", nullable=False)
            )
            batch_op.add_column(
                sa.Column("calendar_updated_at", sa.DateTime(timezone=True), nullable=True)
            )
        # Existing events: LAST-MODIFIED from now on (their earlier changes are not known).
        op.execute(sa.text(f"UPDATE {table} SET calendar_updated_at = CURRENT_TIMESTAMP"))
    op.create_table(
        "calendar_feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"],
            name=op.f("fk_calendar_feed_user_id_user_account"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_feed")),
        sa.UniqueConstraint("token", name=op.f("uq_calendar_feed_token")),
        sa.UniqueConstraint("user_id", name=op.f("uq_calendar_feed_user_id")),
    )
    _convert_reasons(_codes_from_text, _unmatched_to_code)


def downgrade():
    _convert_reasons(_text_from_codes, _unmatched_to_text)
    op.drop_table("calendar_feed")
    for table in reversed(EVENT_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("calendar_updated_at")
            batch_op.drop_column("calendar_sequence")
