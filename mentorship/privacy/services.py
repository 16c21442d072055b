"""Mina uppgifter (export), erasure of one person, and the retention purge."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext as _

from mentorship.audit.services import record
from mentorship.auth.models import User
from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.people.services import may_manage
from mentorship.privacy.foundation import expired_accounts
from mentorship.privacy.models import PurgeLog
from mentorship.privacy.providers import providers
from mentorship.privacy.retention import load_periods
from mentorship.refusals import ServiceError


def export_user(user: User) -> dict[str, Any]:
    """Everything held about the user, with what each part is for and how long it is kept."""
    sections = [s for provider in providers() for s in provider.export(user)]
    # The keys stay Swedish (a file format); the texts are in the reader's language.
    return {
        "om": _("Allt som HR-nätverkets programtjänst har sparat om dig, hämtat %(when)s.",
                when=utcnow().isoformat(timespec="seconds")),
        "delar": [
            {
                "del": s.key,
                "rubrik": str(s.title),
                "används_till": str(s.purpose),
                "sparas": str(s.retention),
                "uppgifter": s.data,
            }
            for s in sections
        ],
    }


def _erase_everywhere(user_ids: list[int]) -> dict[str, int]:
    counts: dict[str, int] = {}
    # Feature data first: the foundation's erase anonymises the account they point at.
    for provider in reversed(providers()):
        for kind, n in provider.erase(user_ids).items():
            counts[kind] = counts.get(kind, 0) + n
    return counts


def _log(reason: str, counts: dict[str, int], actor: User | None) -> None:
    for kind, n in sorted(counts.items()):
        db.session.add(
            PurgeLog(reason=reason, kind=kind, count=n, actor_id=actor.id if actor else None)
        )


def erase_person(actor: User, user: User) -> dict[str, int]:
    if not actor.is_admin or not may_manage(actor, user):
        raise ServiceError(_("Bara en administratör kan radera en person."))
    if user.id == actor.id:
        raise ServiceError(_("Du kan inte radera ditt eget konto här."))
    if user.is_erased:
        raise ServiceError(_("Personen är redan raderad."))
    subject_municipality = user.municipality_id
    counts = _erase_everywhere([user.id])
    _log("erasure", counts, actor)
    record("erase", "user_account", user.id, user.id, subject_municipality, actor)
    db.session.flush()
    return counts


def purge(now: datetime | None = None) -> dict[str, int]:
    """Removes or anonymises what has passed its retention period; idempotent."""
    now = now or utcnow()
    periods = load_periods()
    counts: dict[str, int] = {}
    stale = expired_accounts(now, periods)
    for kind, n in _erase_everywhere(stale).items():
        counts[kind] = counts.get(kind, 0) + n
    for provider in providers():
        for kind, n in provider.expire(now, periods).items():
            counts[kind] = counts.get(kind, 0) + n
    _log("retention", counts, None)
    record("purge", "retention", None, None, None, actor=None)
    db.session.flush()
    return counts
