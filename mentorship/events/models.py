"""Mixins for a scheduled event and for the attendance at one (see the package docstring)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import Integer, String, event, exists, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql.elements import ColumnElement

from mentorship.db import UTCDateTime, utcnow


class ScheduledEvent:
    """The columns of an event in a programme's calendar, for a model to mix in.

    `starts_at` and `ends_at` are aware UTC; a mentor programme workshop is a draft without
    them (a model whose events always have a time narrows both to `Mapped[datetime]`).
    `calendar_sequence` and `calendar_updated_at` are the SEQUENCE and LAST-MODIFIED of
    its calendar entry, kept by `track_calendar_changes`.
    """

    #: "mentor-workshop" gives the calendar UID "mentor-workshop-<id>@<host>".
    calendar_uid_prefix: ClassVar[str]
    #: The columns whose change moves the event in a calendar (SEQUENCE is raised).
    calendar_fields: ClassVar[tuple[str, ...]] = ("title", "starts_at", "ends_at", "place")

    if TYPE_CHECKING:
        id: int

    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(200), default="")
    calendar_sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    calendar_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=utcnow)

    @classmethod
    def attendance_model(cls) -> type[AttendanceRecord]:
        """The model that records who attended this kind of event."""
        raise NotImplementedError(cls.__name__)

    @property
    def scheduled(self) -> bool:
        return self.starts_at is not None

    @property
    def duration(self) -> timedelta | None:
        if self.starts_at is None or self.ends_at is None:
            return None
        return self.ends_at - self.starts_at

    @property
    def minutes(self) -> int | None:
        """The length in whole minutes (None without a time)."""
        duration = self.duration
        return None if duration is None else int(duration.total_seconds() // 60)

    def has_started(self, now: datetime | None = None) -> bool:
        return self.starts_at is not None and self.starts_at <= (now or datetime.now(UTC))

    def is_past(self, now: datetime | None = None) -> bool:
        """Over: it has ended (or, without an end, started)."""
        end = self.ends_at or self.starts_at
        return end is not None and end <= (now or datetime.now(UTC))

    @property
    def calendar_uid(self) -> str:
        """Stable, without the domain: "trainee-event-12"."""
        return f"{self.calendar_uid_prefix}-{self.id}"


def _bump_calendar(session: Session, _context: object, _instances: object) -> None:
    for obj in session.dirty:
        if not isinstance(obj, ScheduledEvent):
            continue
        state = inspect(obj)
        if any(state.attrs[f].history.has_changes() for f in type(obj).calendar_fields):
            obj.calendar_sequence = (obj.calendar_sequence or 0) + 1
            obj.calendar_updated_at = datetime.now(UTC)


def track_calendar_changes() -> None:
    """Raise `calendar_sequence` and stamp `calendar_updated_at` of every scheduled event
    whose `calendar_fields` change, on each flush (registered once, by mentorship.models)."""
    if not event.contains(Session, "before_flush", _bump_calendar):
        event.listen(Session, "before_flush", _bump_calendar)


class AttendanceRecord:
    """A row per person present at an event, for a model to mix in: present = the row
    exists. The model declares its two key columns and names them in `event_key` and
    `person_key` (`trainee_attendance`: event_id, trainee_id)."""

    event_key: ClassVar[str]
    person_key: ClassVar[str]

    @classmethod
    def event_column(cls) -> Any:
        return getattr(cls, cls.event_key)

    @classmethod
    def person_column(cls) -> Any:
        return getattr(cls, cls.person_key)

    @classmethod
    def create(cls, event_id: int, person_id: int) -> AttendanceRecord:
        return cls(**{cls.event_key: event_id, cls.person_key: person_id})

    @classmethod
    def present_for(cls, event_id: Any, person_id: Any) -> ColumnElement[bool]:
        """SQL: whether the person was present (for a column_property or a filter)."""
        return exists().where(cls.event_column() == event_id,
                              cls.person_column() == person_id)

    @property
    def person_id(self) -> int:
        return getattr(self, self.person_key)
