"""Closing a round: the evaluation, Årets mentor and the round's exports."""
