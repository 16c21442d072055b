"""the account gate: invitations to networks that the account holder accepts; double posts
make one row: one mentor talk a day per writer and pair, and the tokens of forms that
create rows without a natural key (mentorship.once)

Revision ID: 0017
Revises: 0016
"""
import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "network_invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("network_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("role_title", sa.String(length=120), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["network_id"], ["network.id"],
            name=op.f("fk_network_invitation_network_id_network"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"],
            name=op.f("fk_network_invitation_user_id_user_account"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invited_by_id"], ["user_account.id"],
            name=op.f("fk_network_invitation_invited_by_id_user_account"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_invitation")),
        sa.UniqueConstraint(
            "network_id", "user_id", "kind", name=op.f("uq_network_invitation_network_id")
        ),
    )
    op.create_index(op.f("ix_network_invitation_network_id"), "network_invitation",
                    ["network_id"])
    op.create_index(op.f("ix_network_invitation_user_id"), "network_invitation", ["user_id"])
    op.create_index(op.f("ix_network_invitation_invited_by_id"), "network_invitation",
                    ["invited_by_id"])
    # Talks logged twice on one day by one writer of a pair were double posts: the first
    # stays.
    op.execute(
        "DELETE FROM mentor_talk WHERE id NOT IN (SELECT min(id) FROM mentor_talk "
        "GROUP BY pair_id, author_id, held_on) AND author_id IS NOT NULL"
    )
    op.create_index("uq_mentor_talk_pair_author_day", "mentor_talk",
                    ["pair_id", "author_id", "held_on"], unique=True)
    op.create_table(
        "form_once",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_once")),
        sa.UniqueConstraint("token", name=op.f("uq_form_once_token")),
    )
    op.create_index(op.f("ix_form_once_created_at"), "form_once", ["created_at"])


def downgrade():
    op.drop_index(op.f("ix_form_once_created_at"), table_name="form_once")
    op.drop_table("form_once")
    op.drop_index("uq_mentor_talk_pair_author_day", table_name="mentor_talk")
    op.drop_index(op.f("ix_network_invitation_invited_by_id"), table_name="network_invitation")
    op.drop_index(op.f("ix_network_invitation_user_id"), table_name="network_invitation")
    op.drop_index(op.f("ix_network_invitation_network_id"), table_name="network_invitation")
    op.drop_table("network_invitation")
