"""the coordinator's round, continued: a participant's request to leave a published round;
reminders sent to a selection, and automatic ones; a round's own e-mail texts and
evaluation questions

Revision ID: 0014
Revises: 0013
"""
import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "mentor_reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("selection", sa.String(length=20), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("automatic", sa.Boolean(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["user_account.id"],
            name=op.f("fk_mentor_reminder_actor_id_user_account"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"], ["mentor_round.id"],
            name=op.f("fk_mentor_reminder_round_id_mentor_round"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_reminder")),
    )
    with op.batch_alter_table("mentor_reminder", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mentor_reminder_round_id"), ["round_id"], unique=False
        )
    with op.batch_alter_table("mentor_round", schema=None) as batch_op:
        batch_op.add_column(sa.Column("auto_reminders", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column("texts", sa.JSON(), nullable=False,
                                      server_default=sa.text("'{}'")))
    with op.batch_alter_table("mentor_enrolment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("leave_requested_at", sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column("leave_reason", sa.String(length=300), nullable=False,
                                      server_default=""))


def downgrade():
    with op.batch_alter_table("mentor_round", schema=None) as batch_op:
        batch_op.drop_column("texts")
        batch_op.drop_column("auto_reminders")
    with op.batch_alter_table("mentor_reminder", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentor_reminder_round_id"))
    op.drop_table("mentor_reminder")
    with op.batch_alter_table("mentor_enrolment", schema=None) as batch_op:
        batch_op.drop_column("leave_reason")
        batch_op.drop_column("leave_requested_at")
