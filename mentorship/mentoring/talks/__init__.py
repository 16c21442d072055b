"""Talks: the published pairs as each user may see them, the mentor talks they log, and the
participant's own page."""
