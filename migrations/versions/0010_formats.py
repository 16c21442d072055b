"""files and formats: calendar SEQUENCE/LAST-MODIFIED per event, personal calendar feeds

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

EVENT_TABLES = ("mentor_workshop", "trainee_event")


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


def downgrade():
    op.drop_table("calendar_feed")
    for table in reversed(EVENT_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("calendar_updated_at")
            batch_op.drop_column("calendar_sequence")
