"""Employment outcomes: report and change them, what is missing, and the reminder to the
HR contacts about missing outcomes."""
