"""audit log: append-only entries (triggers refuse UPDATE and DELETE)

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

# The trigger DDL lives in one place, shared with the models and the test fixtures.
from mentorship.audit import triggers

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column("actor_municipality_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("record_type", sa.String(length=60), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("subject_user_id", sa.Integer(), nullable=True),
        sa.Column("subject_municipality_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_entry_subject_user_id"), ["subject_user_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_audit_entry_subject_municipality_id"),
            ["subject_municipality_id"],
            unique=False,
        )
    for statement in triggers.for_dialect(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for statement in triggers.POSTGRESQL_DROP:
            op.execute(statement)
    op.drop_table("audit_entry")
