"""Personal calendar feeds: one secret, revocable subscription URL per person with all
their programme workshops, training days and study visits."""
