"""Stored times are aware UTC; people read and type Swedish time. The one place that converts.

Flask-Babel's `to_user_timezone` and `to_utc` do the work, in the zone Babel gives the
reader (`BABEL_DEFAULT_TIMEZONE`, Europe/Stockholm: the app has no per-user zone). They
need an app context, which every request, CLI command and RQ job has; code run with no
app at all (a unit test of the export writer) gets the configured default zone.

- `to_local(moment)`: an aware time as Swedish time (aware);
- `to_local_naive(moment)`: the wall-clock time without a zone (a datetime-local field,
  an Excel cell);
- `from_local(value)`: a wall-clock time someone typed -> aware UTC (what is stored);
- `combine(day, at)`: a day and a time of day typed separately -> aware UTC;
- `local_date(moment)`: the Swedish calendar day of a moment;
- `day_start(day)`: the first moment of a Swedish calendar day, as aware UTC;
- `zone_name()`: the zone's name, for the VTIMEZONE of calendar files.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo
from zoneinfo import ZoneInfo

from flask import has_app_context
from flask_babel import get_timezone
from flask_babel import to_user_timezone as _to_user_timezone
from flask_babel import to_utc as _to_utc

from mentorship.config import Defaults


def _fallback_zone() -> tzinfo:
    return ZoneInfo(Defaults.BABEL_DEFAULT_TIMEZONE)


def zone_name() -> str:
    """ "Europe/Stockholm": the zone the app shows times in."""
    if has_app_context():
        return str(get_timezone())
    return Defaults.BABEL_DEFAULT_TIMEZONE


def to_local(moment: datetime) -> datetime:
    """An aware time in the reader's zone (a naive one is taken as UTC, as Babel does)."""
    if has_app_context():
        return _to_user_timezone(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(_fallback_zone())


def to_local_naive(moment: datetime | None) -> datetime | None:
    """The wall-clock time in the reader's zone, without the zone; None stays None."""
    if moment is None:
        return None
    return to_local(moment).replace(tzinfo=None)


def from_local(value: datetime | None) -> datetime | None:
    """A wall-clock time (naive, in the reader's zone) as aware UTC; an aware time is only
    converted to UTC; None stays None."""
    if value is None:
        return None
    if has_app_context():
        return _to_utc(value).replace(tzinfo=UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=_fallback_zone())
    return value.astimezone(UTC)


def combine(day: date, at: time) -> datetime:
    """A day and a time of day in the reader's zone as aware UTC."""
    moment = from_local(datetime.combine(day, at))
    assert moment is not None
    return moment


def local_date(moment: datetime) -> date:
    """The calendar day in the reader's zone (a naive moment is taken as UTC)."""
    return to_local(moment).date()


def day_start(day: date) -> datetime:
    """The first moment of a calendar day in the reader's zone, as aware UTC."""
    return combine(day, time.min)
