"""Records of the demo data that the route matrix aims at (tests/app/test_route_matrix.py)."""

from __future__ import annotations

from sqlalchemy import select

from mentorship.extensions import db


def network_targets() -> tuple[int, int, int]:
    """A network no demo HR contact or Bjuv participant is in, one of its members (another
    person), and the demo's (closed) survey."""
    from mentorship.networks.models import Network, NetworkMember, NetworkSurvey

    network = db.session.scalar(select(Network.id).where(Network.name == "Miljönätverket"))
    member = db.session.scalars(
        select(NetworkMember.id).where(NetworkMember.network_id == network)
        .order_by(NetworkMember.id.desc())
    ).first()
    return network, member, db.session.scalars(select(NetworkSurvey.id)).first()
