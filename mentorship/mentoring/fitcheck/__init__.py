""""Känns matchningen rätt?": an early, private question to each side of a published pair
(services.py), its answer page and the coordinator's handling (views.py)."""
