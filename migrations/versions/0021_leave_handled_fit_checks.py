"""a request to leave can be marked handled; the "Känns matchningen rätt?" fit check

Revision ID: 0021
Revises: 0020
"""
import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

# Added in place (see 0016): a batch that copies mentor_enrolment would cascade-delete
# every row that refers to it on SQLite.
IN_PLACE = "never"


def upgrade():
    with op.batch_alter_table("mentor_enrolment", recreate=IN_PLACE) as batch_op:
        batch_op.add_column(
            sa.Column("leave_handled_at", sa.DateTime(timezone=True), nullable=True)
        )
    op.create_table(
        "mentor_fit_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answer", sa.String(length=10), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handled_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["pair_id"], ["mentor_pair.id"],
            name=op.f("fk_mentor_fit_check_pair_id_mentor_pair"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["enrolment_id"], ["mentor_enrolment.id"],
            name=op.f("fk_mentor_fit_check_enrolment_id_mentor_enrolment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["handled_by_id"], ["user_account.id"],
            name=op.f("fk_mentor_fit_check_handled_by_id_user_account"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_fit_check")),
        sa.UniqueConstraint("pair_id", "enrolment_id",
                            name="uq_mentor_fit_check_pair_enrolment"),
    )
    with op.batch_alter_table("mentor_fit_check") as batch_op:
        batch_op.create_index(batch_op.f("ix_mentor_fit_check_pair_id"), ["pair_id"])
        batch_op.create_index(batch_op.f("ix_mentor_fit_check_enrolment_id"), ["enrolment_id"])


def downgrade():
    op.drop_table("mentor_fit_check")
    with op.batch_alter_table("mentor_enrolment", recreate=IN_PLACE) as batch_op:
        batch_op.drop_column("leave_handled_at")
