"""shared events (mentorship.events): a workshop has an end time instead of a length, and
workshop attendance is a row per person present, as in the trainee programme

Revision ID: 0016
Revises: 0015
"""
from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

DEFAULT_MINUTES = 180  # a draft's length before this revision (it has no time to end)

workshop = sa.table(
    "mentor_workshop",
    sa.column("id", sa.Integer()),
    sa.column("starts_at", sa.DateTime(timezone=True)),
    sa.column("ends_at", sa.DateTime(timezone=True)),
    sa.column("minutes", sa.Integer()),
)
signup = sa.table(
    "mentor_workshop_signup",
    sa.column("workshop_id", sa.Integer()),
    sa.column("enrolment_id", sa.Integer()),
    sa.column("attended", sa.Boolean()),
)
attendance = sa.table(
    "mentor_workshop_attendance",
    sa.column("workshop_id", sa.Integer()),
    sa.column("enrolment_id", sa.Integer()),
)

# Columns are added and dropped in place, on SQLite too (ALTER TABLE ... DROP COLUMN,
# SQLite 3.35+): a batch that copies the table would drop the old mentor_workshop (or
# mentor_workshop_signup), and with foreign keys on SQLite deletes the rows that refer to
# it first (ON DELETE CASCADE): every sign-up and attendance of every workshop.
IN_PLACE = "never"


def upgrade():
    with op.batch_alter_table("mentor_workshop", recreate=IN_PLACE) as batch_op:
        batch_op.add_column(sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True))
    bind = op.get_bind()
    timed = bind.execute(
        sa.select(workshop.c.id, workshop.c.starts_at, workshop.c.minutes)
        .where(workshop.c.starts_at.is_not(None))
    ).all()
    for workshop_id, starts_at, minutes in timed:
        bind.execute(
            workshop.update()
            .where(workshop.c.id == workshop_id)
            .values(ends_at=starts_at + timedelta(minutes=minutes))
        )
    with op.batch_alter_table("mentor_workshop", recreate=IN_PLACE) as batch_op:
        batch_op.drop_column("minutes")

    op.create_table(
        "mentor_workshop_attendance",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id", "enrolment_id"],
            ["mentor_workshop_signup.workshop_id", "mentor_workshop_signup.enrolment_id"],
            name="fk_mentor_workshop_attendance_signup",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "workshop_id", "enrolment_id", name=op.f("pk_mentor_workshop_attendance")
        ),
    )
    op.execute(
        attendance.insert().from_select(
            ["workshop_id", "enrolment_id"],
            sa.select(signup.c.workshop_id, signup.c.enrolment_id)
            .where(signup.c.attended.is_(sa.true())),
        )
    )
    with op.batch_alter_table("mentor_workshop_signup", recreate=IN_PLACE) as batch_op:
        batch_op.drop_column("attended")


def downgrade():
    with op.batch_alter_table("mentor_workshop_signup", recreate=IN_PLACE) as batch_op:
        batch_op.add_column(
            sa.Column("attended", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.execute(
        signup.update()
        .where(
            sa.exists().where(
                attendance.c.workshop_id == signup.c.workshop_id,
                attendance.c.enrolment_id == signup.c.enrolment_id,
            )
        )
        .values(attended=True)
    )
    op.drop_table("mentor_workshop_attendance")

    with op.batch_alter_table("mentor_workshop", recreate=IN_PLACE) as batch_op:
        batch_op.add_column(
            sa.Column("minutes", sa.Integer(), nullable=False,
                      server_default=str(DEFAULT_MINUTES))
        )
    bind = op.get_bind()
    timed = bind.execute(
        sa.select(workshop.c.id, workshop.c.starts_at, workshop.c.ends_at)
        .where(workshop.c.starts_at.is_not(None), workshop.c.ends_at.is_not(None))
    ).all()
    for workshop_id, starts_at, ends_at in timed:
        minutes = round((ends_at - starts_at).total_seconds() / 60)
        bind.execute(
            workshop.update().where(workshop.c.id == workshop_id).values(minutes=minutes)
        )
    with op.batch_alter_table("mentor_workshop", recreate=IN_PLACE) as batch_op:
        batch_op.drop_column("ends_at")
