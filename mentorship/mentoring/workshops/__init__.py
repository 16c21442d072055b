"""Programme workshops: the drafts made with a round, sign-up, calendar and attendance."""
