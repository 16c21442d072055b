"""The trainee programme's job (the history import, mentorship/jobs) and its large export."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from mentorship.imports import ImportFile
from mentorship.jobs.exportfiles import Table
from mentorship.jobs.tasks import Progress, Result
from mentorship.trainees.outcomes import exports as outcome_exports
from mentorship.trainees.reports import importer


def import_trainee_history(actor, progress: Progress, upload: ImportFile) -> Result:  # noqa: ARG001
    progress(0, 1)
    result = importer.import_history(upload)
    progress(1, 1)
    return (
        _("Inläst: %(added)s, %(same)s, %(groups)s.",
          added=ngettext("%(num)s ny trainee", "%(num)s nya trainees", result.added),
          same=ngettext("%(num)s fanns redan", "%(num)s fanns redan", result.unchanged),
          groups=ngettext("%(num)s ny grupp", "%(num)s nya grupper",
                          result.created[importer.COHORTS])),
        ("trainees.report", {}),
    )


def outcome_table(actor: Any, cohort_id: int | None) -> Table:
    return outcome_exports.outcome_table(actor, cohort_id)


TASKS = {"import_trainee_history": import_trainee_history}
EXPORTS = {"trainee_outcomes": outcome_table}
