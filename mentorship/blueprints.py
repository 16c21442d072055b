"""The features and their blueprints, in one place: the only module that names them all."""

from __future__ import annotations

from flask import Blueprint

from mentorship.audit.views import bp as audit
from mentorship.auth.sso.views import bp as sso
from mentorship.auth.views import bp as auth
from mentorship.features import Feature
from mentorship.feeds.feature import FEATURE as feeds_feature
from mentorship.feeds.views import bp as feeds
from mentorship.jobs.views import bp as jobs
from mentorship.mail.views import bp as mail
from mentorship.main.views import bp as main
from mentorship.mentoring.feature import FEATURE as mentoring_feature
from mentorship.mentoring.views import bp as mentoring
from mentorship.networks.feature import FEATURE as networks_feature
from mentorship.networks.views import bp as networks
from mentorship.ops import bp as ops
from mentorship.people.views import bp as people
from mentorship.privacy.views import bp as privacy
from mentorship.reference.views import bp as reference
from mentorship.reports.feature import FEATURE as reports_feature
from mentorship.reports.views import bp as reports
from mentorship.trainees.feature import FEATURE as trainees_feature
from mentorship.trainees.views import bp as trainees


def all_blueprints() -> list[Blueprint]:
    return [main, auth, sso, people, reference, mail, audit, privacy, trainees, mentoring,
            jobs, ops, feeds, networks, reports]


def all_features() -> list[Feature]:
    """What each programme adds to the core's start page, menu and privacy export, in the
    order they appear there."""
    return [mentoring_feature, trainees_feature, feeds_feature, networks_feature,
            reports_feature]
