"""participants shape the matching: profile texts (presentation, what an adept wants to
develop, what a mentor offers, whether adepts may see a mentor's profile), a round's wish
period, adepts' ranked wishes and mentors' "not this one" marks

Revision ID: 0020
Revises: 0019
"""
import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


# Added in place (see 0016): a batch that copies mentor_enrolment would cascade-delete
# every row that refers to it on SQLite.
IN_PLACE = "never"


def _enrolment_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["mentor_enrolment.id"],
        name=op.f(f"fk_{table}_{column}_mentor_enrolment"), ondelete="CASCADE",
    )


def _round_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["round_id"], ["mentor_round.id"],
        name=op.f(f"fk_{table}_round_id_mentor_round"), ondelete="CASCADE",
    )


def upgrade():
    with op.batch_alter_table("mentor_enrolment", recreate=IN_PLACE) as batch_op:
        for name in ("presentation", "develop_text", "offer_text"):
            batch_op.add_column(sa.Column(name, sa.String(length=500), nullable=False,
                                          server_default=""))
        batch_op.add_column(sa.Column("profile_visible", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))

    op.create_table(
        "mentor_wish_period",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        _round_fk("mentor_wish_period"),
        sa.PrimaryKeyConstraint("round_id", name=op.f("pk_mentor_wish_period")),
    )

    op.create_table(
        "mentor_adept_wish",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("adept_id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.CheckConstraint("rank BETWEEN 1 AND 3", name=op.f("ck_mentor_adept_wish_rank_range")),
        _round_fk("mentor_adept_wish"),
        _enrolment_fk("mentor_adept_wish", "adept_id"),
        _enrolment_fk("mentor_adept_wish", "mentor_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_adept_wish")),
        sa.UniqueConstraint("adept_id", "rank", name="uq_mentor_adept_wish_rank"),
        sa.UniqueConstraint("adept_id", "mentor_id", name="uq_mentor_adept_wish_mentor"),
    )
    with op.batch_alter_table("mentor_adept_wish", schema=None) as batch_op:
        for column in ("adept_id", "mentor_id", "round_id"):
            batch_op.create_index(batch_op.f(f"ix_mentor_adept_wish_{column}"), [column],
                                  unique=False)

    op.create_table(
        "mentor_exclusion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("adept_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _round_fk("mentor_exclusion"),
        _enrolment_fk("mentor_exclusion", "mentor_id"),
        _enrolment_fk("mentor_exclusion", "adept_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_exclusion")),
        sa.UniqueConstraint("mentor_id", "adept_id", name="uq_mentor_exclusion_pair"),
    )
    with op.batch_alter_table("mentor_exclusion", schema=None) as batch_op:
        for column in ("adept_id", "mentor_id", "round_id"):
            batch_op.create_index(batch_op.f(f"ix_mentor_exclusion_{column}"), [column],
                                  unique=False)


def downgrade():
    op.drop_table("mentor_exclusion")
    op.drop_table("mentor_adept_wish")
    op.drop_table("mentor_wish_period")
    with op.batch_alter_table("mentor_enrolment", recreate=IN_PLACE) as batch_op:
        for name in ("profile_visible", "offer_text", "develop_text", "presentation"):
            batch_op.drop_column(name)
