"""The year in figures: the annual report's pages on the programmes, computed from the data
(mentor programme, trainee programme, network register) and written as sentences.

A programme-level feature: it reads the other programmes' services; nothing imports it."""
