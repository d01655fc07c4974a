"""The request journal moves to its own file beside the database (adapters/storage/journal_sqlite.py):
its per-request writes no longer grow this file's WAL nor invalidate the workers' cached settings."""

SQL = """
    DROP TABLE IF EXISTS journal
"""
