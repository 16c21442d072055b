"""user_account.is_erased: the erased marker as a column instead of a pattern on the address

Revision ID: 0013
Revises: 0012
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN, not a batch: SQLite's batch mode copies the table and would lose
    # the expression index ix_user_account_lower_name (0007), which it cannot reflect.
    op.add_column(
        "user_account",
        sa.Column("is_erased", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    # Accounts erased before this revision are known by the address they were given.
    op.execute(
        "UPDATE user_account SET is_erased = true "
        "WHERE email LIKE 'raderad-%@invalid.example'"
    )


def downgrade():
    op.drop_index("ix_user_account_lower_name", table_name="user_account")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("is_erased")
    op.create_index(
        "ix_user_account_lower_name", "user_account", [sa.text("lower(name)"), "id"], unique=False
    )
