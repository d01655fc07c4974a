"""The request journal moves to its own file beside the database (adapters/storage/journal_sqlite.py):
its per-request writes no longer grow this file's WAL nor invalidate the workers' cached settings."""

SQL = """
    DROP TABLE IF EXISTS journal
"""

# PostgreSQL keeps the journal in the database: every instance of a cluster records and reads one journal.
POSTGRES = """
    ALTER TABLE journal ADD COLUMN request_id TEXT NOT NULL DEFAULT '';
    DROP INDEX IF EXISTS journal_by_operation
"""
