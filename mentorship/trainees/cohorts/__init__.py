"""Cohorts, trainees and their placements: scoped loading and the use cases that change
them, and the trainee's own page."""
