"""Rounds: create, settings and states, name and dates after publishing (recorded), the
round's own e-mail texts, the dashboard, reminders and the start page's open tasks."""
