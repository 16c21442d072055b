"""user_session.last_seen_at (the idle end of a login); calendar_feed keeps the SHA-256 of
its secret instead of the secret

Revision ID: 0018
Revises: 0017
"""
import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    # A login's last request; those open now count from their start.
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE user_session SET last_seen_at = created_at")
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.alter_column("last_seen_at", existing_type=sa.DateTime(timezone=True),
                              nullable=False)

    # The feed's secret hashed as the login and e-mail tokens are: every address handed
    # out before keeps working (the feed looks up the hash of the secret in its URL).
    with op.batch_alter_table("calendar_feed", schema=None) as batch_op:
        batch_op.add_column(sa.Column("token_hash", sa.String(length=64), nullable=True))
    conn = op.get_bind()
    feeds = sa.table("calendar_feed", sa.column("id", sa.Integer),
                     sa.column("token", sa.String), sa.column("token_hash", sa.String))
    for feed_id, token in conn.execute(sa.select(feeds.c.id, feeds.c.token)).all():
        digest = hashlib.sha256(token.encode()).hexdigest()
        conn.execute(feeds.update().where(feeds.c.id == feed_id).values(token_hash=digest))
    with op.batch_alter_table("calendar_feed", schema=None) as batch_op:
        batch_op.drop_constraint("uq_calendar_feed_token", type_="unique")
        batch_op.drop_column("token")
        batch_op.alter_column("token_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint("uq_calendar_feed_token_hash", ["token_hash"])


def downgrade():
    # The secrets cannot be got back from their hashes: the feeds go, and their owners
    # make new links on Min kalender.
    op.execute("DELETE FROM calendar_feed")
    with op.batch_alter_table("calendar_feed", schema=None) as batch_op:
        batch_op.drop_constraint("uq_calendar_feed_token_hash", type_="unique")
        batch_op.drop_column("token_hash")
        batch_op.add_column(sa.Column("token", sa.String(length=64), nullable=False))
        batch_op.create_unique_constraint("uq_calendar_feed_token", ["token"])
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.drop_column("last_seen_at")
