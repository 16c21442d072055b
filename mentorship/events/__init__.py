"""What both programmes' events have in common: the mentor programme's workshops and the
trainee programme's training days and study visits.

- `models.ScheduledEvent`: the columns of a scheduled event (title, `starts_at` and
  `ends_at` in UTC, place, the calendar bookkeeping) and what follows from them
  (duration, has it started, is it over, its calendar UID). A change of time, place or
  title raises the SEQUENCE of its calendar entry (`mentorship.calendar.entry_for`
  writes the .ics event).
- `models.AttendanceRecord`: who attended, stored the same way in both programmes: one
  row per person present (`trainee_attendance`, `mentor_workshop_attendance`); a person
  was present exactly when the row exists. Rows rather than a flag because the trainee
  programme has no per-person row per event to put a flag on (every trainee of the
  cohort is expected), while a workshop's sign-up row can carry a row of attendance
  beside it: the mentor programme's row points at the sign-up, so cancelling a sign-up
  removes its attendance as the flag on it did. `WorkshopSignup.attended` reads it.
- `attendance.record_attendance(event, present_ids, people)`: the one way to save who
  attended, returning what changed; `forms.AttendanceForm` and the template partial
  `templates/events/_attendance.html` are the one attendance form of both programmes.

Times are converted with `mentorship.timezones`. This package is part of the core: it
never imports a programme.
"""
