"""The trainee programme: cohorts, placements, training days, study visits, group project,
employment outcomes and their reports.

One room per concept, each with its services and `views.py` (routes on the one `trainees`
blueprint): `cohorts/`, `events/`, `outcomes/`, `reports/`. Shared by all: `models.py`,
`forms.py`, `labels.py`, `blueprint.py`, `views.py` (gathers the rooms' routes),
`feature.py` with `start.py`, `cli.py` and the privacy provider (`privacy.py`)."""
