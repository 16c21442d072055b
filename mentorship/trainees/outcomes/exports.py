"""The outcome export: one table that the direct download and the export job both write."""

from __future__ import annotations

from flask_babel import gettext as _

from mentorship.jobs.exportfiles import Table
from mentorship.trainees.cohorts.services import today
from mentorship.trainees.labels import outcome_labels
from mentorship.trainees.outcomes import services


def outcome_table(actor, cohort_id: int | None) -> Table:
    """The outcome export `actor` may see: what the direct download and the job both write."""
    rows = services.outcome_rows(actor, today(), cohort_id)
    labels = outcome_labels()
    header = [
        _("Traineegrupp"),
        _("Namn"),
        _("Värdkommun"),
        _("Befattning under traineeåret"),
        _("Utfall"),
        _("Anställande kommun"),
        _("Befattning"),
        _("Startdatum"),
    ]
    body = []
    for t in rows:
        o = t.outcome
        body.append(
            [
                t.cohort.number,
                t.name,
                t.host_municipality.name,
                t.position_title,
                str(labels[o.category]) if o else _("Saknas"),
                o.employer_municipality.name if o and o.employer_municipality else "",
                o.position_title if o else "",
                o.start_date if o else None,
            ]
        )
    return Table("trainee-utfall", header, body, "trainee_outcome", None,
                 None if actor.is_admin else actor.municipality_id)
