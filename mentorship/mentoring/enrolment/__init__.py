"""Enrolment: who is in a round (invited one by one or imported from a file), the
participant's profile, and leaving a round."""
