"""The mentor programme's jobs (run on the worker, mentorship/jobs) and its large export.

Each task takes the acting user, a `progress(done, total)` callback and ids or codes (an
uploaded file arrives as an `ImportFile` the worker fetched from its short-lived key); it
only flushes, and returns (message, (endpoint, values)) for the result link.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from mentorship.extensions import db
from mentorship.imports import ImportFile
from mentorship.jobs.exportfiles import Table
from mentorship.jobs.tasks import Progress, Result
from mentorship.mentoring.closing import exports
from mentorship.mentoring.enrolment import importer
from mentorship.mentoring.models import MentorRound
from mentorship.mentoring.pairing import proposals, publishing
from mentorship.mentoring.rounds import services as rounds
from mentorship.refusals import ServiceError


def _round(round_id: int) -> MentorRound:
    round_ = db.session.get(MentorRound, round_id)
    if round_ is None:
        raise ServiceError(_("Omgången finns inte längre."))
    return round_


def match_round(actor, progress: Progress, round_id: int, min_score: float,
                weights: dict[str, float]) -> Result:
    round_ = _round(round_id)
    progress(1, 4)
    rounds.update_round(actor, round_, rounds.RoundSettings(
        round_.name, round_.starts_on, round_.ends_on, float(min_score), dict(weights)))
    progress(2, 4)
    run = proposals.run_matching(actor, round_)
    progress(4, 4)
    return (ngettext("Matchningen är klar: %(num)s par.", "Matchningen är klar: %(num)s par.",
                     run.figures.get("pairs", 0)),
            ("mentoring.proposal", {"round_id": round_id}))


def publish_round(actor, progress: Progress, round_id: int) -> Result:
    n = publishing.publish(actor, _round(round_id), progress=progress)
    return (ngettext("%(num)s par är publicerat. E-post till båda deltagarna ligger i kö för "
                     "att skickas.",
                     "%(num)s par är publicerade. E-post till alla deltagare ligger i kö för att "
                     "skickas.", n), ("mentoring.pairs", {"round_id": round_id}))


def import_enrolments(actor, progress: Progress, round_id: int, upload: ImportFile) -> Result:
    result = importer.import_people(actor, _round(round_id), upload, progress)
    return (
        _("Importen är klar: %(new)s, %(enrolled)s, %(updated)s.",
          new=ngettext("%(num)s nytt konto", "%(num)s nya konton",
                       result.created[importer.ACCOUNTS]),
          enrolled=ngettext("%(num)s ny i omgången", "%(num)s nya i omgången", result.added),
          updated=ngettext("%(num)s uppdaterad", "%(num)s uppdaterade", result.updated)),
        ("mentoring.enrolments", {"round_id": round_id}),
    )


def round_table(actor: Any, round_id: int, kind: str) -> Table:  # noqa: ARG001
    return exports.round_table(_round(round_id), kind)


TASKS = {
    "match_round": match_round,
    "publish_round": publish_round,
    "import_enrolments": import_enrolments,
}
EXPORTS = {"round": round_table}
