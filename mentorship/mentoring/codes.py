"""The mentor programme's codes that are not a model's: its texts, its reminders' selections
and the round's change list. The rooms that use them and the labels that word them both
import them from here (so the labels import no room)."""

from __future__ import annotations

# The round's own e-mail texts (rounds/texts.py).
ENROLLED, PUBLISH, ENDED, REMINDER = "anmald", "publicering", "avslutat", "paminnelse"
# Whom a reminder goes to (rounds/reminders.py).
PROFILE, INVITATION, SILENT, EVALUATION = "profil", "inbjudan", "tysta", "utvardering"
# The round's change list (rounds/changes.py): a text's field is "text:<kind>" or
# "text:fragor"; a text change is recorded as changed or reset, never with the text.
TEXT = "text:"
CHANGED, RESET = "changed", "reset"
