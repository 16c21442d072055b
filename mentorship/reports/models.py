"""The coordinator's own wording of a paragraph of a year's report (the cooperation's
version); without a row the paragraph is the generated text."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mentorship.db import UTCDateTime, utcnow
from mentorship.extensions import Model


class ReportParagraph(Model):
    __tablename__ = "report_paragraph"
    __table_args__ = (UniqueConstraint("year", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(60))  # "mentor.round.12", see sentences.py
    text: Mapped[str] = mapped_column(Text)
    edited_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
