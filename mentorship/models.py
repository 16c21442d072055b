"""Imports every feature's models (for Alembic autogenerate and mapper configuration)."""

from mentorship.audit.models import AuditEntry  # noqa: F401
from mentorship.auth.models import User, UserRole, UserSession, UserToken  # noqa: F401
from mentorship.auth.sso.models import IdentityProvider, UserIdentity  # noqa: F401
from mentorship.events.models import track_calendar_changes
from mentorship.feeds.models import CalendarFeed  # noqa: F401
from mentorship.jobs.models import DatabaseIdentity  # noqa: F401
from mentorship.mail.models import OutboxMessage  # noqa: F401
from mentorship.mentoring.closing_models import EvaluationAnswer, Nomination  # noqa: F401
from mentorship.mentoring.fit_models import FitCheck  # noqa: F401
from mentorship.mentoring.models import (  # noqa: F401
    Enrolment,
    MatchRule,
    MatchRun,
    MentorGoal,
    MentorPair,
    MentorRound,
    MentorTalk,
    ProposedPair,
    RoundTransition,
    Workshop,
    WorkshopAttendance,
    WorkshopSignup,
)
from mentorship.mentoring.rounds.log import Reminder, RoundChange  # noqa: F401
from mentorship.mentoring.wish_models import (  # noqa: F401
    AdeptWish,
    MentorExclusion,
    WishPeriod,
)
from mentorship.networks.invitation_models import NetworkInvitation  # noqa: F401
from mentorship.networks.models import (  # noqa: F401
    Network,
    NetworkCoordinator,
    NetworkField,
    NetworkMember,
    NetworkMunicipality,
    NetworkPlan,
    NetworkSurvey,
    NetworkSurveyAnswer,
)
from mentorship.once import FormOnce  # noqa: F401
from mentorship.privacy.models import PurgeLog, RetentionRule  # noqa: F401
from mentorship.reference.models import BusinessArea, Municipality  # noqa: F401
from mentorship.reports.models import ReportParagraph  # noqa: F401
from mentorship.trainees.models import (  # noqa: F401
    Attendance,
    Cohort,
    GroupProject,
    Outcome,
    OutcomeChange,
    OutcomeReminder,
    ProjectMilestone,
    Trainee,
    TraineeEvent,
)

# A change of time, place or title raises the SEQUENCE of the event's calendar entry
# (each ScheduledEvent's calendar_fields).
track_calendar_changes()
