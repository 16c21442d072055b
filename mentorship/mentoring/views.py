"""The mentor programme's routes: each room's view modules add their routes to the one
blueprint (`blueprint.py`), so URLs and endpoint names do not depend on the rooms."""

from mentorship.mentoring.blueprint import bp
from mentorship.mentoring.closing import views as closing  # noqa: F401  (registers routes)
from mentorship.mentoring.enrolment import views as enrolment  # noqa: F401
from mentorship.mentoring.enrolment import wish_views  # noqa: F401
from mentorship.mentoring.fitcheck import views as fitcheck  # noqa: F401
from mentorship.mentoring.pairing import reasons  # noqa: F401  (the reason_texts filter)
from mentorship.mentoring.pairing import views as pairing  # noqa: F401
from mentorship.mentoring.rounds import reminder_views, text_views  # noqa: F401
from mentorship.mentoring.rounds import views as rounds  # noqa: F401
from mentorship.mentoring.talks import views as talks  # noqa: F401
from mentorship.mentoring.workshops import views as workshops  # noqa: F401

__all__ = ["bp"]
