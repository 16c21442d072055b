"""The trainee programme: cohorts, placements, training days, study visits, group project,
employment outcomes and their reports."""
