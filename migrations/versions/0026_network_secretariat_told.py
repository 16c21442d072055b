"""The network start checklist: each municipality's row says whether its answer has reached
the secretariat (network_municipality.secretariat_told), instead of one flag per network

Revision ID: 0026
Revises: 0025
"""
import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "network_municipality",
        sa.Column("secretariat_told", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    # A network whose secretariat was informed before this revision: every municipality
    # that had answered then had told it.
    op.execute(
        "UPDATE network_municipality SET secretariat_told = true "
        "WHERE answer IS NOT NULL AND network_id IN "
        "(SELECT id FROM network WHERE secretariat_informed_on IS NOT NULL)"
    )


def downgrade():
    with op.batch_alter_table("network_municipality", schema=None) as batch_op:
        batch_op.drop_column("secretariat_told")
