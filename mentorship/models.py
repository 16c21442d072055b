"""Imports every feature's models (for Alembic autogenerate and mapper configuration)."""

from mentorship.audit.models import AuditEntry  # noqa: F401
from mentorship.auth.models import User, UserRole, UserSession, UserToken  # noqa: F401
from mentorship.mail.models import OutboxMessage  # noqa: F401
from mentorship.mentoring.models import (  # noqa: F401
    Enrolment,
    EvaluationAnswer,
    MatchRule,
    MatchRun,
    MentorGoal,
    MentorPair,
    MentorRound,
    MentorTalk,
    Nomination,
    ProposedPair,
    Reminder,
    RoundChange,
    RoundTransition,
    Workshop,
    WorkshopSignup,
)
from mentorship.privacy.models import PurgeLog, RetentionRule  # noqa: F401
from mentorship.reference.models import BusinessArea, Municipality  # noqa: F401
from mentorship.trainees.models import (  # noqa: F401
    Attendance,
    Cohort,
    GroupProject,
    Outcome,
    OutcomeChange,
    ProjectMilestone,
    Trainee,
    TraineeEvent,
)
