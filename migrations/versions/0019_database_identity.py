"""the database's identity, carried by every job so that a worker refuses another database's

Revision ID: 0019
Revises: 0018
"""
import secrets
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        "database_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_database_identity")),
    )
    op.bulk_insert(table, [{"id": 1, "token": secrets.token_hex(16),
                            "created_at": datetime.now(UTC)}])


def downgrade():
    op.drop_table("database_identity")
