"""The mentor programme: rounds, enrolment and profiles, matching with review, publishing,
talks, workshops, evaluation and "Årets mentor"."""
