"""The mentor programme: rounds, enrolment and profiles, matching with review, publishing,
talks, workshops, evaluation and "Årets mentor".

One room per concept, each with its services, `views.py` (routes on the one `mentoring`
blueprint) and `forms.py`: `rounds/`, `enrolment/`, `pairing/`, `talks/`, `workshops/`,
`closing/`. Shared by all: `models.py`, `labels.py`, `blueprint.py`, `views.py` (gathers
the rooms' routes), `feature.py`, `cli.py` and the privacy provider (`privacy.py`,
`privacy_export.py`)."""
