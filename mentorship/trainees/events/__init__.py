"""A cohort's training days and study visits (schedule, attendance, calendar) and its
group project with milestones."""
