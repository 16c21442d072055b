"""the annual report: the coordinator's own paragraphs, and the adept's consent to quote
a nomination

Revision ID: 0025
Revises: 0024
"""
import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "report_paragraph",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("edited_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_paragraph")),
        sa.UniqueConstraint("year", "key", name=op.f("uq_report_paragraph_year")),
    )
    # A plain ADD COLUMN: nominations made before this revision had no consent to quote.
    op.add_column(
        "mentor_nomination",
        sa.Column("quote_consent", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade():
    with op.batch_alter_table("mentor_nomination", schema=None) as batch_op:
        batch_op.drop_column("quote_consent")
    op.drop_table("report_paragraph")
