"""Views of the mentor programme, split by who uses them and for what."""

from mentorship.mentoring import reasons  # noqa: F401  (the reason_texts filter)
from mentorship.mentoring.blueprint import bp
from mentorship.mentoring.views import (  # noqa: F401  (each module registers its routes)
    enrol,
    events,
    leaving,
    manual,
    matching,
    own_talks,
    participant,
    reminders,
    rounds,
    texts,
)

__all__ = ["bp"]
