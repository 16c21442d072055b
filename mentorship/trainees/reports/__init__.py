"""The outcome report (chart, table, export) and the import of earlier cohorts."""
