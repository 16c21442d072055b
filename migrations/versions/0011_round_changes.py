"""the coordinator's round: recorded changes to a round's name and dates

Revision ID: 0011
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "mentor_round_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=20), nullable=False),
        sa.Column("old_value", sa.String(length=200), nullable=False),
        sa.Column("new_value", sa.String(length=200), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["user_account.id"],
            name=op.f("fk_mentor_round_change_actor_id_user_account"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"], ["mentor_round.id"],
            name=op.f("fk_mentor_round_change_round_id_mentor_round"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_round_change")),
    )
    with op.batch_alter_table("mentor_round_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mentor_round_change_round_id"), ["round_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("mentor_round_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentor_round_change_round_id"))
    op.drop_table("mentor_round_change")
