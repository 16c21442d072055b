"""Pairing: the engine's input and result, the proposal with lock and forbid rules, manual
pairing, what changed between runs, publishing checks, publishing, ending and re-matching."""
