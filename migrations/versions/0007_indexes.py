"""indexes found by the load test: the people list's order (lower(name), id)

Revision ID: 0007
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_user_account_lower_name", "user_account", [sa.text("lower(name)"), "id"], unique=False
    )


def downgrade():
    op.drop_index("ix_user_account_lower_name", table_name="user_account")
